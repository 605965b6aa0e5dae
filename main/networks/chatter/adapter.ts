// The Chatter NetworkAdapter: columns are Connect REST feeds (news, to/me, a group's record feed),
// paged with nextPageUrl and polled with updatesUrl; threads are an element plus its comments.
import type { ColumnKind, ColumnSpec, ColumnTarget, Item } from '../../../preload/model'
import { NetworkFailure } from '../../core/errors'
import type { RateLimit } from '../../core/http/rate-limit'
import type { AdapterContext, NetworkAdapter, Page, PageCursor, WriteCapabilities } from '../types'
import { itemId } from '../types'
import { mapComment, mapFeedElement, mapFeedItem, parseFeedElement, type MappingContext } from './mapping'
import {
  API_VERSION,
  CommentPageSchema,
  FeedElementPageSchema,
  RawFeedElementSchema,
  UserGroupPageSchema,
  UserPageSchema,
  type CommentPage,
  type FeedElementPage,
  type UserGroupPage,
} from './schemas'
import { createChatterSession } from './session'

const CHATTER = `/services/data/${API_VERSION}/chatter`
const PAGE_SIZE = 25
/** Most pages we follow in one go (updates, comments, groups): a loop guard, not a limit we expect to hit. */
const MAX_PAGES = 20
const RECORD_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/
/** How many people the mention autocomplete offers. */
const PEOPLE_LIMIT = 8

export const CHATTER_CAPABILITIES: WriteCapabilities = {
  post: true,
  reply: true,
  like: true,
  repost: true,
  remove: true,
  moderate: false,
  report: false,
}

function feedPath(column: ColumnSpec): string {
  switch (column.kind) {
    case 'home':
      return `${CHATTER}/feeds/news/me/feed-elements`
    case 'mentions':
      return `${CHATTER}/feeds/to/me/feed-elements`
    case 'group':
      if (!column.target || !RECORD_ID.test(column.target)) {
        throw new NetworkFailure('permanent', `This column needs a Chatter group; "${column.target ?? ''}" is not a group id.`)
      }
      return `${CHATTER}/feeds/record/${column.target}/feed-elements`
    default:
      throw new NetworkFailure('permanent', `Salesforce Chatter has no "${column.kind}" columns.`)
  }
}

export function createChatterAdapter(ctx: AdapterContext): NetworkAdapter {
  const session = createChatterSession(ctx)

  async function mapping(): Promise<MappingContext> {
    return { accountId: ctx.account.id, instanceUrl: await session.instanceUrl() }
  }

  async function getPage(url: string): Promise<{ page: FeedElementPage; items: Item[]; rateLimit: RateLimit }> {
    const res = await session.get(url, FeedElementPageSchema)
    const m = await mapping()
    const items = res.data.elements.map((el) => mapFeedElement(el, m)).filter((i): i is Item => i !== null)
    return { page: res.data, items, rateLimit: res.rateLimit }
  }

  async function newest(column: ColumnSpec, keepOlder?: string): Promise<Page> {
    const { page, items, rateLimit } = await getPage(`${feedPath(column)}?pageSize=${PAGE_SIZE}&sort=CreatedDateDesc`)
    const older = keepOlder ?? page.nextPageUrl ?? undefined
    return { items, cursor: cursor(page.updatesUrl, older), hasMore: older !== undefined, rateLimit }
  }

  /** Everything created or changed since the updatesUrl was handed out, across its pages. */
  async function updates(column: ColumnSpec, from: PageCursor & { newer: string }): Promise<Page> {
    feedPath(column) // validates the column even though the URL comes from the cursor
    const items: Item[] = []
    const seen = new Set<string>()
    let url: string | null | undefined = from.newer
    let next: string | undefined = from.newer
    let rateLimit: RateLimit | undefined
    for (let i = 0; url && i < MAX_PAGES; i++) {
      const got = await getPage(url)
      for (const item of got.items) {
        if (seen.has(item.id)) continue
        seen.add(item.id)
        items.push(item)
      }
      rateLimit = got.rateLimit
      // The first page's updatesUrl marks "now"; later pages only continue the same query.
      if (i === 0 && got.page.updatesUrl) next = got.page.updatesUrl
      url = got.page.nextPageUrl
    }
    items.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    return { items, cursor: cursor(next, from.older), hasMore: from.older !== undefined, rateLimit }
  }

  return {
    capabilities: CHATTER_CAPABILITIES,

    async fetchPage(column, current, direction) {
      if (direction === 'older') {
        feedPath(column)
        if (!current?.older) return { items: [], cursor: current ?? {}, hasMore: false }
        const { page, items, rateLimit } = await getPage(current.older)
        const older = page.nextPageUrl ?? undefined
        return { items, cursor: cursor(current.newer, older), hasMore: older !== undefined, rateLimit }
      }
      if (current?.newer) return updates(column, { ...current, newer: current.newer })
      return newest(column, current?.older)
    },

    async fetchThread(remoteId) {
      if (!RECORD_ID.test(remoteId)) throw new NetworkFailure('permanent', `"${remoteId}" is not a Chatter feed element id.`)
      const m = await mapping()
      const { data } = await session.get(`${CHATTER}/feed-elements/${remoteId}`, RawFeedElementSchema)
      const element = parseFeedElement(data)
      if (!element) throw new NetworkFailure('permanent', `Chatter element ${remoteId} is not a post and has no thread.`)
      const root = mapFeedItem(element, m)
      const comments: Item[] = []
      let url: string | null | undefined = `${CHATTER}/feed-elements/${remoteId}/capabilities/comments/items?pageSize=100`
      for (let i = 0; url && i < MAX_PAGES; i++) {
        const { data: page }: { data: CommentPage } = await session.get(url, CommentPageSchema)
        comments.push(...page.items.map((c) => mapComment(c, element.id, m)))
        url = page.nextPageUrl
      }
      comments.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      return { rootId: itemId(ctx.account.id, element.id), items: [root, ...comments] }
    },

    async listTargets(kind: ColumnKind): Promise<ColumnTarget[]> {
      if (kind !== 'group') return []
      const targets: ColumnTarget[] = []
      let url: string | null | undefined = `${CHATTER}/users/me/groups?pageSize=100`
      for (let i = 0; url && i < MAX_PAGES; i++) {
        const { data }: { data: UserGroupPage } = await session.get(url, UserGroupPageSchema)
        targets.push(...data.groups.map((g) => ({ value: g.id, label: g.name })))
        url = data.nextPageUrl
      }
      return targets.sort((a, b) => a.label.localeCompare(b.label))
    },

    async searchPeople(query) {
      // q searches people's names word by word; a trailing * makes each word a prefix. Salesforce
      // wants at least two characters that are not wildcards.
      const words = query
        .replace(/^\s*@+/, '')
        .replace(/[*?]/g, ' ')
        .split(/\s+/)
        .filter(Boolean)
      if (words.join('').length < 2) return []
      const q = encodeURIComponent(words.map((w) => `${w}*`).join(' '))
      const { data } = await session.get(`${CHATTER}/users?q=${q}&pageSize=${PEOPLE_LIMIT}`, UserPageSchema)
      return data.users.slice(0, PEOPLE_LIMIT).map((u) => ({
        id: u.id,
        name: u.displayName || u.name || u.id,
        ...(u.username ? { handle: u.username } : {}),
        ...(u.photo?.smallPhotoUrl ? { avatarUrl: u.photo.smallPhotoUrl } : {}),
      }))
    },
  }
}

function cursor(newer: string | null | undefined, older: string | null | undefined): PageCursor {
  return { ...(newer ? { newer } : {}), ...(older ? { older } : {}) }
}
