// The Content-Security-Policy of our page, the same in both shells (renderer/index.html carries
// it as a meta tag too). Only connect-src differs: the web host adds its WebSocket address.
export function contentSecurityPolicy(opts: { connectSrc?: string[]; scriptSrc?: string[] } = {}): string {
  return [
    "default-src 'self'",
    "img-src 'self' https: http: data:",
    "style-src 'self' 'unsafe-inline'",
    ["script-src 'self'", ...(opts.scriptSrc ?? [])].join(' '),
    ["connect-src 'self'", ...(opts.connectSrc ?? [])].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}
