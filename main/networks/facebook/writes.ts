// Facebook Page writes as the outbox calls them, with the Page's own token: a post on the Page
// (POST /{page}/feed), a comment or reply (POST /{object}/comments), like/unlike, hide/unhide a
// comment (is_hidden), delete. Graph has no idempotency key: an uncertain comment is looked for
// among the object's comments by the Page first.
import { z } from 'zod'
import type { ModerationAction } from '../../../preload/model'
import { NetworkFailure, UserError } from '../../core/errors'
import type { AdapterContext, NetworkWrites, OutgoingDraft, PendingWrite, WriteOutcome } from '../types'
import { pageTokenKey, type FacebookEndpoints } from './auth'
import { commentToItem, splitRef } from './mapping'
import { facebookRateLimit, graphFailure } from './rate-limit'
import { CommentListSchema, CommentSchema, GRAPH_VERSION } from './schemas'

const IdSchema = z.object({ id: z.string() }).loose()
const SuccessSchema = z.object({ success: z.boolean() }).loose()
const COMMENT_FIELDS = 'id,message,created_time,from,parent,is_hidden,like_count,comment_count,permalink_url'

export function createFacebookWrites(ctx: AdapterContext, e: FacebookEndpoints): NetworkWrites {
  const { account, http } = ctx
  async function token(pageId: string) {
    const t = (await ctx.credentials.get())[pageTokenKey(pageId)]
    if (!t) throw new NetworkFailure('auth', `No access to that Page is stored for ${account.displayName}; sign in again.`)
    return t
  }
  async function graph<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    pageId: string,
    schema: S,
    form: Record<string, string> = {},
  ) {
    const access_token = await token(pageId)
    try {
      const res = await http.json(
        method === 'GET'
          ? { url: `${e.graph}/${GRAPH_VERSION}/${path}`, searchParams: { ...form, access_token }, rateLimit: facebookRateLimit }
          : { url: `${e.graph}/${GRAPH_VERSION}/${path}`, method, form: { ...form, access_token }, rateLimit: facebookRateLimit },
        schema,
      )
      return res.data
    } catch (error) {
      throw graphFailure(error, Date.now())
    }
  }
  /** The Graph object a remote id names, its post, and the Page that owns both. */
  const target = (remoteId: string) => {
    const { postId, commentId } = splitRef(remoteId)
    return { objectId: commentId ?? postId, postId, pageId: postId.split('_')[0]! }
  }
  const readComment = async (postId: string, pageId: string, commentId: string): Promise<WriteOutcome> => ({
    item: commentToItem(account, await graph('GET', commentId, pageId, CommentSchema, { fields: COMMENT_FIELDS }), postId),
  })
  const text = (draft: OutgoingDraft) => {
    const t = draft.text.trim()
    if (!t) throw new UserError('empty-draft', 'Write something first.')
    return t
  }
  const moderate = async (remoteId: string, action: ModerationAction): Promise<WriteOutcome> => {
    const t = target(remoteId)
    if (t.objectId === t.postId || (action !== 'hide' && action !== 'unhide'))
      throw new UserError('unsupported-action', 'On Facebook, comments can be hidden or shown again.')
    await graph('POST', t.objectId, t.pageId, SuccessSchema, { is_hidden: String(action === 'hide') })
    return readComment(t.postId, t.pageId, t.objectId)
  }

  return {
    async post(draft) {
      const pageId =
        draft.target?.id ??
        Object.keys(await ctx.credentials.get())
          .find((k) => k.startsWith('page:'))
          ?.slice(5)
      if (!pageId) throw new UserError('no-page', 'Choose the Page to post on.')
      await graph('POST', `${pageId}/feed`, pageId, IdSchema, { message: text(draft) })
      return {}
    },
    async reply(draft) {
      const t = target(draft.replyTo)
      const { id } = await graph('POST', `${t.objectId}/comments`, t.pageId, IdSchema, { message: text(draft) })
      return readComment(t.postId, t.pageId, id)
    },
    async like(remoteId) {
      const t = target(remoteId)
      await graph('POST', `${t.objectId}/likes`, t.pageId, SuccessSchema)
      return {}
    },
    async unlike(remoteId) {
      const t = target(remoteId)
      await graph('DELETE', `${t.objectId}/likes`, t.pageId, SuccessSchema)
      return {}
    },
    moderate,
    async remove(remoteId) {
      const t = target(remoteId)
      await graph('DELETE', t.objectId, t.pageId, SuccessSchema)
      return {}
    },
    async findExisting(write: PendingWrite, since: number) {
      if (write.action !== 'reply' || !('draft' in write)) return null
      const t = target(write.draft.replyTo)
      const list = await graph('GET', `${t.objectId}/comments`, t.pageId, CommentListSchema, {
        fields: COMMENT_FIELDS,
        filter: 'stream',
        order: 'reverse_chronological',
        limit: '50',
      })
      const found = list.data.find(
        (c) =>
          c.from?.id === t.pageId &&
          c.message.trim() === write.draft.text.trim() &&
          Date.parse(c.created_time.replace(/(\d{2})(\d{2})$/, '$1:$2')) >= since - 60_000,
      )
      return found ? { item: commentToItem(account, found, t.postId) } : null
    },
  }
}
