// X writes as the outbox calls them: post and reply (POST /2/tweets), like/unlike, repost/unrepost,
// delete, and hide/unhide a reply to one's own post (PUT /2/tweets/:id/hidden). X has no
// idempotency key: an uncertain post is looked for among the user's recent posts first.
// Images go up first (scope media.write): each in one POST /2/media/upload (tweet_image), a GIF in
// chunks (initialize, append, finalize, then STATUS until processed: tweet_gif is no one-shot
// category), alt text by POST /2/media/metadata; the post then names them in media.media_ids.
// Each attempt uploads again: an upload no post uses simply expires.
import { z } from 'zod'
import type { ModerationAction } from '../../../preload/model'
import { measurePost } from '../../../preload/post-length'
import { NetworkFailure, UserError, isNetworkFailure } from '../../core/errors'
import type { HttpRequest } from '../../core/http/client'
import type { BearerSession } from '../bearer-session'
import type { AdapterContext, NetworkWrites, OutgoingDraft, OutgoingFile, PendingWrite, WriteOutcome } from '../types'
import type { XEndpoints } from './auth'
import { tweetText, tweetToItem } from './mapping'
import { xRateLimit } from './rate-limit'
import { FIELDS } from './adapter'
import { MediaMetadataSchema, MediaUploadSchema, SingleTweetSchema, TweetListSchema, type MediaUpload } from './schemas'
import { fileBlob } from '../upload'

export const MAX_CHARS = 280
/** A post carries up to 4 images, or one GIF alone (X's media guide). */
export const MAX_IMAGES = 4
/** Alt text: up to 1000 characters (POST /2/media/metadata). */
export const MAX_ALT_TEXT = 1000
/** Images up to 5 MB (GIFs may be 15 MB, but the attachment rules keep one limit for all). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024
/** The attachment rules the core checks drafts against. */
export const X_ATTACHMENTS = {
  max: MAX_IMAGES,
  maxBytes: MAX_IMAGE_BYTES,
  accept: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
  describe: true,
}
/** One APPEND carries at most 5 MB; GIFs go up in pieces of this size. */
const SEGMENT_BYTES = 4 * 1024 * 1024
/** How often to ask about a GIF still processing (waiting as X says, up to 10 s each) before leaving it to a later attempt. */
const STATUS_POLLS = 12
const MAX_STATUS_WAIT_SECS = 10
const CreatedSchema = z.object({ data: z.object({ id: z.string(), text: z.string() }) })
const FlagSchema = z.object({ data: z.record(z.string(), z.boolean()) })
/** APPEND answers { data: { expires_at } } (or nothing at all). */
const AppendSchema = z.object({}).loose()

const isGif = (f: OutgoingFile) => f.mimeType === 'image/gif'
const hasScope = (scope: string | undefined, wanted: string) => (scope ?? '').split(/\s+/).includes(wanted)

export function createXWrites(ctx: AdapterContext, e: XEndpoints, session: BearerSession): NetworkWrites {
  const { account, http } = ctx
  const userId = () => account.id.replace(/^x:/, '')
  const noMediaScope = () =>
    new NetworkFailure(
      'auth',
      `X has not allowed Crosstalk to upload images for ${account.handle}: sign in again to allow it, and the post goes out.`,
      { status: 403 },
    )
  const send = <S extends z.ZodType>(method: 'POST' | 'DELETE' | 'PUT', path: string, schema: S, json?: unknown) =>
    session.call((token) =>
      http.json(
        { url: `${e.api}/2/${path}`, method, json, headers: { authorization: `Bearer ${token}` }, rateLimit: xRateLimit },
        schema,
      ),
    )
  const read = async (id: string): Promise<WriteOutcome> => {
    const res = await session.call((token) =>
      http.json(
        {
          url: `${e.api}/2/tweets/${id}`,
          searchParams: FIELDS,
          headers: { authorization: `Bearer ${token}` },
          rateLimit: xRateLimit,
        },
        SingleTweetSchema,
      ),
    )
    return { item: tweetToItem(account, res.data.data, res.data.includes) }
  }
  /** A media call. X refuses a token without media.write with a 403: an account signed in before
   *  Crosstalk asked for it must sign in again (the entry waits for that, paused). */
  async function media<S extends z.ZodType>(
    req: Omit<HttpRequest, 'url' | 'headers' | 'rateLimit'> & { path: string },
    schema: S,
  ) {
    const { path, ...rest } = req
    try {
      const res = await session.call((token) =>
        http.json(
          { ...rest, url: `${e.api}/2/${path}`, headers: { authorization: `Bearer ${token}` }, rateLimit: xRateLimit },
          schema,
        ),
      )
      return res.data
    } catch (error) {
      if (isNetworkFailure(error) && error.kind === 'permanent' && error.details.status === 403) {
        const { scope } = await ctx.credentials.get()
        if (!hasScope(scope, 'media.write')) throw noMediaScope()
      }
      throw error
    }
  }

  /** Waits while X processes an upload (GIFs, after FINALIZE), as long as processing_info says. */
  async function processed(file: OutgoingFile, upload: MediaUpload): Promise<void> {
    let info = upload.processing_info
    for (let i = 0; info && (info.state === 'pending' || info.state === 'in_progress'); i++) {
      if (i === STATUS_POLLS)
        throw new NetworkFailure('transient', `X is still processing ${file.name}; Crosstalk will try again.`)
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(Math.max(info!.check_after_secs ?? 1, 1), MAX_STATUS_WAIT_SECS) * 1000),
      )
      const { data } = await media(
        { path: 'media/upload', searchParams: { media_id: upload.id, command: 'STATUS' } },
        MediaUploadSchema,
      )
      info = data.processing_info
    }
    if (info?.state === 'failed')
      throw new NetworkFailure(
        'permanent',
        `X could not process ${file.name}${info.error?.message ? `: ${info.error.message}` : '.'}`,
      )
  }

  /** One file up to X; resolves with its media id. */
  async function upload(file: OutgoingFile): Promise<string> {
    const blob = (bytes: Uint8Array) => fileBlob({ bytes, mimeType: file.mimeType })
    if (!isGif(file)) {
      const form = new FormData()
      form.set('media', blob(file.bytes), file.name)
      form.set('media_category', 'tweet_image')
      form.set('media_type', file.mimeType)
      const { data } = await media({ path: 'media/upload', method: 'POST', multipart: form }, MediaUploadSchema)
      await processed(file, data)
      return data.id
    }
    const { data: init } = await media(
      {
        path: 'media/upload/initialize',
        method: 'POST',
        json: { media_type: file.mimeType, total_bytes: file.bytes.length, media_category: 'tweet_gif' },
      },
      MediaUploadSchema,
    )
    const id = encodeURIComponent(init.id)
    for (let offset = 0, index = 0; offset < file.bytes.length; offset += SEGMENT_BYTES, index++) {
      const form = new FormData()
      form.set('media', blob(file.bytes.subarray(offset, offset + SEGMENT_BYTES)), file.name)
      form.set('segment_index', String(index))
      await media({ path: `media/upload/${id}/append`, method: 'POST', multipart: form }, AppendSchema)
    }
    const { data } = await media({ path: `media/upload/${id}/finalize`, method: 'POST' }, MediaUploadSchema)
    await processed(file, data)
    return data.id
  }

  /** The draft's files up to X with their alt text, in order; resolves with the media ids. */
  async function uploadAll(files: OutgoingFile[]): Promise<string[]> {
    if (files.length === 0) return []
    if (files.length > MAX_IMAGES || (files.some(isGif) && files.length > 1))
      throw new UserError('attachment-mix', `A post on X carries up to ${MAX_IMAGES} images, or one GIF on its own.`)
    for (const f of files) {
      const length = [...(f.description ?? '').trim()].length
      if (length > MAX_ALT_TEXT)
        throw new UserError(
          'description-too-long',
          `The description of ${f.name} has ${length} characters; X takes up to ${MAX_ALT_TEXT}.`,
        )
    }
    // Known before anything goes up: the token lacks media.write (signed in before Crosstalk asked).
    const { scope } = await ctx.credentials.get()
    if (scope !== undefined && !hasScope(scope, 'media.write')) throw noMediaScope()
    const ids: string[] = []
    for (const f of files) {
      const id = await upload(f)
      const alt = f.description?.trim()
      if (alt)
        await media(
          { path: 'media/metadata', method: 'POST', json: { id, metadata: { alt_text: { text: alt } } } },
          MediaMetadataSchema,
        )
      ids.push(id)
    }
    return ids
  }

  async function create(draft: OutgoingDraft, reply?: string): Promise<WriteOutcome> {
    const text = check(draft)
    const ids = await uploadAll(draft.files ?? [])
    const { data } = await send('POST', 'tweets', CreatedSchema, {
      ...(text ? { text } : {}),
      ...(ids.length ? { media: { media_ids: ids } } : {}),
      ...(reply ? { reply: { in_reply_to_tweet_id: reply } } : {}),
    })
    return read(data.data.id)
  }

  function check(draft: OutgoingDraft) {
    const text = draft.text.trim()
    // With images, the text may be empty.
    if (!text && !draft.files?.length) throw new UserError('empty-draft', 'Write something first.')
    const { length } = measurePost('x', text)
    if (length > MAX_CHARS) throw new UserError('too-long', `Posts on X hold ${MAX_CHARS} characters; this one has ${length}.`)
    return text
  }
  const moderate = async (remoteId: string, action: ModerationAction): Promise<WriteOutcome> => {
    if (action !== 'hide' && action !== 'unhide')
      throw new UserError('unsupported-action', 'On X, replies to your posts can be hidden or shown again.')
    const { data } = await send('PUT', `tweets/${remoteId}/hidden`, FlagSchema, { hidden: action === 'hide' })
    // A tweet read back does not say whether it is hidden; the answer to the PUT does.
    const outcome = await read(remoteId)
    if (outcome.item) {
      if (data.data.hidden) outcome.item.moderation = 'hidden'
      else delete outcome.item.moderation
    }
    return outcome
  }

  return {
    post: (draft) => create(draft),
    reply: (draft) => create(draft, draft.replyTo),
    async like(remoteId) {
      await send('POST', `users/${userId()}/likes`, FlagSchema, { tweet_id: remoteId })
      return read(remoteId)
    },
    async unlike(remoteId) {
      await send('DELETE', `users/${userId()}/likes/${remoteId}`, FlagSchema)
      return read(remoteId)
    },
    async repost(remoteId) {
      await send('POST', `users/${userId()}/retweets`, FlagSchema, { tweet_id: remoteId })
      return read(remoteId)
    },
    async unrepost(remoteId) {
      await send('DELETE', `users/${userId()}/retweets/${remoteId}`, FlagSchema)
      return read(remoteId)
    },
    async remove(remoteId) {
      await send('DELETE', `tweets/${remoteId}`, FlagSchema)
      return {}
    },
    moderate,
    async findExisting(write: PendingWrite, since: number) {
      if ((write.action !== 'post' && write.action !== 'reply') || !('draft' in write)) return null
      const res = await session.call((token) =>
        http.json(
          {
            url: `${e.api}/2/users/${userId()}/tweets`,
            searchParams: { ...FIELDS, max_results: '20', start_time: new Date(since - 60_000).toISOString() },
            headers: { authorization: `Bearer ${token}` },
            rateLimit: xRateLimit,
          },
          TweetListSchema,
        ),
      )
      const parent = write.action === 'reply' ? write.draft.replyTo : undefined
      // The text as written (X appends a t.co link for media), the same number of files, the same parent.
      const found = (res.data.data ?? []).find(
        (t) =>
          tweetText(t) === write.draft.text.trim() &&
          (t.attachments?.media_keys?.length ?? 0) === (write.draft.files?.length ?? 0) &&
          (t.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? undefined) === parent,
      )
      return found ? { item: tweetToItem(account, found, res.data.includes) } : null
    },
  }
}
