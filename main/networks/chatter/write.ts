// Writing to Chatter (Connect REST API): feed items to the user's profile, a group or someone's
// profile (POST /feed-elements, Feed Item Input with Text and Mention segments), comments, likes
// and deletion. Chatter has no idempotency key, so findExisting reads the user's own feed (or
// the item's comments) for the same words and parent before the outbox sends anything twice.
import { z } from 'zod'
import type { Item } from '../../../preload/model'
import { NetworkFailure, UserError, isNetworkFailure } from '../../core/errors'
import {
  accountUserId,
  type AdapterContext,
  type NetworkWrites,
  type OutgoingDraft,
  type PendingWrite,
  type WriteOutcome,
} from '../types'
import { mapComment, mapFeedElement, parseFeedElement, type MappingContext } from './mapping'
import {
  API_VERSION,
  CommentPageSchema,
  CommentSchema,
  FeedElementPageSchema,
  RawFeedElementSchema,
  type CommentPage,
  type FeedElementPage,
  type MessageBody,
} from './schemas'
import { createChatterSession } from './session'
import { fileBlob } from '../upload'

const CHATTER = `/services/data/${API_VERSION}/chatter`
const FILES = `/services/data/${API_VERSION}/connect/files/users/me`
const FileDetailSchema = z.object({ id: z.string().min(1) })
/** Key prefixes of Salesforce ids: FeedItem 0D5, FeedComment 0D7. */
const COMMENT_PREFIX = '0D7'
const RECORD_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/
/** Chatter's limits on a feed item or comment body. */
export const CHATTER_MAX_BODY = 10_000
const MAX_MENTIONS = 25
/** How far back findExisting looks before the first attempt (clocks differ), and how many pages. */
const CLOCK_SKEW_MS = 5 * 60_000
const MAX_PAGES = 10

/** Message Segment Input, as Feed Item Input and Comment Input take them. */
export type SegmentInput = { type: 'Text'; text: string } | { type: 'Mention'; id: string }

/** The draft's text with each structured mention replaced by a Mention segment (Chatter writes the name itself). */
export function segmentsOf(draft: Pick<OutgoingDraft, 'text' | 'mentions'>): SegmentInput[] {
  const out: SegmentInput[] = []
  let at = 0
  for (const m of [...(draft.mentions ?? [])].sort((a, b) => a.start - b.start)) {
    if (m.start > at) out.push({ type: 'Text', text: draft.text.slice(at, m.start) })
    out.push({ type: 'Mention', id: m.id })
    at = m.end
  }
  if (at < draft.text.length) out.push({ type: 'Text', text: draft.text.slice(at) })
  return out
}

/** A body reduced to what a person wrote: words and whom they mentioned; markup and spacing do not count. */
export function comparable(
  segments: { type: string; text?: string | null; id?: string; record?: { id: string } | null }[],
): string {
  return segments
    .map((s) => {
      if (s.type === 'Mention') return ` \u0000${s.id ?? s.record?.id ?? s.text ?? ''}\u0000 `
      if (s.type === 'MarkupBegin' || s.type === 'MarkupEnd') return ' '
      return s.text ?? ''
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
}

const bodyComparable = (body: MessageBody | null | undefined) =>
  comparable((body?.messageSegments ?? [{ type: 'Text', text: body?.text ?? '' }]) as Parameters<typeof comparable>[0])

const LikeSchema = z.object({ id: z.string().min(1) })
const EmptySchema = z.object({}).loose()
/** The part of a feed item that says whether (and with which like) the user likes it. */
const MyLikeSchema = z.object({
  capabilities: z
    .object({ chatterLikes: z.object({ isLikedByCurrentUser: z.boolean().nullish(), myLike: LikeSchema.nullish() }).nullish() })
    .nullish(),
})

export function createChatterWrites(ctx: AdapterContext): NetworkWrites {
  const session = createChatterSession(ctx)
  /** The account's user id: the last part of our account id (chatter:<org>:<user>). */
  const myId = () => accountUserId(ctx.account)

  async function mapping(): Promise<MappingContext> {
    return { accountId: ctx.account.id, instanceUrl: await session.instanceUrl() }
  }

  function checkId(id: string): string {
    if (!RECORD_ID.test(id)) throw new UserError('invalid-item', `"${id}" is not a Chatter record id.`)
    return id
  }

  function checkBody(segments: SegmentInput[], text: string): void {
    if (text.length > CHATTER_MAX_BODY) {
      throw new UserError(
        'too-long',
        `Chatter takes up to ${CHATTER_MAX_BODY.toLocaleString('en')} characters; this is ${text.length.toLocaleString('en')}.`,
      )
    }
    if (segments.filter((s) => s.type === 'Mention').length > MAX_MENTIONS) {
      throw new UserError('too-many-mentions', `Chatter allows up to ${MAX_MENTIONS} mentions in one post.`)
    }
  }

  async function element(id: string): Promise<unknown> {
    const { data } = await session.get(`${CHATTER}/feed-elements/${checkId(id)}`, RawFeedElementSchema)
    return data
  }

  async function itemOf(raw: unknown): Promise<Item> {
    const item = mapFeedElement(raw, await mapping())
    if (!item) throw new NetworkFailure('malformed', 'Salesforce answered with something that is not a feed item.')
    return item
  }

  /** The feed item a reply goes under: a comment's own feed item (Chatter threads are one level deep). */
  async function threadOf(remoteId: string): Promise<string> {
    if (!checkId(remoteId).startsWith(COMMENT_PREFIX)) return remoteId
    const { data } = await session.get(`${CHATTER}/comments/${remoteId}`, CommentSchema)
    const id = data.feedElement?.id
    if (!id) throw new NetworkFailure('malformed', `Salesforce did not say which post comment ${remoteId} belongs to.`)
    return id
  }

  const subjectOf = (draft: OutgoingDraft) => (draft.target ? checkId(draft.target.id) : 'me')

  async function findPost(draft: OutgoingDraft, since: number): Promise<WriteOutcome | null> {
    const wanted = comparable(segmentsOf(draft))
    const parent = draft.target?.id ?? myId()
    let url: string | null | undefined = `${CHATTER}/feeds/user-profile/me/feed-elements?sort=CreatedDateDesc&pageSize=25`
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const { data }: { data: FeedElementPage } = await session.get(url, FeedElementPageSchema)
      for (const raw of data.elements) {
        const el = parseFeedElement(raw)
        if (!el) continue
        if (Date.parse(el.createdDate) < since - CLOCK_SKEW_MS) return null
        const sameParent = el.parent?.id === parent || el.parent?.id?.slice(0, 15) === parent.slice(0, 15)
        if (el.actor.id === myId() && sameParent && bodyComparable(el.body) === wanted) return { item: await itemOf(raw) }
      }
      url = data.nextPageUrl
    }
    return null
  }

  async function findComment(draft: OutgoingDraft & { replyTo: string }, since: number): Promise<WriteOutcome | null> {
    const wanted = comparable(segmentsOf(draft))
    const elementId = await threadOf(draft.replyTo)
    let url: string | null | undefined = `${CHATTER}/feed-elements/${elementId}/capabilities/comments/items?pageSize=100`
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const { data }: { data: CommentPage } = await session.get(url, CommentPageSchema)
      for (const c of data.items) {
        if (c.user.id !== myId() || Date.parse(c.createdDate) < since - CLOCK_SKEW_MS) continue
        if (bodyComparable(c.body) === wanted) return { item: mapComment(c, elementId, await mapping()) }
      }
      url = data.nextPageUrl
    }
    return null
  }

  async function likeState(remoteId: string): Promise<{ raw: unknown; likeId?: string; liked: boolean }> {
    const raw = await element(remoteId)
    const likes = MyLikeSchema.safeParse(raw)
    const state = likes.success ? likes.data.capabilities?.chatterLikes : undefined
    return { raw, likeId: state?.myLike?.id, liked: state?.isLikedByCurrentUser === true || !!state?.myLike }
  }

  const gone = (error: unknown) => isNetworkFailure(error) && error.details.status === 404

  /** Uploads the draft's files to the user's Files (fileData + title); each becomes a ContentDocument. */
  async function upload(draft: OutgoingDraft): Promise<string[]> {
    const ids: string[] = []
    for (const file of draft.files ?? []) {
      const form = new FormData()
      form.set('fileData', fileBlob(file), file.name)
      form.set('title', file.name)
      if (file.description) form.set('desc', file.description)
      const { data } = await session.send('POST', FILES, FileDetailSchema, form)
      ids.push(data.id)
    }
    return ids
  }

  /** The account's own shares of a feed item, newest first (its profile feed, a few pages). */
  async function sharesOf(remoteId: string, since = 0): Promise<string[]> {
    const found: string[] = []
    let url: string | null | undefined = `${CHATTER}/feeds/user-profile/me/feed-elements?sort=CreatedDateDesc&pageSize=25`
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const { data }: { data: FeedElementPage } = await session.get(url, FeedElementPageSchema)
      for (const raw of data.elements) {
        const el = parseFeedElement(raw)
        if (!el) continue
        if (Date.parse(el.createdDate) < since - CLOCK_SKEW_MS) return found
        if (el.actor.id === myId() && el.capabilities?.feedEntityShare?.feedEntity?.id === remoteId) found.push(el.id)
      }
      url = data.nextPageUrl
    }
    return found
  }

  /** A comment's like: POST …/comments/{id}/likes; undone with PATCH isLikedByCurrentUser=false (v39+). */
  async function likeComment(remoteId: string, liked: boolean): Promise<WriteOutcome> {
    const path = `${CHATTER}/comments/${checkId(remoteId)}/likes`
    if (liked) await session.send('POST', path, LikeSchema)
    else await session.send('PATCH', `${path}?isLikedByCurrentUser=false`, z.unknown())
    const { data } = await session.get(`${CHATTER}/comments/${remoteId}`, CommentSchema)
    const elementId = data.feedElement?.id
    return elementId ? { item: mapComment(data, elementId, await mapping()) } : {}
  }

  return {
    async post(draft) {
      const segments = segmentsOf(draft)
      checkBody(segments, draft.text)
      const files = await upload(draft)
      const { data } = await session.send('POST', `${CHATTER}/feed-elements`, RawFeedElementSchema, {
        body: { messageSegments: segments },
        feedElementType: 'FeedItem',
        subjectId: subjectOf(draft),
        ...(files.length ? { capabilities: { files: { items: files.map((id) => ({ id })) } } } : {}),
      })
      return { item: await itemOf(data) }
    },

    async reply(draft) {
      if (draft.target)
        throw new UserError('unsupported-target', 'A comment goes under its post; it has no group or profile of its own.')
      const segments = segmentsOf(draft)
      checkBody(segments, draft.text)
      if ((draft.files?.length ?? 0) > 1) throw new UserError('too-many-attachments', 'A Chatter comment carries one file.')
      const elementId = await threadOf(draft.replyTo)
      const [file] = await upload(draft)
      const { data } = await session.send(
        'POST',
        `${CHATTER}/feed-elements/${elementId}/capabilities/comments/items`,
        CommentSchema,
        {
          body: { messageSegments: segments },
          ...(file ? { capabilities: { content: { contentDocumentId: file } } } : {}),
        },
      )
      return { item: mapComment(data, elementId, await mapping()) }
    },

    async like(remoteId) {
      if (checkId(remoteId).startsWith(COMMENT_PREFIX)) return likeComment(remoteId, true)
      await session.send('POST', `${CHATTER}/feed-elements/${remoteId}/capabilities/chatter-likes/items`, LikeSchema)
      return { item: await itemOf(await element(remoteId)) }
    },

    async unlike(remoteId) {
      if (checkId(remoteId).startsWith(COMMENT_PREFIX)) return likeComment(remoteId, false)
      const state = await likeState(remoteId)
      if (!state.likeId) return { item: await itemOf(state.raw) } // not liked (any more): nothing to undo
      try {
        await session.send('DELETE', `${CHATTER}/likes/${checkId(state.likeId)}`, EmptySchema)
      } catch (error) {
        if (!gone(error)) throw error
      }
      return { item: await itemOf(await element(remoteId)) }
    },

    // Chatter's repost is a share (Feed Item Input capabilities.feedEntityShare, v39+) onto the user's own feed.
    async repost(remoteId) {
      if (checkId(remoteId).startsWith(COMMENT_PREFIX))
        throw new UserError('unsupported-action', 'Chatter shares posts, not comments.')
      await session.send('POST', `${CHATTER}/feed-elements`, RawFeedElementSchema, {
        body: { messageSegments: [] },
        capabilities: { feedEntityShare: { feedEntityId: remoteId } },
        feedElementType: 'FeedItem',
        subjectId: 'me',
      })
      return { item: await itemOf(await element(remoteId)) }
    },

    /** Deletes the user's shares of the post (none left: nothing to undo). */
    async unrepost(remoteId) {
      for (const id of await sharesOf(checkId(remoteId))) {
        try {
          await session.send('DELETE', `${CHATTER}/feed-elements/${id}`, EmptySchema)
        } catch (error) {
          if (!gone(error)) throw error
        }
      }
      return { item: await itemOf(await element(remoteId)) }
    },

    async remove(remoteId) {
      const path = checkId(remoteId).startsWith(COMMENT_PREFIX) ? `comments/${remoteId}` : `feed-elements/${remoteId}`
      try {
        await session.send('DELETE', `${CHATTER}/${path}`, EmptySchema)
      } catch (error) {
        if (!gone(error)) throw error // 404: already deleted, which is what was asked
      }
      return {}
    },

    async findExisting(write: PendingWrite, since: number) {
      switch (write.action) {
        case 'post':
          return findPost(write.draft, since)
        case 'reply':
          return findComment(write.draft, since)
        case 'like':
        case 'unlike': {
          if (write.remoteId.startsWith(COMMENT_PREFIX)) {
            const { data } = await session.get(`${CHATTER}/comments/${checkId(write.remoteId)}`, CommentSchema)
            const elementId = data.feedElement?.id
            const done = !!data.myLike === (write.action === 'like')
            return done && elementId ? { item: mapComment(data, elementId, await mapping()) } : null
          }
          const state = await likeState(write.remoteId)
          return state.liked === (write.action === 'like') ? { item: await itemOf(state.raw) } : null
        }
        case 'repost':
          return (await sharesOf(write.remoteId, since)).length > 0 ? { item: await itemOf(await element(write.remoteId)) } : null
        case 'unrepost':
          return null // deleting the shares again is harmless
        case 'remove':
          if (write.remoteId.startsWith(COMMENT_PREFIX)) return null // a DELETE repeats safely anyway
          try {
            await element(write.remoteId)
            return null
          } catch (error) {
            if (gone(error)) return {}
            throw error
          }
        default:
          return null
      }
    },
  }
}
