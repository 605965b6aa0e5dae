// Where our page lives: the dev server's origin (electron-vite sets ELECTRON_RENDERER_URL) or
// the built out/renderer/index.html. Navigation, IPC senders and the CSP are judged by it.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface AppPage {
  /** What BrowserWindow should load. */
  readonly target: { kind: 'url'; url: string } | { kind: 'file'; path: string }
  /** True for our page (any hash or query): the dev server's origin, or exactly the built index.html. */
  isAppUrl(url: string): boolean
}

export function createAppPage(opts: { rendererUrl?: string; indexHtml: string }): AppPage {
  if (opts.rendererUrl) {
    const origin = new URL(opts.rendererUrl).origin
    return {
      target: { kind: 'url', url: opts.rendererUrl },
      isAppUrl: (url) => parse(url)?.origin === origin,
    }
  }
  const indexHtml = resolve(opts.indexHtml)
  return {
    target: { kind: 'file', path: indexHtml },
    isAppUrl(url) {
      const parsed = parse(url)
      if (parsed?.protocol !== 'file:' || parsed.host !== '') return false
      try {
        return resolve(fileURLToPath(parsed)) === indexHtml
      } catch {
        return false
      }
    },
  }
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}
