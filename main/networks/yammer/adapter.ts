// Reading Viva Engage (Yammer): my feed, a group, messages received; threads from in_thread.
// Paging by message id: newer_than for polls, older_than for older pages; one token refresh on a 401.
import type { z } from 'zod'
import type { ColumnSpec } from '../../../preload/model'
import { NetworkFailure, UserError } from '../../core/errors'
import { createBearerSession, type BearerSession } from '../bearer-session'
import type { AdapterContext, NetworkAdapter, Page, WriteCapabilities } from '../types'
import { itemId } from '../types'
import { SESSION_ENDED, refreshTokens, type YammerEndpoints } from './auth'
import { messageToItem, referenceIndex } from './mapping'
import { AutocompleteSchema, GroupListSchema, MessageListSchema } from './schemas'

export const YAMMER_CAPABILITIES: WriteCapabilities = {
  post: true,
  reply: true,
  like: true,
  repost: true,
  remove: true,
  moderate: false,
  report: false,
}

const PAGE = 20 // Yammer returns at most 20 messages per call
/** How many people the mention autocomplete offers. */
const PEOPLE_LIMIT = 8

export function createYammerAdapter(
  ctx: AdapterContext,
  e: YammerEndpoints,
  session: BearerSession = createBearerSession(ctx, (current) => refreshTokens(ctx.http, e, current), SESSION_ENDED),
): NetworkAdapter {
  const { account, http } = ctx

  const get = <S extends z.ZodType>(path: string, params: Record<string, string | undefined>, schema: S) =>
    session.call((token) =>
      http.json({ url: `${e.api}/api/v1/${path}`, searchParams: params, headers: { authorization: `Bearer ${token}` } }, schema),
    )

  function pathOf(column: ColumnSpec): string {
    switch (column.kind) {
      case 'home':
        return 'messages/my_feed.json'
      case 'received':
        return 'messages/received.json'
      case 'group': {
        const id = column.target?.trim()
        if (!id || !/^\d+$/.test(id)) throw new UserError('invalid-target', 'Choose a group for this column.')
        return `messages/in_group/${id}.json`
      }
      default:
        throw new UserError('unsupported-column', `Viva Engage has no "${column.kind}" column.`)
    }
  }

  return {
    capabilities: YAMMER_CAPABILITIES,

    async fetchPage(column, cursor, direction): Promise<Page> {
      if (direction === 'older' && !cursor?.older) return { items: [], cursor: cursor ?? {}, hasMore: false }
      const params: Record<string, string | undefined> = { threaded: undefined }
      if (direction === 'newer' && cursor?.newer) params.newer_than = cursor.newer
      if (direction === 'older') params.older_than = cursor?.older
      const res = await get(pathOf(column), params, MessageListSchema)
      const refs = referenceIndex(res.data.references)
      const items = res.data.messages.map((m) => messageToItem(account, m, refs))
      const ids = res.data.messages.map((m) => m.id)
      const newest = ids.length ? String(Math.max(...ids)) : undefined
      const oldest = ids.length ? String(Math.min(...ids)) : undefined
      const olderAvailable = res.data.meta?.older_available ?? ids.length >= PAGE
      if (direction === 'older')
        return {
          items,
          cursor: { newer: cursor?.newer, older: olderAvailable ? oldest : undefined },
          hasMore: olderAvailable,
          rateLimit: res.rateLimit,
        }
      const first = !cursor?.newer
      const older = first ? (olderAvailable ? oldest : undefined) : cursor?.older
      return { items, cursor: { newer: newest ?? cursor?.newer, older }, hasMore: older !== undefined, rateLimit: res.rateLimit }
    },

    async fetchThread(remoteId) {
      if (!/^\d+$/.test(remoteId)) throw new NetworkFailure('permanent', `"${remoteId}" is not a Viva Engage message id.`)
      // messages/<id>.json names the thread; then every page of in_thread, read oldest first.
      const one = await get(`messages/${remoteId}.json`, {}, MessageListSchema.shape.messages.element)
      const threadId = one.data.thread_id
      const all = new Map<number, ReturnType<typeof messageToItem>>()
      let olderThan: string | undefined
      for (let i = 0; i < 25; i++) {
        const res = await get(`messages/in_thread/${threadId}.json`, { older_than: olderThan }, MessageListSchema)
        const refs = referenceIndex(res.data.references)
        for (const m of res.data.messages) all.set(m.id, messageToItem(account, m, refs))
        if (!res.data.meta?.older_available || res.data.messages.length === 0) break
        olderThan = String(Math.min(...res.data.messages.map((m) => m.id)))
      }
      const items = [...all.values()].sort(
        (a, b) => a.createdAt.localeCompare(b.createdAt) || Number(a.remoteId) - Number(b.remoteId),
      )
      return { rootId: itemId(account.id, String(threadId)), items }
    },

    async listTargets(kind) {
      if (kind !== 'group') return []
      const { data } = await get('groups.json', { mine: '1' }, GroupListSchema)
      return data.map((g) => ({ value: String(g.id), label: g.full_name }))
    },

    async searchPeople(query) {
      const prefix = query.trim().replace(/^@+/, '')
      if (prefix === '') return []
      const { data } = await get('autocomplete/ranked', { prefix, models: `user:${PEOPLE_LIMIT}` }, AutocompleteSchema)
      return [...data.user]
        .sort((a, b) => (b.ranking ?? 0) - (a.ranking ?? 0))
        .slice(0, PEOPLE_LIMIT)
        .map((u) => {
          const avatarUrl = u.photo ?? u.mugshot_url
          return {
            id: String(u.id),
            name: u.full_name,
            ...(u.name ? { handle: u.name } : {}),
            ...(avatarUrl ? { avatarUrl } : {}),
          }
        })
    },
  }
}
