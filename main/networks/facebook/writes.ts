// Facebook Page writes as the outbox calls them, with the Page's own token: a post on the Page
// (POST /{page}/feed; one photo: POST /{page}/photos with its caption; several: each uploaded
// unpublished, then one POST /{page}/feed with attached_media), a comment or reply (POST
// /{object}/comments, with at most one photo as `source`), like/unlike, hide/unhide a comment
// (is_hidden), delete. Graph has no idempotency key: an uncertain post is looked for in the Page's
// feed, an uncertain comment among the object's comments, by the Page and with the same text.
import { z } from 'zod'
import type { ModerationAction } from '../../../preload/model'
import { NetworkFailure, UserError } from '../../core/errors'
import type { AdapterContext, NetworkWrites, OutgoingDraft, OutgoingFile, PendingWrite, WriteOutcome } from '../types'
import { pageTokenKey, type FacebookEndpoints } from './auth'
import { commentToItem, graphTime, postToItem, splitRef } from './mapping'
import { facebookRateLimit, graphFailure } from './rate-limit'
import {
  COMMENT_FIELDS,
  CommentListSchema,
  CommentSchema,
  GRAPH_VERSION,
  POST_FIELDS,
  PhotoUploadSchema,
  PostListSchema,
  PostSchema,
  type Post,
} from './schemas'
import { fileBlob } from '../upload'

const IdSchema = z.object({ id: z.string() }).loose()
const SuccessSchema = z.object({ success: z.boolean() }).loose()
/** How far before the first attempt an uncertain write is looked for (clocks differ). */
const CLOCK_SKEW_MS = 60_000

export function createFacebookWrites(ctx: AdapterContext, e: FacebookEndpoints): NetworkWrites {
  const { account, http } = ctx
  async function token(pageId: string) {
    const t = (await ctx.credentials.get())[pageTokenKey(pageId)]
    if (!t) throw new NetworkFailure('auth', `No access to that Page is stored for ${account.displayName}; sign in again.`)
    return t
  }
  /** One Graph call with the Page's token: in the query for GET, in the (form or multipart) body otherwise. */
  async function graph<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    pageId: string,
    schema: S,
    form: Record<string, string> = {},
    file?: OutgoingFile,
  ) {
    const access_token = await token(pageId)
    const url = `${e.graph}/${GRAPH_VERSION}/${path}`
    let multipart: FormData | undefined
    if (file) {
      multipart = new FormData()
      for (const [k, v] of Object.entries({ ...form, access_token })) multipart.set(k, v)
      multipart.set('source', fileBlob(file), file.name)
    }
    try {
      const res = await http.json(
        method === 'GET'
          ? { url, searchParams: { ...form, access_token }, rateLimit: facebookRateLimit }
          : multipart
            ? { url, method, multipart, rateLimit: facebookRateLimit }
            : { url, method, form: { ...form, access_token }, rateLimit: facebookRateLimit },
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
  /** The post as the Page's feed shows it. It is made already: a failed read only means no item now. */
  const readPost = async (postId: string, pageId: string): Promise<WriteOutcome> => {
    try {
      return { item: postToItem(account, await graph('GET', postId, pageId, PostSchema, { fields: POST_FIELDS })) }
    } catch {
      return {}
    }
  }
  /** The text to send: may be empty when the draft carries a photo (a photo alone is a post or a comment). */
  const text = (draft: OutgoingDraft) => {
    const t = draft.text.trim()
    if (!t && !draft.files?.length) throw new UserError('empty-draft', 'Write something first.')
    return t
  }
  const withMessage = (message: string, rest: Record<string, string> = {}) => (message ? { message, ...rest } : rest)
  const pageFor = async (draft: OutgoingDraft) => {
    const pageId =
      draft.target?.id ??
      Object.keys(await ctx.credentials.get())
        .find((k) => k.startsWith('page:'))
        ?.slice(5)
    if (!pageId) throw new UserError('no-page', 'Choose the Page to post on.')
    return pageId
  }
  const moderate = async (remoteId: string, action: ModerationAction): Promise<WriteOutcome> => {
    const t = target(remoteId)
    if (t.objectId === t.postId || (action !== 'hide' && action !== 'unhide'))
      throw new UserError('unsupported-action', 'On Facebook, comments can be hidden or shown again.')
    await graph('POST', t.objectId, t.pageId, SuccessSchema, { is_hidden: String(action === 'hide') })
    return readComment(t.postId, t.pageId, t.objectId)
  }
  /** How many photos a post shows: an album's each, a photo's one (a link's preview picture is none). */
  const isPhoto = (a: { type?: string; media_type?: string }) => (a.media_type ?? a.type) === 'photo'
  const photoCount = (p: Post) =>
    (p.attachments?.data ?? []).reduce((n, a) => n + (isPhoto(a) ? 1 : (a.subattachments?.data.filter(isPhoto).length ?? 0)), 0)

  return {
    async post(draft) {
      const pageId = await pageFor(draft)
      const message = text(draft)
      const files = draft.files ?? []
      if (files.length === 1) {
        // One photo: published at once, the caption is the post's message.
        const photo = await graph(
          'POST',
          `${pageId}/photos`,
          pageId,
          PhotoUploadSchema,
          withMessage(message, { published: 'true' }),
          files[0],
        )
        return photo.post_id ? readPost(photo.post_id, pageId) : {}
      }
      const form: Record<string, string> = withMessage(message)
      // Several photos: each uploaded unpublished (invisible until attached), then one post with all of
      // them. A retry uploads them again; the unattached ones of a failed attempt never show.
      for (const [i, file] of files.entries()) {
        const { id } = await graph('POST', `${pageId}/photos`, pageId, PhotoUploadSchema, { published: 'false' }, file)
        form[`attached_media[${i}]`] = JSON.stringify({ media_fbid: id })
      }
      const { id } = await graph('POST', `${pageId}/feed`, pageId, IdSchema, form)
      return readPost(id, pageId)
    },
    async reply(draft) {
      const files = draft.files ?? []
      if (files.length > 1)
        throw new UserError(
          'too-many-attachments',
          `A Facebook comment carries one photo; this one has ${files.length}. Remove all but one, or post them on the Page.`,
        )
      const t = target(draft.replyTo)
      const { id } = await graph('POST', `${t.objectId}/comments`, t.pageId, IdSchema, withMessage(text(draft)), files[0])
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
      if (!('draft' in write)) return null
      const wanted = write.draft.text.trim()
      const recent = (created: string) => Date.parse(graphTime(created)) >= since - CLOCK_SKEW_MS
      if (write.action === 'post') {
        // A photo post's message is its caption; with several photos or none, the count tells posts with the same text apart.
        const pageId = await pageFor(write.draft)
        const photos = write.draft.files?.length ?? 0
        const feed = await graph('GET', `${pageId}/feed`, pageId, PostListSchema, { fields: POST_FIELDS, limit: '25' })
        const found = feed.data.find(
          (p) =>
            p.from?.id === pageId && (p.message ?? '').trim() === wanted && recent(p.created_time) && photoCount(p) === photos,
        )
        return found ? { item: postToItem(account, found) } : null
      }
      if (write.action !== 'reply') return null
      const t = target(write.draft.replyTo)
      const list = await graph('GET', `${t.objectId}/comments`, t.pageId, CommentListSchema, {
        fields: COMMENT_FIELDS,
        filter: 'stream',
        order: 'reverse_chronological',
        limit: '50',
      })
      const withPhoto = (write.draft.files?.length ?? 0) > 0
      const found = list.data.find(
        (c) =>
          c.from?.id === t.pageId &&
          c.message.trim() === wanted &&
          recent(c.created_time) &&
          (!withPhoto || c.attachment?.media?.image !== undefined),
      )
      return found ? { item: commentToItem(account, found, t.postId) } : null
    },
  }
}
