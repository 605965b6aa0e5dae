// Bluesky writes as the outbox calls them: post, reply (root and parent refs from the parent
// post), like / unlike, repost / unrepost, delete. Records go to the user's own repo on the PDS
// (com.atproto.repo.createRecord); there is no idempotency key, so an uncertain post is looked
// for in the repo itself (listRecords: no AppView lag) before it is sent again.
import { RichText } from '@atproto/api'
import { z } from 'zod'
import { NetworkFailure, UserError } from '../../core/errors'
import type { AdapterContext, NetworkWrites, OutgoingDraft, PendingWrite, WriteOutcome } from '../types'
import { postToItem } from './mapping'
import { PostsSchema } from './schemas'
import type { BlueskySession } from './session'

const RefSchema = z.object({ uri: z.string(), cid: z.string() })
const ViewerPostsSchema = z.object({
  posts: z.array(
    z.object({
      uri: z.string(),
      cid: z.string(),
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
        })
        .loose(),
    }),
  ),
})

export const MAX_GRAPHEMES = 300

/** JS string offsets (the draft's mentions) → UTF-8 byte offsets (the lexicon's facets). */
const byteOffset = (text: string, index: number) => new TextEncoder().encode(text.slice(0, index)).length

export function createBlueskyWrites(ctx: AdapterContext, session: BlueskySession): NetworkWrites {
  const { account } = ctx
  const { agent, call } = session
  const did = async () => (await ctx.credentials.get()).did ?? ''

  async function postView(uri: string) {
    const { data } = await call(ViewerPostsSchema, () => agent.app.bsky.feed.getPosts({ uris: [uri] }))
    const post = data.posts[0]
    if (!post) throw new NetworkFailure('permanent', 'That post no longer exists.')
    return post
  }
  async function itemFor(uri: string): Promise<WriteOutcome> {
    // The AppView may not have indexed a brand-new record yet: then the next poll brings it.
    const { data } = await call(PostsSchema, () => agent.app.bsky.feed.getPosts({ uris: [uri] }))
    return data.posts[0] ? { item: postToItem(account, data.posts[0]) } : {}
  }
  async function record(draft: OutgoingDraft) {
    const text = draft.text.trim()
    if (!text) throw new UserError('empty-draft', 'Write something first.')
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
    return { $type: 'app.bsky.feed.post', text, createdAt: new Date().toISOString(), ...(facets.length ? { facets } : {}) }
  }
  async function create(value: Record<string, unknown>, collection: string) {
    const { data } = await call(RefSchema, () =>
      agent.com.atproto.repo.createRecord({ repo: account.id.replace(/^bluesky:/, ''), collection, record: value }),
    )
    return data
  }
  const rkey = (uri: string) => uri.split('/').pop()!

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
      return itemFor(ref.uri)
    },
    async like(remoteId) {
      const p = await postView(remoteId)
      if (!p.viewer?.like)
        await create(
          { $type: 'app.bsky.feed.like', subject: { uri: p.uri, cid: p.cid }, createdAt: new Date().toISOString() },
          'app.bsky.feed.like',
        )
      return itemFor(remoteId)
    },
    async unlike(remoteId) {
      const p = await postView(remoteId)
      if (p.viewer?.like)
        await call(z.unknown(), () =>
          agent.com.atproto.repo.deleteRecord({
            repo: account.id.replace(/^bluesky:/, ''),
            collection: 'app.bsky.feed.like',
            rkey: rkey(p.viewer!.like!),
          }),
        )
      return itemFor(remoteId)
    },
    async repost(remoteId) {
      const p = await postView(remoteId)
      if (!p.viewer?.repost)
        await create(
          { $type: 'app.bsky.feed.repost', subject: { uri: p.uri, cid: p.cid }, createdAt: new Date().toISOString() },
          'app.bsky.feed.repost',
        )
      return itemFor(remoteId)
    },
    async unrepost(remoteId) {
      const p = await postView(remoteId)
      if (p.viewer?.repost)
        await call(z.unknown(), () =>
          agent.com.atproto.repo.deleteRecord({
            repo: account.id.replace(/^bluesky:/, ''),
            collection: 'app.bsky.feed.repost',
            rkey: rkey(p.viewer!.repost!),
          }),
        )
      return itemFor(remoteId)
    },
    async remove(remoteId) {
      if (!remoteId.startsWith(`at://${account.id.replace(/^bluesky:/, '')}/`))
        throw new UserError('not-yours', 'Only your own posts can be deleted.')
      await call(z.unknown(), () =>
        agent.com.atproto.repo.deleteRecord({
          repo: account.id.replace(/^bluesky:/, ''),
          collection: 'app.bsky.feed.post',
          rkey: rkey(remoteId),
        }),
      )
      return {}
    },
    async findExisting(write: PendingWrite, since: number) {
      if (write.action !== 'post' && write.action !== 'reply') return null
      if (!('draft' in write)) return null
      const { data } = await call(RecordsSchema, async () =>
        agent.com.atproto.repo.listRecords({ repo: await did(), collection: 'app.bsky.feed.post', limit: 30 }),
      )
      const parentUri = write.action === 'reply' ? write.draft.replyTo : undefined
      const found = data.records.find(
        (r) =>
          r.value.text === write.draft.text.trim() &&
          r.value.reply?.parent.uri === parentUri &&
          Date.parse(r.value.createdAt ?? '') >= since - 60_000,
      )
      return found ? itemFor(found.uri) : null
    },
  }
}
