// Reading a WordPress site as its moderator: comment columns by status (held, approved, spam)
// and the posts feed. Page numbers page backwards (X-WP-TotalPages says when to stop); a poll
// re-reads page 1 and keeps what is newer than the newest item seen (cursor.newer).
import type { z } from 'zod'
import type { ColumnSpec, Item } from '../../../preload/model'
import { NetworkFailure, UserError } from '../../core/errors'
import type { AdapterContext, NetworkAdapter, Page, PageCursor, WriteCapabilities } from '../types'
import { itemId } from '../types'
import { commentToItem, parseRef, postRef, postToItem } from './mapping'
import { basicAuth, restRequest } from './rest'
import { CommentListSchema, CommentSchema, PostListSchema, PostSchema, type Comment } from './schemas'

export const PER_PAGE = 50

export const WORDPRESS_CAPABILITIES: WriteCapabilities = {
  post: false, // writing blog posts is out of scope: Crosstalk answers comments
  reply: true,
  like: false,
  repost: false,
  remove: true, // trash
  moderate: true, // approve, hold, spam, trash
  report: false,
}

/** The REST status filter for each comment column. */
const STATUS: Partial<Record<ColumnSpec['kind'], string>> = { held: 'hold', comments: 'approve', spam: 'spam' }

export function createWordPressAdapter(ctx: AdapterContext): NetworkAdapter {
  const { account, http } = ctx

  async function get<S extends z.ZodType>(route: string, params: Record<string, string | number | undefined>, schema: S) {
    if (!account.server) throw new NetworkFailure('auth', `${account.handle} has no site address; sign in again.`)
    const { user, password } = await ctx.credentials.get()
    if (!user || !password)
      throw new NetworkFailure('auth', `No application password stored for ${account.handle}; sign in again.`)
    return http.json(
      { ...restRequest(account.server, route, params), headers: { authorization: basicAuth(user, password) } },
      schema,
    )
  }

  async function read(
    column: ColumnSpec,
    page: number,
  ): Promise<{ items: Item[]; totalPages: number; rateLimit: Page['rateLimit'] }> {
    const status = STATUS[column.kind]
    const res =
      column.kind === 'posts'
        ? await get('/wp/v2/posts', { per_page: PER_PAGE, page, _embed: 'author,replies' }, PostListSchema)
        : status
          ? await get('/wp/v2/comments', { per_page: PER_PAGE, page, status, context: 'edit' }, CommentListSchema)
          : undefined
    if (!res) throw new UserError('unsupported-column', `WordPress has no "${column.kind}" column.`)
    const items = res.data.map((x) =>
      'post' in x ? commentToItem(account, x as Comment) : postToItem(account, x as z.infer<typeof PostSchema>),
    )
    const totalPages = Number(res.headers.get('x-wp-totalpages') ?? '1')
    return { items, totalPages: Number.isFinite(totalPages) ? totalPages : 1, rateLimit: res.rateLimit }
  }

  const keyOf = (i: Item) => `${i.createdAt}|${i.remoteId}`

  return {
    capabilities: WORDPRESS_CAPABILITIES,

    async fetchPage(column, cursor: PageCursor | undefined, direction): Promise<Page> {
      if (direction === 'older') {
        const page = Number(cursor?.older)
        if (!cursor?.older || !Number.isInteger(page) || page < 2) return { items: [], cursor: cursor ?? {}, hasMore: false }
        const res = await read(column, page)
        const more = page < res.totalPages
        return {
          items: res.items,
          cursor: { newer: cursor.newer, older: more ? String(page + 1) : undefined },
          hasMore: more,
          rateLimit: res.rateLimit,
        }
      }
      const res = await read(column, 1)
      const newest = res.items.map(keyOf).sort().at(-1)
      const since = cursor?.newer
      const items = since === undefined ? res.items : res.items.filter((i) => keyOf(i) > since)
      const first = since === undefined
      const older = first ? (res.totalPages > 1 ? '2' : undefined) : cursor?.older
      return {
        items,
        cursor: { newer: newest !== undefined && (since === undefined || newest > since) ? newest : since, older },
        hasMore: older !== undefined,
        rateLimit: res.rateLimit,
      }
    },

    async fetchThread(remoteId) {
      const ref = parseRef(remoteId)
      if (!ref) throw new NetworkFailure('permanent', `"${remoteId}" is not a WordPress post or comment.`)
      const postId =
        ref.type === 'post' ? ref.id : (await get(`/wp/v2/comments/${ref.id}`, { context: 'edit' }, CommentSchema)).data.post
      const { data: post } = await get(`/wp/v2/posts/${postId}`, { _embed: 'author' }, PostSchema)
      const comments: Comment[] = []
      for (let page = 1; page <= 20; page++) {
        const res = await get(
          '/wp/v2/comments',
          { post: postId, per_page: 100, page, status: 'all', context: 'edit', order: 'asc' },
          CommentListSchema,
        )
        comments.push(...res.data)
        if (page >= Number(res.headers.get('x-wp-totalpages') ?? '1')) break
      }
      // The post, then the comment tree depth first, oldest first at each level.
      const children = new Map<number, Comment[]>()
      for (const c of comments) children.set(c.parent, [...(children.get(c.parent) ?? []), c])
      const items: Item[] = [postToItem(account, post)]
      const walk = (parent: number) => {
        for (const c of (children.get(parent) ?? []).sort((a, b) => a.date_gmt.localeCompare(b.date_gmt) || a.id - b.id)) {
          items.push(commentToItem(account, c))
          walk(c.id)
        }
      }
      walk(0)
      return { rootId: itemId(account.id, postRef(postId)), items }
    },

    async listTargets() {
      return []
    },
  }
}
