// Chatter writes against the fake org: feed items to the profile, a group or a colleague, with
// Mention segments; comments (also under a comment's post); likes; deletion; findExisting; and
// the errors Salesforce answers with.
import { afterEach, describe, expect, it } from 'vitest'
import type { Account } from '../../../../../preload/model'
import { NetworkFailure, UserError } from '../../../../../main/core/errors'
import { createHttp } from '../../../../../main/core/http/client'
import { chatterNetwork } from '../../../../../main/networks/chatter'
import { comparable, segmentsOf } from '../../../../../main/networks/chatter/write'
import type { NetworkAdapter, OutgoingDraft } from '../../../../../main/networks/types'
import { itemId } from '../../../../../main/networks/types'
import { startFakeChatter, type FakeChatter } from '../../../../fakes/chatter/server'
import { signInTo } from '../../core/outbox/sign-in'

let fake: FakeChatter
let account: Account
let adapter: NetworkAdapter
let expire: () => void

async function setup() {
  fake = await startFakeChatter()
  const http = createHttp()
  const signed = await signInTo(chatterNetwork, http, { network: 'chatter', loginHost: fake.url, clientId: 'crosstalk-demo-key' })
  account = signed.account
  adapter = chatterNetwork.createAdapter({ account, http, credentials: signed.credentials })
  expire = () => fake.expireAccessTokens()
}
afterEach(async () => {
  await fake?.close()
})

async function rejection(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(Error)
  return e as Error
}

const draft = <E extends Partial<OutgoingDraft> = object>(text: string, extra?: E): OutgoingDraft & E =>
  ({ text, ...extra }) as OutgoingDraft & E

/** A colleague's id and name, from a mention the fake renders in its seed posts. */
async function colleague(): Promise<{ id: string; name: string }> {
  const res = await fetch(`${fake.url}/__fake/posts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ author: 'priya', text: 'hello' }),
  })
  const { id } = (await res.json()) as { id: string }
  const thread = await adapter.fetchThread(id)
  return { id: thread.items[0]!.author.id, name: thread.items[0]!.author.name }
}

describe('chatter writes: posts and comments', () => {
  it('posts to the user’s own profile with Text and Mention segments', async () => {
    await setup()
    const priya = await colleague()
    const text = `Thanks @${priya.name} for the numbers`
    const out = await adapter.post!(
      draft(text, { mentions: [{ start: 7, end: 7 + priya.name.length + 1, id: priya.id, name: priya.name }] }),
      'unused-key',
    )
    const posted = fake.writes.myPosts().at(-1)!
    expect(posted).toEqual({ id: out.item!.remoteId, parentId: fake.me.id, text: `Thanks @${priya.name} for the numbers` })
    expect(out.item).toMatchObject({
      id: itemId(account.id, posted.id),
      network: 'chatter',
      side: 'internal',
      author: { id: fake.me.id },
    })
    expect(out.item!.html).toContain(`>@${priya.name}</a>`)
    expect(fake.writes.log.at(-1)).toMatchObject({ method: 'POST', status: 201 })
  })

  it('posts into a group and onto a colleague’s profile', async () => {
    await setup()
    const group = fake.groups[0]!
    const toGroup = await adapter.post!(draft('For the support group', { target: { kind: 'group', id: group.id } }), 'k')
    expect(toGroup.item!.group).toEqual({ id: group.id, name: group.name })
    const priya = await colleague()
    await adapter.post!(draft('Thanks for yesterday', { target: { kind: 'profile', id: priya.id } }), 'k')
    expect(
      fake.writes
        .myPosts()
        .slice(-2)
        .map((p) => p.parentId),
    ).toEqual([group.id, priya.id])
  })

  it('comments under a post, and a reply to a comment goes under that comment’s post', async () => {
    await setup()
    const { id: postId } = fake.addFeedElement({ author: 'mei', text: 'Who can review the guide?' })
    const c1 = await adapter.reply!(draft('I can, this afternoon', { replyTo: postId }), 'k')
    expect(c1.item).toMatchObject({
      parentId: itemId(account.id, postId),
      threadId: itemId(account.id, postId),
      text: 'I can, this afternoon',
    })
    const { id: theirComment } = fake.addFeedElement({ author: 'lena', commentOn: postId, text: 'Me too' })
    await adapter.reply!(draft('Great, let us split it', { replyTo: theirComment }), 'k')
    expect(fake.writes.myComments(postId).map((c) => c.text)).toEqual(['I can, this afternoon', 'Great, let us split it'])
  })

  it('answers Salesforce’s errors: unknown subject 404, bad mention 400, too long refused before sending', async () => {
    await setup()
    const missing = (await rejection(
      adapter.post!(draft('x', { target: { kind: 'group', id: '0F9000000000000AAA' } }), 'k'),
    )) as NetworkFailure
    expect(missing).toMatchObject({ kind: 'permanent', details: { status: 404 } })
    expect(missing.message).toContain('does not exist')
    const badMention = (await rejection(
      adapter.post!(draft('@Nobody hi', { mentions: [{ start: 0, end: 7, id: '005000000000000AAA' }] }), 'k'),
    )) as NetworkFailure
    expect(badMention).toMatchObject({ kind: 'permanent', details: { status: 400 } })
    expect(badMention.message).toContain('Invalid mention id')
    const before = fake.writes.log.length
    const tooLong = await rejection(adapter.post!(draft('x'.repeat(10_001)), 'k'))
    expect(tooLong).toBeInstanceOf(UserError)
    expect(tooLong.message).toContain('10,000')
    expect(fake.writes.log).toHaveLength(before)
  })

  it('refreshes an expired session once and the write goes through, once', async () => {
    await setup()
    const before = fake.writes.myPosts().length
    const logged = fake.writes.log.length
    const issued = fake.tokens().issued.length
    expire()
    await adapter.post!(draft('After the refresh'), 'k')
    expect(fake.tokens().issued.length).toBe(issued + 1)
    // The expired session was refused before the post was looked at; the retry made it, once.
    expect(fake.writes.myPosts()).toHaveLength(before + 1)
    expect(fake.writes.log.slice(logged).map((l) => l.status)).toEqual([201])
  })

  it('a 503 over the hourly limit is a rate limit with Retry-After', async () => {
    await setup()
    fake.faults.set({ kind: 'rate-limit', count: 1, retryAfterSeconds: 60 })
    const e = (await rejection(adapter.post!(draft('later'), 'k'))) as NetworkFailure
    expect(e.kind).toBe('rate-limited')
    expect(e.details.retryAt).toBeGreaterThan(Date.now() + 50_000)
  })
})

describe('chatter writes: likes and deletion', () => {
  it('likes and unlikes a post; the item carries the new count', async () => {
    await setup()
    const { id } = fake.addFeedElement({ author: 'sam', text: 'Roadmap draft is up' })
    const liked = await adapter.like!(id)
    expect(liked.item!.counts!.likes).toBe(1)
    await adapter.like!(id) // twice is still one like
    const unliked = await adapter.unlike!(id)
    expect(unliked.item!.counts!.likes).toBe(0)
    await expect(adapter.unlike!(id)).resolves.toMatchObject({ item: { counts: { likes: 0 } } })
  })

  it('deletes its own post and comment; already gone is done; someone else’s is refused', async () => {
    await setup()
    const { item: post } = await adapter.post!(draft('Typo'), 'k')
    const { item: comment } = await adapter.reply!(draft('typo too', { replyTo: post!.remoteId }), 'k')
    await adapter.remove!(comment!.remoteId)
    expect(fake.writes.myComments(post!.remoteId)).toEqual([])
    await adapter.remove!(post!.remoteId)
    expect(fake.writes.myPosts().some((p) => p.id === post!.remoteId)).toBe(false)
    await expect(adapter.remove!(post!.remoteId)).resolves.toEqual({})
    const { id: theirs } = fake.addFeedElement({ author: 'sam', text: 'not yours' })
    const e = (await rejection(adapter.remove!(theirs))) as NetworkFailure
    expect(e).toMatchObject({ kind: 'permanent', details: { status: 403 } })
  })
})

describe('chatter writes: findExisting', () => {
  it('finds a post by the same words and parent since the first attempt, and nothing else', async () => {
    await setup()
    const since = Date.now()
    const group = fake.groups[1]!
    const priya = await colleague()
    const text = `Heads up @${priya.name}: outage note is posted`
    const mentions = [{ start: 9, end: 10 + priya.name.length, id: priya.id }]
    const { item } = await adapter.post!(draft(text, { target: { kind: 'group', id: group.id }, mentions }), 'k')
    const found = await adapter.findExisting!(
      { action: 'post', draft: draft(text, { target: { kind: 'group', id: group.id }, mentions }) },
      since,
    )
    expect(found?.item?.id).toBe(item!.id)
    // Same words elsewhere, other words, or a mention of someone else: not it.
    expect(await adapter.findExisting!({ action: 'post', draft: draft(text, { mentions }) }, since)).toBeNull()
    expect(
      await adapter.findExisting!(
        { action: 'post', draft: draft(`${text}!`, { target: { kind: 'group', id: group.id }, mentions }) },
        since,
      ),
    ).toBeNull()
    expect(
      await adapter.findExisting!({ action: 'post', draft: draft(text, { target: { kind: 'group', id: group.id } }) }, since),
    ).toBeNull()
  })

  it('finds a comment under the same post, and a like or a deletion that already happened', async () => {
    await setup()
    const since = Date.now()
    const { id } = fake.addFeedElement({ author: 'jordan', text: 'Queue is clear' })
    expect(await adapter.findExisting!({ action: 'reply', draft: draft('Nice work', { replyTo: id }) }, since)).toBeNull()
    const { item } = await adapter.reply!(draft('Nice work', { replyTo: id }), 'k')
    expect(
      (await adapter.findExisting!({ action: 'reply', draft: draft('Nice  work ', { replyTo: id }) }, since))?.item?.id,
    ).toBe(item!.id)

    expect(await adapter.findExisting!({ action: 'like', remoteId: id }, since)).toBeNull()
    await adapter.like!(id)
    expect(await adapter.findExisting!({ action: 'like', remoteId: id }, since)).toMatchObject({ item: { remoteId: id } })

    const { item: mine } = await adapter.post!(draft('to delete'), 'k')
    expect(await adapter.findExisting!({ action: 'remove', remoteId: mine!.remoteId }, since)).toBeNull()
    await adapter.remove!(mine!.remoteId)
    expect(await adapter.findExisting!({ action: 'remove', remoteId: mine!.remoteId }, since)).toEqual({})
  })

  it('compares words and mentions, not markup or spacing', () => {
    const segs = segmentsOf({ text: 'Hi @Priya  see\nthis', mentions: [{ start: 3, end: 9, id: '005A' }] })
    expect(segs).toEqual([
      { type: 'Text', text: 'Hi ' },
      { type: 'Mention', id: '005A' },
      { type: 'Text', text: '  see\nthis' },
    ])
    expect(comparable(segs)).toBe(
      comparable([
        { type: 'MarkupBegin' },
        { type: 'Text', text: 'Hi ' },
        { type: 'Mention', text: '@Priya Natarajan', record: { id: '005A' } },
        { type: 'Text', text: ' see this' },
        { type: 'MarkupEnd' },
      ]),
    )
    expect(comparable(segs)).not.toBe(comparable([{ type: 'Text', text: 'Hi @Priya see this' }]))
  })
})
