// Mastodon's id-based paging (Paginable#paginate_by_id) and its Link header
// (Api::Pagination#set_pagination_headers): newest first; max_id is an exclusive upper bound;
// since_id an exclusive lower bound (newest page above it); min_id an exclusive lower bound that
// pages forward (the page immediately above it). Empty pages carry no Link header.
import { compareIds } from './data'

export interface PageQuery {
  maxId?: string
  sinceId?: string
  minId?: string
  limit: number
}

/** limit_param: absent → default, otherwise |limit| capped at twice the default. Negative → invalid. */
export function readPageQuery(params: URLSearchParams, defaultLimit: number): PageQuery | { error: string } {
  const rawLimit = params.get('limit')
  const n = rawLimit === null ? defaultLimit : Number.parseInt(rawLimit, 10) || 0
  if (n < 0) return { error: 'Pagination values for `offset` and `limit` must be positive' }
  const opt = (k: string) => params.get(k) || undefined
  return { maxId: opt('max_id'), sinceId: opt('since_id'), minId: opt('min_id'), limit: Math.min(n, defaultLimit * 2) }
}

export function paginate<T>(records: T[], idOf: (r: T) => string, q: PageQuery): T[] {
  const below = (r: T) => q.maxId === undefined || compareIds(idOf(r), q.maxId) < 0
  if (q.minId !== undefined) {
    const min = q.minId
    return records
      .filter((r) => below(r) && compareIds(idOf(r), min) > 0)
      .sort((a, b) => compareIds(idOf(a), idOf(b)))
      .slice(0, q.limit)
      .reverse()
  }
  const since = q.sinceId
  return records
    .filter((r) => below(r) && (since === undefined || compareIds(idOf(r), since) > 0))
    .sort((a, b) => compareIds(idOf(b), idOf(a)))
    .slice(0, q.limit)
}

/**
 * `Link: <…?max_id=LAST>; rel="next", <…?min_id=FIRST>; rel="prev"`, keeping the request's
 * other permitted parameters (limit, types[], …) as Rails does.
 */
export function linkHeader(base: string, keep: URLSearchParams, firstId: string, lastId: string): string {
  const url = (k: 'max_id' | 'min_id', v: string) => {
    const p = new URLSearchParams(keep)
    p.set(k, v)
    return `${base}?${p.toString()}`
  }
  return `<${url('max_id', lastId)}>; rel="next", <${url('min_id', firstId)}>; rel="prev"`
}
