// Addressing a site's REST API. The root comes from the site's `Link: <…>; rel="https://api.w.org/"`
// header: "https://blog.example/wp-json/" with pretty permalinks, "…/index.php?rest_route=/"
// without them. Requests are built the same way for both.
import type { HttpRequest } from '../../core/http/client'

export function restRequest(
  root: string,
  route: string,
  params: Record<string, string | number | undefined> = {},
): Pick<HttpRequest, 'url' | 'searchParams'> {
  const base = new URL(root)
  const searchParams = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined) searchParams.set(k, String(v))
  if (base.searchParams.has('rest_route')) {
    // ky's searchParams replace the URL's query, so rest_route travels with them.
    searchParams.set('rest_route', `/${route.replace(/^\/+/, '')}`)
    base.search = ''
    return { url: base.toString(), searchParams }
  }
  return { url: new URL(route.replace(/^\/+/, ''), base.toString().replace(/\/?$/, '/')).toString(), searchParams }
}

/** The REST root announced by a page's Link header, if any. */
export function restRootFromLink(link: string | null): string | undefined {
  if (!link) return undefined
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]+)>\s*;(.*)$/.exec(part)
    if (m && /rel="?https:\/\/api\.w\.org\/"?/.test(m[2] ?? '')) return m[1]
  }
  return undefined
}

export const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
