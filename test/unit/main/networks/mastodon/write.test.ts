// Mastodon writes against the fake instance: statuses with Idempotency-Key, replies, mentions,
// favourites, boosts, deletion, reports, findExisting, and the errors a real server gives.
import { afterEach, describe, expect, it } from 'vitest'
import type { Account } from '../../../../../preload/model'
import { NetworkFailure, UserError } from '../../../../../main/core/errors'
import { createHttp } from '../../../../../main/core/http/client'
import { mastodonNetwork } from '../../../../../main/networks/mastodon'
import { comparableText, IDEMPOTENCY_WINDOW_MS, statusText } from '../../../../../main/networks/mastodon/write'
import type { NetworkAdapter, OutgoingDraft } from '../../../../../main/networks/types'
import { itemId } from '../../../../../main/networks/types'
import { startFakeMastodon, type FakeMastodon } from '../../../../fakes/mastodon/server'
import { signInTo } from '../../core/outbox/sign-in'

let fake: FakeMastodon
let account: Account
let adapter: NetworkAdapter
let now = Date.parse('2025-03-04T10:00:00.000Z')

async function setup() {
  now = Date.parse('2025-03-04T10:00:00.000Z')
  fake = await startFakeMastodon({ now: () => now })
  const http = createHttp()
  const signed = await signInTo(mastodonNetwork, http, { network: 'mastodon', server: fake.url })
  account = signed.account
  adapter = mastodonNetwork.createAdapter({ account, http, credentials: signed.credentials })
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

const mine = () => fake.writes.ownStatuses()
const draft = <E extends Partial<OutgoingDraft> = object>(text: string, extra?: E): OutgoingDraft & E =>
  ({ text, ...extra }) as OutgoingDraft & E

describe('mastodon writes: statuses', () => {
  it('posts with visibility and content warning, and maps the answer to an item', async () => {
    await setup()
    const before = mine().length
    const out = await adapter.post!(
      draft('Community call notes are up', { visibility: 'unlisted', warning: 'long read' }),
      'key-1',
    )
    const posted = mine().at(-1)!
    expect(mine()).toHaveLength(before + 1)
    expect(posted).toMatchObject({ text: 'Community call notes are up', visibility: 'unlisted', spoilerText: 'long read' })
    expect(out.item).toMatchObject({
      id: itemId(account.id, posted.id),
      remoteId: posted.id,
      text: 'Community call notes are up',
      warning: 'long read',
      author: { id: fake.me.id },
    })
  })

  it('honours Idempotency-Key: the same key within the hour returns the same status, no duplicate', async () => {
    await setup()
    const before = mine().length
    const a = await adapter.post!(draft('Only once, please'), 'same-key')
    now += 30 * 60_000
    const b = await adapter.post!(draft('Only once, please'), 'same-key')
    expect(b.item!.id).toBe(a.item!.id)
    expect(mine()).toHaveLength(before + 1)
    const posts = fake.writes.log.filter((l) => l.path === '/api/v1/statuses')
    expect(posts.map((p) => [p.idempotencyKey, p.status])).toEqual([
      ['same-key', 200],
      ['same-key', 200],
    ])
    // Another key is another status; the same key after its hour is too (that is what findExisting is for).
    await adapter.post!(draft('Only once, please'), 'other-key')
    now += IDEMPOTENCY_WINDOW_MS
    await adapter.post!(draft('Only once, please'), 'same-key')
    expect(mine()).toHaveLength(before + 3)
  })

  it('replies with in_reply_to_id; a reply to a boost answers the boosted status', async () => {
    await setup()
    const parent = fake.addStatus({ author: 'alice', text: 'Anyone seen this bug?' })
    const out = await adapter.reply!(draft('@alice yes, fixed in 2.4.1', { replyTo: parent.id }), 'k-reply')
    expect(mine().at(-1)!.inReplyToId).toBe(parent.id)
    expect(out.item!.parentId).toBe(itemId(account.id, parent.id))

    const home = await adapter.fetchPage({ id: 'c', accountId: account.id, kind: 'home', title: 'Home' }, undefined, 'newer')
    const boost = home.items.find((i) => i.repostedBy)!
    await adapter.reply!(draft('answering a boost', { replyTo: boost.remoteId }), 'k-boost')
    expect(itemId(account.id, mine().at(-1)!.inReplyToId!)).toBe(boost.threadId)
  })

  it('sends structured mentions as @acct, local and remote, and the server links them', async () => {
    await setup()
    const text = 'Thanks @Alice and @Bob!'
    const out = await adapter.post!(
      draft(text, {
        mentions: [
          { start: 7, end: 13, id: '2071', handle: 'alice', name: 'Alice Moreau' },
          { start: 18, end: 22, id: '109458', handle: 'bob@fosstodon.example', name: 'Bob Okafor' },
        ],
      }),
      'k-mention',
    )
    expect(mine().at(-1)!.text).toBe('Thanks @alice and @bob@fosstodon.example!')
    expect(out.item!.html).toContain('class="u-url mention"')
    expect(mine().at(-1)!.mentionIds.sort()).toEqual(['109458', '2071'])
  })

  it('surfaces the server’s 422 messages as permanent failures', async () => {
    await setup()
    const long = (await rejection(adapter.post!(draft('x'.repeat(501)), 'k-long'))) as NetworkFailure
    expect(long).toBeInstanceOf(NetworkFailure)
    expect(long.kind).toBe('permanent')
    expect(long.details.status).toBe(422)
    expect(long.message).toContain('Validation failed: Text character limit of 500 exceeded')
    const blank = (await rejection(adapter.post!(draft('   '), 'k-blank'))) as NetworkFailure
    expect(blank.message).toContain("Text can't be blank")
    // URLs count 23 characters each, as on the server.
    await expect(
      adapter.post!(draft(`${'y'.repeat(470)} https://example.com/${'z'.repeat(100)}`), 'k-url'),
    ).resolves.toBeDefined()
  })

  it('refuses a group or profile target with a clear message, before any request', async () => {
    await setup()
    const before = fake.writes.log.length
    const e = await rejection(adapter.post!(draft('hi', { target: { kind: 'group', id: 'g1' } }), 'k'))
    expect(e).toBeInstanceOf(UserError)
    expect(fake.writes.log).toHaveLength(before)
  })

  it('a 429 is a rate limit with its Retry-After; a revoked token is an auth failure', async () => {
    await setup()
    fake.faults.set({ kind: 'rate-limit', count: 1, retryAfterSeconds: 30 })
    const limited = (await rejection(adapter.post!(draft('later'), 'k1'))) as NetworkFailure
    expect(limited.kind).toBe('rate-limited')
    expect(limited.details.retryAt).toBeGreaterThan(Date.now())
    const stale = mastodonNetwork.createAdapter({
      account,
      http: createHttp(),
      credentials: { get: async () => ({ accessToken: 'revoked-token' }), set: async () => {} },
    })
    const refused = (await rejection(stale.post!(draft('who am I'), 'k2'))) as NetworkFailure
    expect(refused.kind).toBe('auth')
    expect(fake.writes.log.at(-1)).toMatchObject({ path: '/api/v1/statuses', status: 401 })
  })
})

describe('mastodon writes: favourites, boosts, deletion, reports', () => {
  it('favourites and unfavourites, returning the status with its new count', async () => {
    await setup()
    const s = fake.addStatus({ author: 'carol', text: 'Alt text matters' })
    const liked = await adapter.like!(s.id)
    expect(liked.item).toMatchObject({ remoteId: s.id, counts: { likes: s.favourites_count + 1 } })
    const again = await adapter.like!(s.id)
    expect(again.item!.counts!.likes).toBe(s.favourites_count + 1) // favouriting twice counts once
    const unliked = await adapter.unlike!(s.id)
    expect(unliked.item!.counts!.likes).toBe(s.favourites_count)
  })

  it('boosts and unboosts; the outcome is the boosted status with its count', async () => {
    await setup()
    const s = fake.addStatus({ author: 'alice', text: 'Release day' })
    const boosted = await adapter.repost!(s.id)
    expect(boosted.item).toMatchObject({ remoteId: s.id, counts: { reposts: 1 } })
    await adapter.repost!(s.id) // again: the same boost, not a second
    const undone = await adapter.unrepost!(s.id)
    expect(undone.item).toMatchObject({ remoteId: s.id, counts: { reposts: 0 } })
  })

  it('deletes its own status; already gone counts as done; someone else’s is refused', async () => {
    await setup()
    const { item } = await adapter.post!(draft('typo'), 'k-del')
    await adapter.remove!(item!.remoteId)
    expect(mine().some((s) => s.id === item!.remoteId)).toBe(false)
    await expect(adapter.remove!(item!.remoteId)).resolves.toEqual({})
    const theirs = fake.addStatus({ author: 'bob', text: 'not yours' })
    const e = (await rejection(adapter.remove!(theirs.id))) as NetworkFailure
    expect(e.kind).toBe('permanent')
    expect(e.message).toContain('only your own posts')
  })

  it('reports a status to the moderators with a comment, naming its author', async () => {
    await setup()
    const spam = fake.addStatus({ author: 'frank', text: 'buy followers now' })
    await adapter.report!(spam.id, { comment: 'Spam', forward: true })
    expect(fake.writes.reports).toEqual([
      expect.objectContaining({ accountId: spam.account.id, statusIds: [spam.id], comment: 'Spam', forward: true }),
    ])
  })
})

describe('mastodon writes: findExisting', () => {
  it('finds our own status by text and parent since the first attempt, and nothing else', async () => {
    await setup()
    const since = now
    const parent = fake.addStatus({ author: 'alice', text: 'Question?' })
    now += 1000
    const mention = { start: 0, end: 6, id: '2071', handle: 'alice' }
    const { item } = await adapter.reply!(
      draft('@alice answered\n\nin two paragraphs', { replyTo: parent.id, mentions: [mention] }),
      'k',
    )
    const found = await adapter.findExisting!(
      { action: 'reply', draft: draft('@alice answered\n\nin two paragraphs', { replyTo: parent.id, mentions: [mention] }) },
      since,
    )
    expect(found?.item?.id).toBe(item!.id)
    expect(
      await adapter.findExisting!({ action: 'reply', draft: draft('@alice answered', { replyTo: parent.id }) }, since),
    ).toBeNull()
    expect(
      await adapter.findExisting!({ action: 'post', draft: draft('@alice answered\n\nin two paragraphs') }, since),
    ).toBeNull()
    // Statuses older than the first attempt (minus clock skew) are not ours to claim.
    expect(
      await adapter.findExisting!(
        { action: 'reply', draft: draft('@alice answered\n\nin two paragraphs', { replyTo: parent.id, mentions: [mention] }) },
        since + 60 * 60_000,
      ),
    ).toBeNull()
  })

  it('compares text the way the server shows it', () => {
    expect(comparableText('Hi @bob@fosstodon.example,\n\nsee  you')).toBe('Hi @bob, see you')
    expect(statusText({ text: 'Hi @Bob', mentions: [{ start: 3, end: 7, id: '1', handle: '@bob@fosstodon.example' }] })).toBe(
      'Hi @bob@fosstodon.example',
    )
  })
})
