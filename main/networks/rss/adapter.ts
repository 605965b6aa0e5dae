// Reading feeds: one conditional GET per poll (If-None-Match / If-Modified-Since), so a feed
// that has not changed answers 304 and costs nothing. The validators ride in the column's
// cursor; <ttl> and Retry-After slow the column's polling. Feeds have no paging: older = none.
import { z } from 'zod'
import type { ColumnSpec } from '../../../preload/model'
import { NetworkFailure, UserError } from '../../core/errors'
import type { AdapterContext, NetworkAdapter, Page, PageCursor, WriteCapabilities } from '../types'
import { entryToItem, rootOf, splitRemoteId } from './mapping'
import { parseFeedDocument } from './parse'

export const RSS_CAPABILITIES: WriteCapabilities = {
  post: false,
  reply: false,
  like: false,
  repost: false,
  remove: false,
  moderate: false,
  report: false,
}

const ACCEPT =
  'application/atom+xml, application/rss+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5'

const ValidatorsSchema = z.object({ etag: z.string().optional(), lastModified: z.string().optional() })
type Validators = z.infer<typeof ValidatorsSchema>

/** The validators kept in cursor.newer; anything unreadable means "fetch in full". */
export function readValidators(cursor: PageCursor | undefined): Validators {
  if (!cursor?.newer) return {}
  try {
    const parsed = ValidatorsSchema.safeParse(JSON.parse(cursor.newer))
    return parsed.success ? parsed.data : {}
  } catch {
    return {}
  }
}

/** http(s) URLs only; anything else is refused before any request. */
export function normalizeFeedUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new UserError(
      'invalid-target',
      `"${raw}" is not a feed address. Paste the full URL, for example https://blog.example.com/feed.`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UserError('invalid-target', `Crosstalk reads feeds over http or https only, not ${url.protocol.replace(/:$/, '')}.`)
  url.hash = ''
  return url.toString()
}

export function createRssAdapter(ctx: AdapterContext): NetworkAdapter {
  const { account, http } = ctx

  function feedUrlOf(column: ColumnSpec): string {
    if (!column.target) throw new UserError('invalid-target', 'A feed column needs the feed’s URL.')
    return normalizeFeedUrl(column.target)
  }

  async function download(feedUrl: string, validators: Validators) {
    const headers: Record<string, string> = { accept: ACCEPT }
    if (validators.etag) headers['if-none-match'] = validators.etag
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified
    return http.text({ url: feedUrl, headers })
  }

  return {
    capabilities: RSS_CAPABILITIES,

    async fetchPage(column, cursor, direction): Promise<Page> {
      if (direction === 'older') return { items: [], cursor: cursor ?? {}, hasMore: false }
      const feedUrl = feedUrlOf(column)
      const res = await download(feedUrl, readValidators(cursor))
      if (res.status === 304) return { items: [], cursor: cursor ?? {}, hasMore: false, rateLimit: res.rateLimit }
      const feed = parseFeedDocument(res.data, feedUrl)
      const fetchedAt = new Date().toISOString()
      const seen = new Set<string>()
      const items = feed.entries
        .filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)))
        .map((e) => entryToItem(account, feedUrl, feed, e, fetchedAt))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      const etag = res.headers.get('etag') ?? undefined
      const lastModified = res.headers.get('last-modified') ?? undefined
      const page: Page = {
        items,
        cursor: { newer: etag || lastModified ? JSON.stringify({ etag, lastModified }) : undefined },
        hasMore: false,
        rateLimit: res.rateLimit,
      }
      if (feed.ttlMinutes !== undefined && feed.ttlMinutes > 0) page.minIntervalMs = feed.ttlMinutes * 60_000
      return page
    },

    async fetchThread(remoteId) {
      const ids = splitRemoteId(remoteId)
      if (!ids) throw new NetworkFailure('permanent', 'This feed entry has no feed address to read its thread from.')
      const res = await download(ids.feedUrl, {})
      const feed = parseFeedDocument(res.data, ids.feedUrl)
      const byId = new Map(feed.entries.map((e) => [e.id, e]))
      const focus = byId.get(ids.entryId)
      if (!focus) throw new NetworkFailure('permanent', 'This entry is no longer in its feed.')
      const root = rootOf(focus, byId)
      const fetchedAt = new Date().toISOString()
      // Reading order: the root, then every entry that leads back to it, oldest first.
      const members = feed.entries
        .filter((e) => e.id === root || rootOf(e, byId) === root)
        .sort((a, b) => (a.id === root ? -1 : b.id === root ? 1 : (a.published ?? '').localeCompare(b.published ?? '')))
      const items = members.map((e) => entryToItem(account, ids.feedUrl, feed, e, fetchedAt))
      const rootItem = items.find((i) => i.remoteId.endsWith(` ${root}`)) ?? items[0]!
      return { rootId: rootItem.id, items }
    },

    async listTargets() {
      return []
    },
  }
}
