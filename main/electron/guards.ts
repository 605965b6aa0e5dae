// Guards every WebContents the app creates (our window and anything else that might appear):
// no navigation away from our page, no new windows (http/https links go to the system
// browser instead), no <webview>, and no permission (camera, notifications…) ever granted.
import type { Session, WebContents } from 'electron'
import type { Logger } from '../core/capabilities'

export interface GuardOptions {
  isAppUrl(url: string): boolean
  openExternal(url: string): Promise<void>
  logger: Logger
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

/** Hands a web page to the system browser; anything but http/https is refused. */
export function openIfWeb(url: string, opts: GuardOptions): boolean {
  let protocol: string
  try {
    protocol = new URL(url).protocol
  } catch {
    protocol = ''
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    opts.logger.warn('Refused to open a link that is not http or https', { url: url.slice(0, 200) })
    return false
  }
  opts
    .openExternal(url)
    .catch((error: unknown) => opts.logger.error('Could not open a link in the browser', { error: String(error) }))
  return true
}

const guarded = new WeakSet<object>()

export function guardWebContents(contents: GuardedContents, opts: GuardOptions): void {
  if (guarded.has(contents)) return
  guarded.add(contents)
  const stayHome = (event: { preventDefault(): void; url: string }) => {
    if (opts.isAppUrl(event.url)) return
    event.preventDefault()
    opts.logger.warn('Blocked a navigation away from Crosstalk', { url: event.url.slice(0, 200) })
  }
  contents.on('will-navigate', stayHome)
  contents.on('will-redirect', stayHome)
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    opts.logger.warn('Blocked a <webview>')
  })
  contents.setWindowOpenHandler(({ url }) => {
    openIfWeb(url, opts)
    return { action: 'deny' }
  })
}

export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
