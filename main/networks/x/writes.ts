// X writes as the outbox calls them: post and reply (POST /2/tweets), like/unlike, repost/unrepost,
// delete, and hide/unhide a reply to one's own post (PUT /2/tweets/:id/hidden). X has no
// idempotency key: an uncertain post is looked for among the user's recent posts first.
import { z } from 'zod'
import type { ModerationAction } from '../../../preload/model'
import { measurePost } from '../../../preload/post-length'
import { UserError } from '../../core/errors'
import type { BearerSession } from '../bearer-session'
import type { AdapterContext, NetworkWrites, OutgoingDraft, PendingWrite, WriteOutcome } from '../types'
import type { XEndpoints } from './auth'
import { tweetToItem } from './mapping'
import { xRateLimit } from './rate-limit'
import { FIELDS } from './adapter'
import { SingleTweetSchema, TweetListSchema } from './schemas'

export const MAX_CHARS = 280
const CreatedSchema = z.object({ data: z.object({ id: z.string(), text: z.string() }) })
const FlagSchema = z.object({ data: z.record(z.string(), z.boolean()) })

export function createXWrites(ctx: AdapterContext, e: XEndpoints, session: BearerSession): NetworkWrites {
  const { account, http } = ctx
  const userId = () => account.id.replace(/^x:/, '')
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
  function check(draft: OutgoingDraft) {
    const text = draft.text.trim()
    if (!text) throw new UserError('empty-draft', 'Write something first.')
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
    async post(draft) {
      const { data } = await send('POST', 'tweets', CreatedSchema, { text: check(draft) })
      return read(data.data.id)
    },
    async reply(draft) {
      const { data } = await send('POST', 'tweets', CreatedSchema, {
        text: check(draft),
        reply: { in_reply_to_tweet_id: draft.replyTo },
      })
      return read(data.data.id)
    },
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
      const found = (res.data.data ?? []).find(
        (t) =>
          t.text === write.draft.text.trim() &&
          (t.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? undefined) === parent,
      )
      return found ? { item: tweetToItem(account, found, res.data.includes) } : null
    },
  }
}
