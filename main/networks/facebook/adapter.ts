// Reading Facebook Pages: the Page feed, recent comments on the Page's posts, and posts the Page
// is tagged in; a thread is the post with its comments (and their replies). Cursor paging
// (paging.cursors.after) for older pages; a poll re-reads the first page and keeps what is new.
import type { ColumnSpec, Item } from '../../../preload/model'
import { NetworkFailure, UserError } from '../../core/errors'
import type { AdapterContext, NetworkAdapter, Page, WriteCapabilities } from '../types'
import { itemId } from '../types'
import { graphGet, pageTokenKey, type FacebookEndpoints } from './auth'
import { commentToItem, postToItem, splitRef } from './mapping'
import { COMMENT_FIELDS, CommentListSchema, POST_FIELDS, PostListSchema, PostSchema } from './schemas'

export const FACEBOOK_CAPABILITIES: WriteCapabilities = {
  post: true,
  reply: true,
  like: true,
  repost: false,
  remove: true,
  moderate: true, // hide a comment
  report: false,
}

export function createFacebookAdapter(ctx: AdapterContext, e: FacebookEndpoints): NetworkAdapter {
  const { account, http } = ctx

  async function pageToken(pageId: string): Promise<string> {
    const c = await ctx.credentials.get()
    const token = c[pageTokenKey(pageId)]
    if (!token) throw new NetworkFailure('auth', `No access to that Page is stored for ${account.displayName}; sign in again.`)
    return token
  }
  const pageOf = (column: ColumnSpec) => {
    const id = column.target?.trim()
    if (!id) throw new UserError('invalid-target', 'Choose a Page for this column.')
    return id
  }
  /** The Page a post or comment id belongs to: Graph ids start with it ("<page>_<post>"). */
  const pageOfId = (id: string) => id.split('_')[0]!

  async function read(
    column: ColumnSpec,
    after: string | undefined,
  ): Promise<{ items: Item[]; next?: string; rateLimit: Page['rateLimit'] }> {
    const pageId = pageOf(column)
    const access_token = await pageToken(pageId)
    const paging: Record<string, string> = after ? { after } : {}
    if (column.kind === 'home' || column.kind === 'tagged') {
      const edge = column.kind === 'home' ? 'feed' : 'tagged'
      const res = await graphGet(
        http,
        e,
        `${pageId}/${edge}`,
        { fields: POST_FIELDS, limit: '25', access_token, ...paging },
        PostListSchema,
      )
      return {
        items: res.data.data.map((p) => postToItem(account, p)),
        next: res.data.paging?.next ? res.data.paging.cursors?.after : undefined,
        rateLimit: res.rateLimit,
      }
    }
    if (column.kind === 'comments') {
      // Recent comments across the Page's recent posts (newest posts first).
      const posts = await graphGet(
        http,
        e,
        `${pageId}/feed`,
        { fields: 'id', limit: '10', access_token, ...paging },
        PostListSchema.extend({ data: PostSchema.pick({ id: true }).array() }),
      )
      const items: Item[] = []
      for (const p of posts.data.data) {
        const res = await graphGet(
          http,
          e,
          `${p.id}/comments`,
          { fields: COMMENT_FIELDS, filter: 'stream', order: 'reverse_chronological', limit: '25', access_token },
          CommentListSchema,
        )
        items.push(...res.data.data.map((c) => commentToItem(account, c, p.id)))
      }
      items.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      return { items, next: posts.data.paging?.next ? posts.data.paging.cursors?.after : undefined, rateLimit: posts.rateLimit }
    }
    throw new UserError('unsupported-column', `Facebook has no "${column.kind}" column.`)
  }

  const keyOf = (i: Item) => `${i.createdAt}|${i.remoteId}`

  return {
    capabilities: FACEBOOK_CAPABILITIES,

    async fetchPage(column, cursor, direction): Promise<Page> {
      if (direction === 'older') {
        if (!cursor?.older) return { items: [], cursor: cursor ?? {}, hasMore: false }
        const res = await read(column, cursor.older)
        return {
          items: res.items,
          cursor: { newer: cursor.newer, older: res.next },
          hasMore: res.next !== undefined,
          rateLimit: res.rateLimit,
        }
      }
      const res = await read(column, undefined)
      const since = cursor?.newer
      const items = since === undefined ? res.items : res.items.filter((i) => keyOf(i) > since)
      const newest = res.items.map(keyOf).sort().at(-1)
      const older = since === undefined ? res.next : cursor?.older
      return {
        items,
        cursor: { newer: newest !== undefined && (since === undefined || newest > since) ? newest : since, older },
        hasMore: older !== undefined,
        rateLimit: res.rateLimit,
      }
    },

    async fetchThread(remoteId) {
      const { postId } = splitRef(remoteId)
      const access_token = await pageToken(pageOfId(postId))
      const { data: post } = await graphGet(http, e, postId, { fields: POST_FIELDS, access_token }, PostSchema)
      const items: Item[] = [postToItem(account, post)]
      const top = await graphGet(
        http,
        e,
        `${postId}/comments`,
        { fields: COMMENT_FIELDS, filter: 'toplevel', order: 'chronological', limit: '100', access_token },
        CommentListSchema,
      )
      for (const c of top.data.data) {
        items.push(commentToItem(account, c, postId))
        if (c.comment_count) {
          const replies = await graphGet(
            http,
            e,
            `${c.id}/comments`,
            { fields: COMMENT_FIELDS, order: 'chronological', limit: '100', access_token },
            CommentListSchema,
          )
          items.push(...replies.data.data.map((r) => commentToItem(account, { ...r, parent: r.parent ?? { id: c.id } }, postId)))
        }
      }
      return { rootId: itemId(account.id, postId), items }
    },

    async listTargets() {
      const c = await ctx.credentials.get()
      return Object.keys(c)
        .filter((k) => k.startsWith('page:'))
        .map((k) => k.slice(5))
        .map((id) => ({ value: id, label: c[`name:${id}`] ?? id }))
    },
  }
}
