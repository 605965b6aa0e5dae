// Bluesky writes as the outbox calls them: post and reply (with up to four images: each uploaded
// as a blob, then embedded with its alt text), like / unlike, repost / unrepost, delete, and hide /
// unhide a reply in one's own thread (the threadgate, threadgate.ts). Records go to the user's own
// repo on the PDS (com.atproto.repo.*); there is no idempotency key, so an uncertain post is looked
// for in the repo itself (listRecords: no AppView lag) before it is sent again.
import { BlobRef, RichText } from '@atproto/api'
import { z } from 'zod'
import type { ModerationAction } from '../../../preload/model'
import { NetworkFailure, UserError, isNetworkFailure } from '../../core/errors'
import type { AdapterContext, NetworkWrites, OutgoingDraft, OutgoingFile, PendingWrite, WriteOutcome } from '../types'
import { imageDimensions } from './images'
import { postToItem } from './mapping'
import { PostsSchema } from './schemas'
import type { BlueskySession } from './session'
import { MAX_HIDDEN_REPLIES, THREADGATE, accountDid, addGates, parseAtUri } from './threadgate'

const RefSchema = z.object({ uri: z.string(), cid: z.string() })
const ViewerPostsSchema = z.object({
  posts: z.array(
    z.object({
      uri: z.string(),
      cid: z.string(),
      author: z.object({ did: z.string() }).loose(),
      record: z.object({ reply: z.object({ root: RefSchema, parent: RefSchema }).optional() }).loose(),
      viewer: z.object({ like: z.string().optional(), repost: z.string().optional() }).loose().optional(),
    }),
  ),
})
const RecordsSchema = z.object({
  records: z.array(
    z.object({
      uri: z.string(),
      cid: z.string(),
      value: z
        .object({
          text: z.string().optional(),
          createdAt: z.string().optional(),
          reply: z.object({ parent: RefSchema }).optional(),
          embed: z
            .object({ $type: z.string(), images: z.array(z.unknown()).optional() })
            .loose()
            .optional()
            .catch(undefined),
        })
        .loose(),
    }),
  ),
})
/** com.atproto.repo.uploadBlob → { blob }: the SDK hands the blob over as a BlobRef, which goes into the record as is. */
const UploadSchema = z.object({ blob: z.instanceof(BlobRef) })
/** com.atproto.repo.getRecord of a threadgate → { uri, cid, value }. */
const GateRecordSchema = z.object({
  uri: z.string(),
  cid: z.string(),
  value: z.object({ hiddenReplies: z.array(z.string()).optional().catch(undefined) }).loose(),
})

export const MAX_GRAPHEMES = 300
/** app.bsky.embed.images holds at most four. */
export const MAX_IMAGES = 4
/** Tries of a threadgate change when someone else changes it in between (InvalidSwap). */
const GATE_TRIES = 3

/** JS string offsets (the draft's mentions) → UTF-8 byte offsets (the lexicon's facets). */
const byteOffset = (text: string, index: number) => new TextEncoder().encode(text.slice(0, index)).length

export function createBlueskyWrites(ctx: AdapterContext, session: BlueskySession): NetworkWrites {
  const { account } = ctx
  const { agent, call } = session
  const did = async () => (await ctx.credentials.get()).did ?? ''
  const repo = accountDid(account)

  async function postView(uri: string) {
    const { data } = await call(ViewerPostsSchema, () => agent.app.bsky.feed.getPosts({ uris: [uri] }))
    const post = data.posts[0]
    if (!post) throw new NetworkFailure('permanent', 'That post no longer exists.')
    return post
  }
  /** The post as the AppView shows it now; with its thread's root, so a hidden reply says so. */
  async function itemFor(uri: string, root?: string): Promise<WriteOutcome> {
    // The AppView may not have indexed a brand-new record yet: then the next poll brings it.
    const uris = root && root !== uri ? [uri, root] : [uri]
    const { data } = await call(PostsSchema, () => agent.app.bsky.feed.getPosts({ uris }))
    const post = data.posts.find((p) => p.uri === uri)
    return post ? { item: postToItem(account, post, undefined, addGates(new Map(), data.posts)) } : {}
  }
  /** Each file uploaded as a blob (every attempt again: a blob no record uses is dropped by the PDS). */
  async function imagesEmbed(files: readonly OutgoingFile[]) {
    if (files.length > MAX_IMAGES)
      throw new UserError('too-many-attachments', `A Bluesky post carries at most ${MAX_IMAGES} images.`)
    const images = []
    for (const file of files) {
      if (!file.mimeType.startsWith('image/'))
        throw new UserError('attachment-type', `Bluesky posts carry images only; ${file.name} is ${file.mimeType}.`)
      const { data } = await call(UploadSchema, () =>
        agent.com.atproto.repo.uploadBlob(new Uint8Array(file.bytes), { encoding: file.mimeType }),
      )
      const aspectRatio = imageDimensions(file.bytes)
      // alt is required by the lexicon; empty means "no description".
      images.push({ image: data.blob, alt: file.description?.trim() ?? '', ...(aspectRatio ? { aspectRatio } : {}) })
    }
    return { $type: 'app.bsky.embed.images', images }
  }
  async function record(draft: OutgoingDraft) {
    const text = draft.text.trim()
    const files = draft.files ?? []
    if (!text && files.length === 0) throw new UserError('empty-draft', 'Write something first.')
    const rt = new RichText({ text })
    if (rt.graphemeLength > MAX_GRAPHEMES)
      throw new UserError('too-long', `Bluesky posts hold ${MAX_GRAPHEMES} characters; this one has ${rt.graphemeLength}.`)
    rt.detectFacetsWithoutResolution() // links and #tags; mentions come structured from the draft
    const facets = [...(rt.facets ?? [])].filter((f) => !f.features.some((x) => x.$type === 'app.bsky.richtext.facet#mention'))
    for (const m of draft.mentions ?? []) {
      if (!m.id.startsWith('did:')) throw new UserError('invalid-mention', 'A Bluesky mention needs the person’s DID.')
      facets.push({
        index: { byteStart: byteOffset(text, m.start), byteEnd: byteOffset(text, m.end) },
        features: [{ $type: 'app.bsky.richtext.facet#mention', did: m.id }],
      })
    }
    const embed = files.length ? await imagesEmbed(files) : undefined
    return {
      $type: 'app.bsky.feed.post',
      text,
      createdAt: new Date().toISOString(),
      ...(facets.length ? { facets } : {}),
      ...(embed ? { embed } : {}),
    }
  }
  async function create(value: Record<string, unknown>, collection: string) {
    const { data } = await call(RefSchema, () => agent.com.atproto.repo.createRecord({ repo, collection, record: value }))
    return data
  }
  const rkey = (uri: string) => uri.split('/').pop()!

  /** The thread's gate in the account's repo, or null when there is none (the PDS answers RecordNotFound). */
  async function readGate(gateKey: string) {
    try {
      const { data } = await call(GateRecordSchema, () =>
        agent.com.atproto.repo.getRecord({ repo, collection: THREADGATE, rkey: gateKey }),
      )
      return data
    } catch (error) {
      if (isNetworkFailure(error) && error.details.code === 'RecordNotFound') return null
      throw error
    }
  }

  /**
   * Adds the reply to (or takes it from) the hiddenReplies of the thread's gate, keeping what else
   * the gate says (who may reply). Compare-and-swap on the gate's CID, or on its absence: a change
   * made in between (another app) is read again instead of overwritten.
   */
  async function setHidden(rootUri: string, gateKey: string, replyUri: string, hide: boolean): Promise<void> {
    for (let attempt = 0; attempt < GATE_TRIES; attempt++) {
      const current = await readGate(gateKey)
      const listed = current?.value.hiddenReplies ?? []
      if (listed.includes(replyUri) === hide) return // already so
      const hiddenReplies = hide ? [...listed, replyUri] : listed.filter((u) => u !== replyUri)
      if (hiddenReplies.length > MAX_HIDDEN_REPLIES)
        throw new UserError(
          'too-many-hidden',
          `Bluesky hides at most ${MAX_HIDDEN_REPLIES} replies in a thread; show one of them again first.`,
        )
      // A new gate says nothing about who may reply (no allow: anyone may, as before).
      const record = {
        ...(current?.value ?? { createdAt: new Date().toISOString() }),
        $type: THREADGATE,
        post: rootUri,
        hiddenReplies,
      }
      try {
        await call(RefSchema, () =>
          agent.com.atproto.repo.putRecord({
            repo,
            collection: THREADGATE,
            rkey: gateKey,
            record,
            swapRecord: current?.cid ?? null,
          }),
        )
        return
      } catch (error) {
        if (!(isNetworkFailure(error) && error.details.code === 'InvalidSwap')) throw error
      }
    }
    throw new NetworkFailure('transient', 'The thread’s reply settings kept changing while Crosstalk updated them.')
  }

  async function moderate(remoteId: string, action: ModerationAction): Promise<WriteOutcome> {
    if (action !== 'hide' && action !== 'unhide')
      throw new UserError('unsupported-action', 'On Bluesky, replies in your own threads can be hidden or shown again.')
    const reply = await postView(remoteId)
    const rootUri = reply.record.reply?.root.uri
    if (!rootUri) throw new UserError('not-a-reply', 'Only replies can be hidden on Bluesky; this post starts its thread.')
    const root = parseAtUri(rootUri)
    // The gate lives in the root author's repo under the root's rkey: nobody else can write it.
    if (!root || root.collection !== 'app.bsky.feed.post' || root.did !== repo)
      throw new UserError(
        'not-your-thread',
        'On Bluesky only the person who started a thread can hide replies in it, and this thread is someone else’s.',
      )
    const hide = action === 'hide'
    await setHidden(rootUri, root.rkey, reply.uri, hide)
    const outcome = await itemFor(reply.uri, rootUri)
    // What was just written stands, also while the AppView has not indexed the gate yet.
    if (outcome.item) {
      if (hide) outcome.item.moderation = 'hidden'
      else delete outcome.item.moderation
    }
    return outcome
  }

  return {
    async post(draft) {
      const ref = await create(await record(draft), 'app.bsky.feed.post')
      return itemFor(ref.uri)
    },
    async reply(draft) {
      const parent = await postView(draft.replyTo)
      const root = parent.record.reply?.root ?? { uri: parent.uri, cid: parent.cid }
      const ref = await create(
        { ...(await record(draft)), reply: { root, parent: { uri: parent.uri, cid: parent.cid } } },
        'app.bsky.feed.post',
      )
      return itemFor(ref.uri, root.uri)
    },
    async like(remoteId) {
      const p = await postView(remoteId)
      if (!p.viewer?.like)
        await create(
          { $type: 'app.bsky.feed.like', subject: { uri: p.uri, cid: p.cid }, createdAt: new Date().toISOString() },
          'app.bsky.feed.like',
        )
      return itemFor(remoteId, p.record.reply?.root.uri)
    },
    async unlike(remoteId) {
      const p = await postView(remoteId)
      if (p.viewer?.like)
        await call(z.unknown(), () =>
          agent.com.atproto.repo.deleteRecord({
            repo,
            collection: 'app.bsky.feed.like',
            rkey: rkey(p.viewer!.like!),
          }),
        )
      return itemFor(remoteId, p.record.reply?.root.uri)
    },
    async repost(remoteId) {
      const p = await postView(remoteId)
      if (!p.viewer?.repost)
        await create(
          { $type: 'app.bsky.feed.repost', subject: { uri: p.uri, cid: p.cid }, createdAt: new Date().toISOString() },
          'app.bsky.feed.repost',
        )
      return itemFor(remoteId, p.record.reply?.root.uri)
    },
    async unrepost(remoteId) {
      const p = await postView(remoteId)
      if (p.viewer?.repost)
        await call(z.unknown(), () =>
          agent.com.atproto.repo.deleteRecord({
            repo,
            collection: 'app.bsky.feed.repost',
            rkey: rkey(p.viewer!.repost!),
          }),
        )
      return itemFor(remoteId, p.record.reply?.root.uri)
    },
    async remove(remoteId) {
      if (!remoteId.startsWith(`at://${repo}/`)) throw new UserError('not-yours', 'Only your own posts can be deleted.')
      await call(z.unknown(), () =>
        agent.com.atproto.repo.deleteRecord({
          repo,
          collection: 'app.bsky.feed.post',
          rkey: rkey(remoteId),
        }),
      )
      return {}
    },
    moderate,
    async findExisting(write: PendingWrite, since: number) {
      if (write.action !== 'post' && write.action !== 'reply') return null
      if (!('draft' in write)) return null
      const { data } = await call(RecordsSchema, async () =>
        agent.com.atproto.repo.listRecords({ repo: await did(), collection: 'app.bsky.feed.post', limit: 30 }),
      )
      const parentUri = write.action === 'reply' ? write.draft.replyTo : undefined
      // The same text (and parent), written since the first attempt, with as many images.
      const images = write.draft.files?.length ?? 0
      const found = data.records.find(
        (r) =>
          r.value.text === write.draft.text.trim() &&
          r.value.reply?.parent.uri === parentUri &&
          (r.value.embed?.images?.length ?? 0) === images &&
          Date.parse(r.value.createdAt ?? '') >= since - 60_000,
      )
      return found ? itemFor(found.uri) : null
    },
  }
}
