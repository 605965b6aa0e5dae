// Serves the built renderer (index.html and its assets) from one folder, and nothing outside it:
// the decoded path is resolved, symlinks included, and must stay under the folder.
import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
}

export const contentTypeOf = (path: string): string => CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'

export interface StaticFilesOptions {
  rendererDir: string
  /** Headers added to every HTML answer (CSP and friends). */
  htmlHeaders: Record<string, string>
}

/** The file a request path names, or undefined when it is not a file under root. */
export async function resolveUnder(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  const rootReal = await realpath(root)
  const candidate = resolve(rootReal, relative)
  if (!candidate.startsWith(rootReal + sep)) return undefined
  try {
    const real = await realpath(candidate)
    if (!real.startsWith(rootReal + sep)) return undefined
    return (await stat(real)).isFile() ? real : undefined
  } catch {
    return undefined
  }
}

export function createStaticFiles(opts: StaticFilesOptions) {
  const root = resolve(opts.rendererDir)
  return async function serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n')
      return
    }
    const file = await resolveUnder(root, pathname)
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n')
      return
    }
    const type = contentTypeOf(file)
    const isHtml = type.startsWith('text/html')
    res.writeHead(200, {
      'Content-Type': type,
      // index.html changes with every build; hashed assets may be cached.
      'Cache-Control': isHtml ? 'no-store' : 'no-cache',
      ...(isHtml ? opts.htmlHeaders : {}),
    })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    const stream = createReadStream(file)
    stream.on('error', () => res.destroy())
    stream.pipe(res)
  }
}

export const indexHtmlPath = (rendererDir: string): string => join(rendererDir, 'index.html')
