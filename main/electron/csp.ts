// Sends our Content-Security-Policy with our own page (the dev server's answers; the built
// file: page carries the same policy in its meta tag, as file: answers have no headers).
import type { Session } from 'electron'
import { contentSecurityPolicy } from '../core/bridge/csp'

export function installContentSecurityPolicy(session: Pick<Session, 'webRequest'>, isAppUrl: (url: string) => boolean): void {
  const policy = contentSecurityPolicy()
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) return callback({})
    const headers = { ...details.responseHeaders }
    // Ours replaces any policy the server sent, whatever its header's case.
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name]
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } })
  })
}
