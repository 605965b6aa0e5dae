// Bluesky writes through the core's outbox against the fake PDS: a post (with a structured
// mention), a reply with root/parent refs, like and unlike, repost,
// delete; an over-long post is refused with the draft kept (findExisting: see the real suite).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { APP_PASSWORD, startFakeBluesky, type FakeBluesky } from '../../../../fakes/bluesky/server'
import { startCore, type HarnessCore } from '../../core/outbox/core-harness'
import type { Item } from '../../../../../preload/model'

let fake: FakeBluesky
let core: HarnessCore
let dir: string

beforeEach(async () => {
  fake = await startFakeBluesky()
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-bsky-writes-'))
  core = startCore(dir, { pollIntervalMs: 60_000 })
  await core.start()
})
afterEach(async () => {
  await core.stop()
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('Bluesky writes through the outbox', () => {
  it('posts, replies in thread, likes, unlikes, reposts and deletes', async () => {
    const account = await core.handlers['accounts.signIn']({
      network: 'bluesky',
      server: fake.url,
      identifier: 'alice.test',
      password: APP_PASSWORD,
    })
    const text = 'Café ☕ notes for @bob.test at https://example.com/notes'
    const start = text.indexOf('@bob.test')
    const post = await core.handlers['outbox.submit']({
      accountId: account.id,
      text,
      mentions: [{ start, end: start + '@bob.test'.length, id: fake.world.bob.did, handle: 'bob.test' }],
    })
    expect((await core.entryIn(post.id, ['sent', 'failed'])).state).toBe('sent')
    const mine = fake.world.posts.find((p) => p.text === text)!
    expect(mine.authorDid).toBe(fake.world.me.did)

    const welcome = fake.world.posts.find((p) => p.text.startsWith('Welcome'))!
    const thanks = fake.world.posts.find((p) => p.text.startsWith('Thanks'))!
    const reply = await core.handlers['outbox.submit']({
      accountId: account.id,
      replyTo: `${account.id}/${thanks.uri}`,
      text: 'Agreed!',
    })
    expect((await core.entryIn(reply.id, ['sent', 'failed'])).state).toBe('sent')
    const agreed = fake.world.posts.find((p) => p.text === 'Agreed!')!
    expect(agreed.reply).toEqual({ root: { uri: welcome.uri, cid: welcome.cid }, parent: { uri: thanks.uri, cid: thanks.cid } })

    const like = await core.handlers['items.act']({ itemId: `${account.id}/${welcome.uri}`, action: 'like' })
    expect((await core.entryIn(like.id, ['sent', 'failed'])).state).toBe('sent')
    expect(welcome.likes.has(fake.world.me.did)).toBe(true)
    // The liked post comes back updated for the cache, saying the account likes it now.
    const likedItems = core.events.flatMap((e) =>
      e.event === 'items' && (e.payload as { detached?: boolean }).detached
        ? (e.payload as { items: Item[] }).items.filter((i) => i.remoteId === welcome.uri)
        : [],
    )
    expect(likedItems.at(-1)?.viewer).toMatchObject({ liked: true, mine: false })
    const unlike = await core.handlers['items.act']({ itemId: `${account.id}/${welcome.uri}`, action: 'unlike' })
    expect((await core.entryIn(unlike.id, ['sent', 'failed'])).state).toBe('sent')
    expect(welcome.likes.size).toBe(0)
    const repost = await core.handlers['items.act']({ itemId: `${account.id}/${welcome.uri}`, action: 'repost' })
    expect((await core.entryIn(repost.id, ['sent', 'failed'])).state).toBe('sent')
    expect(welcome.reposts.has(fake.world.me.did)).toBe(true)

    const remove = await core.handlers['items.act']({ itemId: `${account.id}/${mine.uri}`, action: 'remove' })
    expect((await core.entryIn(remove.id, ['sent', 'failed'])).state).toBe('sent')
    expect(mine.deleted).toBe(true)
  })

  it('an over-long post fails with the reason and keeps the draft', async () => {
    const account = await core.handlers['accounts.signIn']({
      network: 'bluesky',
      server: fake.url,
      identifier: 'alice.test',
      password: APP_PASSWORD,
    })
    const long = 'é'.repeat(301)
    const entry = await core.handlers['outbox.submit']({ accountId: account.id, text: long })
    const failed = await core.entryIn(entry.id, ['sent', 'failed'])
    expect(failed).toMatchObject({ state: 'failed', draft: expect.objectContaining({ text: long }) })
    expect(String(failed.error)).toContain('300 characters')
  })
})
