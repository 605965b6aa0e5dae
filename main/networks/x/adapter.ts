// Reading X: home timeline, mentions, recent search; threads by conversation_id. since_id for
// polls, pagination_token (search: next_token) for older pages; expansions give authors,
// retweeted originals and media.
import type { z } from 'zod'
import type { ColumnSpec } from '../../../preload/model'
import { NetworkFailure, UserError } from '../../core/errors'
import { createBearerSession, type BearerSession } from '../bearer-session'
import type { AdapterContext, NetworkAdapter, Page, WriteCapabilities } from '../types'
import { itemId } from '../types'
import { SESSION_ENDED, refreshTokens, type XEndpoints } from './auth'
import { tweetToItem } from './mapping'
import { xRateLimit } from './rate-limit'
import { SingleTweetSchema, TweetListSchema } from './schemas'

export const X_CAPABILITIES: WriteCapabilities = {
  post: true,
  reply: true,
  like: true,
  repost: true,
  remove: true,
  moderate: true, // hide replies
  report: false,
}

export const FIELDS = {
  'tweet.fields':
    'created_at,conversation_id,in_reply_to_user_id,referenced_tweets,public_metrics,entities,attachments,author_id',
  expansions: 'author_id,referenced_tweets.id,referenced_tweets.id.author_id,attachments.media_keys',
  'user.fields': 'name,username,profile_image_url',
  'media.fields': 'url,preview_image_url,alt_text,type,variants',
}

export function createXAdapter(
  ctx: AdapterContext,
  e: XEndpoints,
  session: BearerSession = createBearerSession(ctx, (c) => refreshTokens(ctx.http, e, c), SESSION_ENDED),
): NetworkAdapter {
  const { account, http } = ctx
  const get = <S extends z.ZodType>(path: string, params: Record<string, string | undefined>, schema: S) =>
    session.call((token) =>
      http.json(
        {
          url: `${e.api}/2/${path}`,
          searchParams: { ...FIELDS, ...params },
          headers: { authorization: `Bearer ${token}` },
          rateLimit: xRateLimit,
        },
        schema,
      ),
    )
  const userId = () => account.id.replace(/^x:/, '')

  function source(column: ColumnSpec): { path: string; params: Record<string, string>; pageParam: string } {
    switch (column.kind) {
      case 'home':
        return {
          path: `users/${userId()}/timelines/reverse_chronological`,
          params: { max_results: '50' },
          pageParam: 'pagination_token',
        }
      case 'mentions':
        return { path: `users/${userId()}/mentions`, params: { max_results: '50' }, pageParam: 'pagination_token' }
      case 'search': {
        const query = column.target?.trim()
        if (!query) throw new UserError('invalid-target', 'A search column needs a query.')
        return { path: 'tweets/search/recent', params: { query, max_results: '50' }, pageParam: 'next_token' }
      }
      default:
        throw new UserError('unsupported-column', `X has no "${column.kind}" column.`)
    }
  }

  return {
    capabilities: X_CAPABILITIES,

    async fetchPage(column, cursor, direction): Promise<Page> {
      if (direction === 'older' && !cursor?.older) return { items: [], cursor: cursor ?? {}, hasMore: false }
      const s = source(column)
      const params: Record<string, string | undefined> = { ...s.params }
      if (direction === 'newer' && cursor?.newer) params.since_id = cursor.newer
      if (direction === 'older') params[s.pageParam] = cursor?.older
      const res = await get(s.path, params, TweetListSchema)
      const items = (res.data.data ?? []).map((t) => tweetToItem(account, t, res.data.includes))
      const meta = res.data.meta
      if (direction === 'older')
        return {
          items,
          cursor: { newer: cursor?.newer, older: meta?.next_token },
          hasMore: meta?.next_token !== undefined,
          rateLimit: res.rateLimit,
        }
      const first = !cursor?.newer
      const older = first ? meta?.next_token : cursor?.older
      return {
        items,
        cursor: { newer: meta?.newest_id ?? cursor?.newer, older },
        hasMore: older !== undefined,
        rateLimit: res.rateLimit,
      }
    },

    async fetchThread(remoteId) {
      if (!/^\d+$/.test(remoteId)) throw new NetworkFailure('permanent', `"${remoteId}" is not a post id.`)
      const opened = await get(`tweets/${remoteId}`, {}, SingleTweetSchema)
      const conversation = opened.data.data.conversation_id ?? remoteId
      const root = conversation === remoteId ? opened : await get(`tweets/${conversation}`, {}, SingleTweetSchema)
      const replies = await get(
        'tweets/search/recent',
        { query: `conversation_id:${conversation}`, max_results: '100' },
        TweetListSchema,
      )
      const byId = new Map([[root.data.data.id, tweetToItem(account, root.data.data, root.data.includes)]])
      for (const t of replies.data.data ?? []) byId.set(t.id, tweetToItem(account, t, replies.data.includes))
      byId.set(opened.data.data.id, tweetToItem(account, opened.data.data, opened.data.includes))
      const items = [...byId.values()].sort((a, b) =>
        a.remoteId === conversation ? -1 : b.remoteId === conversation ? 1 : a.createdAt.localeCompare(b.createdAt),
      )
      return { rootId: itemId(account.id, conversation), items }
    },

    async listTargets() {
      return []
    },
  }
}
