// Reading one Mastodon account: columns page by id (max_id / min_id) following the Link header,
// threads come from /statuses/:id/context. Every request reports X-RateLimit-* to the scheduler.
import type { z } from 'zod'
import type { ColumnSpec, Item } from '../../../preload/model'
import { NetworkFailure, UserError } from '../../core/errors'
import { mastodonRateLimit } from '../../core/http/rate-limit'
import type { AdapterContext, NetworkAdapter, Page, PageCursor, WriteCapabilities } from '../types'
import { itemId } from '../types'
import { statusToItem } from './mapping'
import { AccountListSchema, ContextSchema, NotificationListSchema, StatusListSchema, StatusSchema } from './schemas'

/** Mastodon's maximum page size for statuses (limit_param: twice the default of 20). */
export const PAGE_LIMIT = 40
/** How many people the mention autocomplete offers. */
const PEOPLE_LIMIT = 8

export const MASTODON_CAPABILITIES: WriteCapabilities = {
  post: true,
  reply: true,
  like: true,
  repost: true,
  remove: true,
  report: true,
  moderate: false,
}

/** `<url>; rel="next", <url>; rel="prev"` → { next, prev } URLs. */
export function parseLinkHeader(header: string | null): { next?: URL; prev?: URL } {
  const out: { next?: URL; prev?: URL } = {}
  if (!header) return out
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part)
    if (!m) continue
    const rel = /\brel="?([^";]+)"?/i.exec(m[2] ?? '')?.[1]?.split(/\s+/) ?? []
    let url: URL
    try {
      url = new URL(m[1] ?? '')
    } catch {
      continue
    }
    if (rel.includes('next')) out.next = url
    if (rel.includes('prev')) out.prev = url
  }
  return out
}

export function createMastodonAdapter(ctx: AdapterContext): NetworkAdapter {
  const { account, http } = ctx

  function base(): string {
    if (!account.server) throw new NetworkFailure('auth', `${account.handle} has no server address; sign in again.`)
    return account.server
  }

  async function authHeaders(): Promise<Record<string, string>> {
    // A public source reads what the server shows everyone: no token at all.
    if (account.anonymous) return {}
    const { accessToken } = await ctx.credentials.get()
    if (!accessToken) throw new NetworkFailure('auth', `No access token stored for ${account.handle}; sign in again.`)
    return { authorization: `Bearer ${accessToken}` }
  }

  async function get<S extends z.ZodType>(path: string, schema: S, searchParams?: URLSearchParams) {
    return http.json(
      { url: `${base()}${path}`, headers: await authHeaders(), searchParams, rateLimit: mastodonRateLimit },
      schema,
    )
  }

  function columnPath(column: ColumnSpec): string {
    switch (column.kind) {
      case 'home':
        return '/api/v1/timelines/home'
      case 'mentions':
        return '/api/v1/notifications'
      case 'public':
        return '/api/v1/timelines/public'
      case 'hashtag': {
        const tag = (column.target ?? '').trim().replace(/^#+/, '')
        if (tag === '') throw new UserError('invalid-target', 'A hashtag column needs a hashtag, for example community.')
        return `/api/v1/timelines/tag/${encodeURIComponent(tag)}`
      }
      default:
        throw new UserError('unsupported-column', `Mastodon has no "${column.kind}" column.`)
    }
  }

  /** Turns one answer into a Page: items, the cursors to continue from and whether older items remain. */
  function toPage(
    res: { headers: Headers; rateLimit: Page['rateLimit'] },
    ids: string[],
    items: Item[],
    cursor: PageCursor | undefined,
    direction: 'newer' | 'older',
  ): Page {
    const links = parseLinkHeader(res.headers.get('link'))
    const newer = links.prev?.searchParams.get('min_id') ?? links.prev?.searchParams.get('since_id') ?? ids[0]
    const older = links.next?.searchParams.get('max_id') ?? ids[ids.length - 1]
    const hasMore = links.next !== undefined
    // The cursor returned is the whole column's: a newer page moves only the newer end, an older page only the older end.
    if (direction === 'newer' && cursor?.newer !== undefined) {
      return {
        items,
        cursor: { newer: newer ?? cursor.newer, older: cursor.older ?? older },
        hasMore: cursor.older !== undefined || hasMore,
        rateLimit: res.rateLimit,
      }
    }
    if (direction === 'older' && cursor?.older !== undefined) {
      return { items, cursor: { newer: cursor.newer ?? newer, older: older ?? cursor.older }, hasMore, rateLimit: res.rateLimit }
    }
    return { items, cursor: { newer, older }, hasMore, rateLimit: res.rateLimit }
  }

  return {
    capabilities: MASTODON_CAPABILITIES,

    async fetchPage(column, cursor, direction) {
      const path = columnPath(column)
      const params = new URLSearchParams({ limit: String(PAGE_LIMIT) })
      // Forward paging with min_id is gapless: it returns the page immediately above the cursor.
      if (direction === 'newer' && cursor?.newer) params.set('min_id', cursor.newer)
      if (direction === 'older' && cursor?.older) params.set('max_id', cursor.older)

      if (column.kind === 'mentions') {
        params.append('types[]', 'mention')
        const res = await get(path, NotificationListSchema, params)
        const items = res.data.flatMap((n) => (n.type === 'mention' && n.status ? [statusToItem(account, n.status)] : []))
        return toPage(
          res,
          res.data.map((n) => n.id),
          items,
          cursor,
          direction,
        )
      }
      const res = await get(path, StatusListSchema, params)
      return toPage(
        res,
        res.data.map((s) => s.id),
        res.data.map((s) => statusToItem(account, s)),
        cursor,
        direction,
      )
    },

    async fetchThread(remoteId) {
      const { data: opened } = await get(`/api/v1/statuses/${encodeURIComponent(remoteId)}`, StatusSchema)
      // A boost has no conversation of its own: show the boosted status's.
      const status = opened.reblog ? { ...opened.reblog, reblog: null } : opened
      const { data: context } = await get(`/api/v1/statuses/${encodeURIComponent(status.id)}/context`, ContextSchema)
      const items = [...context.ancestors, status, ...context.descendants].map((s) => statusToItem(account, s))
      const root = context.ancestors[0] ?? status
      return { rootId: itemId(account.id, root.id), items }
    },

    async listTargets() {
      return []
    },

    async searchPeople(query) {
      const q = query.trim().replace(/^@+/, '')
      // Account search needs a signed-in user; a public source has none (and cannot write anyway).
      if (account.anonymous || q === '') return []
      // resolve=false: only accounts the server already knows, no WebFinger look-up per keystroke.
      const params = new URLSearchParams({ q, limit: String(PEOPLE_LIMIT), resolve: 'false' })
      const { data } = await get('/api/v1/accounts/search', AccountListSchema, params)
      return data.slice(0, PEOPLE_LIMIT).map((a) => ({
        id: a.id,
        name: a.display_name.trim() !== '' ? a.display_name : a.username,
        // acct without '@' (user, or user@domain for remote accounts): write.ts prefixes it.
        handle: a.acct,
        ...(a.avatar ? { avatarUrl: a.avatar } : {}),
      }))
    },
  }
}
