// Reading one Bluesky account through @atproto/api (our Http's fetch underneath). Feeds page
// backwards only (cursor); "newer" re-reads the first page and keeps what is newer than the
// newest item already seen (cursor.newer holds its indexedAt). The SDK refreshes an expired
// access JWT itself (ExpiredToken → refreshSession); the new tokens go back to the keychain.
import type { z } from 'zod'
import type { ColumnSpec, Item } from '../../../preload/model'
import { UserError } from '../../core/errors'
import type { AdapterContext, NetworkAdapter, Page, PageCursor, WriteCapabilities } from '../types'
import { itemId } from '../types'
import { blueskyRateLimit } from './errors'
import { createBlueskySession, type BlueskySession, type HeadersMap } from './session'
import { feedViewPostToItem, placeholderItem, postToItem } from './mapping'
import {
  ActorsTypeaheadSchema,
  FeedPageSchema,
  NotificationPageSchema,
  PostsSchema,
  PostThreadSchema,
  SearchPageSchema,
  type PostView,
  type ThreadNode,
} from './schemas'
import { addGates, completeGates, hiddenBy, replyRootView, type ThreadGates } from './threadgate'

export const PAGE_LIMIT = 50
/** How many people the mention autocomplete offers. */
const PEOPLE_LIMIT = 8

export const BLUESKY_CAPABILITIES: WriteCapabilities = {
  post: true,
  reply: true,
  like: true,
  repost: true,
  remove: true,
  moderate: true, // hiding a reply in one's own thread (the threadgate's hiddenReplies)
  report: false,
}

type Keyed = { item: Item; key: string }

export function createBlueskyAdapter(ctx: AdapterContext, session: BlueskySession = createBlueskySession(ctx)): NetworkAdapter {
  const { account } = ctx
  const { call, agent } = session

  const target = (column: ColumnSpec, what: string): string => {
    const t = column.target?.trim()
    if (!t) throw new UserError('invalid-target', `This column needs ${what}.`)
    return t
  }

  /** One page of a column, each item with the key it sorts by (when it entered the feed). */
  async function read(
    column: ColumnSpec,
    cursor: string | undefined,
  ): Promise<{ entries: Keyed[]; next?: string; headers: HeadersMap }> {
    const limit = PAGE_LIMIT
    const fromFeed = async (r: { data: z.output<typeof FeedPageSchema>; headers: HeadersMap }) => {
      // A reply's entry carries its root's post view, and with it the thread's gate.
      const roots = r.data.feed.flatMap((f) => {
        const root = replyRootView(f.reply?.root)
        return root ? [root] : []
      })
      const gates = await gatesFor(
        r.data.feed.map((f) => f.post),
        addGates(new Map(), roots),
      )
      return {
        entries: r.data.feed.map((f) => ({
          item: feedViewPostToItem(account, f, gates),
          key: f.reason?.indexedAt ?? f.post.indexedAt,
        })),
        next: r.data.cursor,
        headers: r.headers,
      }
    }
    switch (column.kind) {
      case 'home':
        return fromFeed(await call(FeedPageSchema, () => agent.app.bsky.feed.getTimeline({ limit, cursor })))
      case 'feed':
        return fromFeed(
          await call(FeedPageSchema, () =>
            agent.app.bsky.feed.getFeed({ feed: target(column, 'a feed (at://… URI)'), limit, cursor }),
          ),
        )
      case 'list':
        return fromFeed(
          await call(FeedPageSchema, () =>
            agent.app.bsky.feed.getListFeed({ list: target(column, 'a list (at://… URI)'), limit, cursor }),
          ),
        )
      case 'search': {
        const r = await call(SearchPageSchema, () =>
          agent.app.bsky.feed.searchPosts({ q: target(column, 'a search'), sort: 'latest', limit, cursor }),
        )
        const gates = await gatesFor(r.data.posts)
        return {
          entries: r.data.posts.map((p) => ({ item: postToItem(account, p, undefined, gates), key: p.indexedAt })),
          next: r.data.cursor,
          headers: r.headers,
        }
      }
      case 'mentions': {
        const r = await call(NotificationPageSchema, () =>
          agent.app.bsky.notification.listNotifications({ limit, cursor, reasons: ['mention', 'reply', 'quote'] }),
        )
        const wanted = r.data.notifications.filter((n) => ['mention', 'reply', 'quote'].includes(n.reason))
        const views: PostView[] = []
        // getPosts takes at most 25 URIs per call.
        for (let i = 0; i < wanted.length; i += 25) {
          const uris = wanted.slice(i, i + 25).map((n) => n.uri)
          const got = await call(PostsSchema, () => agent.app.bsky.feed.getPosts({ uris }))
          views.push(...got.data.posts)
        }
        // Replies to the account's posts: the ones it may hide, so whether it did matters here most.
        const gates = await gatesFor(views)
        const posts = new Map(views.map((p) => [p.uri, postToItem(account, p, undefined, gates)]))
        const entries = wanted.flatMap((n) => {
          const item = posts.get(n.uri)
          return item ? [{ item, key: n.indexedAt }] : []
        })
        return { entries, next: r.data.cursor, headers: r.headers }
      }
      default:
        throw new UserError('unsupported-column', `Bluesky has no "${column.kind}" column.`)
    }
  }

  /** The hidden replies of the threads these posts are in, where the account started them (threadgate.ts). */
  const gatesFor = (posts: readonly PostView[], known: ThreadGates = new Map()) => completeGates(session, account, posts, known)

  return {
    capabilities: BLUESKY_CAPABILITIES,

    async fetchPage(column, cursor: PageCursor | undefined, direction): Promise<Page> {
      if (direction === 'older' && !cursor?.older) return { items: [], cursor: cursor ?? {}, hasMore: false }
      const { entries, next, headers } = await read(column, direction === 'older' ? cursor?.older : undefined)
      const rateLimit = blueskyRateLimit(headers, Date.now())
      const newest = entries.reduce<string | undefined>((max, e) => (max === undefined || e.key > max ? e.key : max), undefined)
      if (direction === 'older') {
        return {
          items: entries.map((e) => e.item),
          cursor: { newer: cursor?.newer ?? newest, older: next },
          hasMore: next !== undefined,
          rateLimit,
        }
      }
      const since = cursor?.newer
      const fresh = since === undefined ? entries : entries.filter((e) => e.key > since)
      const newer = since !== undefined && newest !== undefined && newest < since ? since : (newest ?? since)
      // On a later poll the older end stays where it was; on the first one it starts here.
      const older = cursor?.newer !== undefined ? cursor.older : next
      return {
        items: fresh.map((e) => e.item),
        cursor: { newer, older },
        hasMore: cursor?.newer !== undefined ? cursor.older !== undefined : next !== undefined,
        rateLimit,
      }
    },

    async fetchThread(remoteId) {
      const { data } = await call(PostThreadSchema, () =>
        agent.app.bsky.feed.getPostThread({ uri: remoteId, depth: 10, parentHeight: 40 }),
      )
      const items: Item[] = []
      const focus = data.thread
      if (focus.$type !== 'app.bsky.feed.defs#threadViewPost' || !('post' in focus)) {
        const why = focus.$type === 'app.bsky.feed.defs#blockedPost' ? 'blocked' : 'not-found'
        const item = placeholderItem(account, remoteId, why, new Date().toISOString())
        return { rootId: item.id, items: [item] }
      }
      const near = focus.post.indexedAt
      const rootUri = focus.post.record.reply?.root.uri ?? focus.post.uri
      // The thread's gate: on the answer itself, on the root's view when the ancestors reach it, or read.
      const views: PostView[] = []
      const collect = (node: ThreadNode | undefined) => {
        if (!node) return
        if (node.$type === 'app.bsky.feed.defs#threadViewPost' && 'post' in node) views.push(node.post)
        if ('parent' in node) collect(node.parent as ThreadNode | undefined)
        if ('replies' in node) for (const r of (node.replies as ThreadNode[] | undefined) ?? []) collect(r)
      }
      collect(focus)
      const known: ThreadGates = new Map()
      if (data.threadgate) known.set(rootUri, hiddenBy(rootUri, data.threadgate))
      const gates = await gatesFor(views, known)
      const asItem = (node: ThreadNode): Item | undefined => {
        if (node.$type === 'app.bsky.feed.defs#threadViewPost' && 'post' in node)
          return postToItem(account, node.post, undefined, gates)
        if (node.$type === 'app.bsky.feed.defs#notFoundPost' && node.uri)
          return placeholderItem(account, node.uri, 'not-found', near)
        if (node.$type === 'app.bsky.feed.defs#blockedPost' && node.uri)
          return placeholderItem(account, node.uri, 'blocked', near)
        return undefined
      }
      // Ancestors, root first.
      const ancestors: Item[] = []
      const parentOf = (node: ThreadNode): ThreadNode | undefined =>
        'parent' in node ? (node.parent as ThreadNode | undefined) : undefined
      let p = parentOf(focus)
      while (p) {
        const item = asItem(p)
        if (item) ancestors.unshift(item)
        p = parentOf(p)
      }
      items.push(...ancestors, postToItem(account, focus.post, undefined, gates))
      // Replies depth first, oldest first at each level.
      const walk = (nodes: ThreadNode[] | undefined) => {
        const sorted = [...(nodes ?? [])].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))
        for (const node of sorted) {
          const item = asItem(node)
          if (item) items.push(item)
          if ('replies' in node) walk(node.replies as ThreadNode[] | undefined)
        }
      }
      walk(focus.replies)
      return { rootId: itemId(account.id, rootUri), items }
    },

    async listTargets() {
      return []
    },

    async searchPeople(query) {
      const q = query.trim().replace(/^@+/, '')
      // A public source has no session to write (or mention) with.
      if (account.anonymous || q === '') return []
      const { data } = await call(ActorsTypeaheadSchema, () =>
        agent.app.bsky.actor.searchActorsTypeahead({ q, limit: PEOPLE_LIMIT }),
      )
      return data.actors.slice(0, PEOPLE_LIMIT).map((a) => ({
        id: a.did,
        name: a.displayName?.trim() || a.handle,
        handle: a.handle,
        ...(a.avatar ? { avatarUrl: a.avatar } : {}),
      }))
    },
  }
}

/** Replies read oldest first; blocked and missing ones (no time known) come after them. */
const sortKey = (node: ThreadNode): string =>
  'post' in node && node.post ? (node.post as { indexedAt: string }).indexedAt : '\uffff'
