// X writes through the core's outbox against the fake API: reply, like/unlike, repost, hide a
// reply in one's own conversation, delete; an over-long post is refused with the draft kept; an
// uncertain post is found among the user's posts instead of being sent twice.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Item } from '../../../../../preload/model'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttp } from '../../../../../main/core/http/client'
import { createXNetwork } from '../../../../../main/networks/x'
import { CLIENT_ID, startFakeX, type FakeX } from '../../../../fakes/x/server'
import { startCore, type HarnessCore } from '../../core/outbox/core-harness'

let fake: FakeX
let core: HarnessCore
let dir: string

beforeEach(async () => {
  fake = await startFakeX()
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-x-writes-'))
  core = startCore(dir, { pollIntervalMs: 60_000, endpoints: { x: { authorize: fake.url, api: fake.url } } })
  await core.start()
})
afterEach(async () => {
  await core.stop()
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

const done = async (p: Promise<{ id: string }>) => core.entryIn((await p).id, ['sent', 'failed'])

describe('X writes through the outbox', () => {
  it('replies, likes, unlikes, reposts, hides a reply and deletes its own post', async () => {
    const account = await core.handlers['accounts.signIn']({ network: 'x', clientId: CLIENT_ID })
    const root = fake.tweets[0]!
    const id = (t: { id: string }) => `${account.id}/${t.id}`

    expect(
      (await done(core.handlers['outbox.submit']({ accountId: account.id, replyTo: id(root), text: 'We are on it!' }))).state,
    ).toBe('sent')
    const mine = fake.tweets.find((t) => t.text === 'We are on it!')!
    expect(mine.replyTo).toBe(root.id)

    expect((await done(core.handlers['items.act']({ itemId: id(root), action: 'like' }))).state).toBe('sent')
    expect(root.likes).toBe(1)
    expect((await done(core.handlers['items.act']({ itemId: id(root), action: 'unlike' }))).state).toBe('sent')
    expect(root.likes).toBe(0)
    expect((await done(core.handlers['items.act']({ itemId: id(root), action: 'repost' }))).state).toBe('sent')
    expect(fake.tweets.some((t) => t.retweetOf === root.id)).toBe(true)

    // Hiding works only in conversations the user started: start one, then hide a reply in it.
    expect((await done(core.handlers['outbox.submit']({ accountId: account.id, text: 'Tell us about your setup' }))).state).toBe(
      'sent',
    )
    const own = fake.tweets.find((t) => t.text === 'Tell us about your setup')!
    const rude = fake.addTweet({ text: 'this product is trash', author: 'samfan', replyTo: own.id })
    expect((await done(core.handlers['items.act']({ itemId: id(rude), action: 'moderate', moderation: 'hide' }))).state).toBe(
      'sent',
    )
    // The reply read back says it is hidden now, and that this account may show it again.
    const back = core.events.flatMap((e) =>
      e.event === 'items' && (e.payload as { detached?: boolean }).detached ? (e.payload as { items: Item[] }).items : [],
    )
    expect(back.findLast((i) => i.remoteId === rude.id)).toMatchObject({ moderation: 'hidden', viewer: { canModerate: true } })
    const notMine = await done(
      core.handlers['items.act']({ itemId: id(fake.tweets[2]!), action: 'moderate', moderation: 'hide' }),
    )
    expect(notMine).toMatchObject({ state: 'failed', error: expect.stringContaining('conversations you started') })

    expect((await done(core.handlers['items.act']({ itemId: id(own), action: 'remove' }))).state).toBe('sent')
    expect(fake.tweets.some((t) => t.id === own.id)).toBe(false)
  })

  it('an over-long post fails with the reason and keeps the draft; an uncertain post is found', async () => {
    const account = await core.handlers['accounts.signIn']({ network: 'x', clientId: CLIENT_ID })
    const long = 'x'.repeat(281)
    const failed = await done(core.handlers['outbox.submit']({ accountId: account.id, text: long }))
    expect(failed).toMatchObject({
      state: 'failed',
      draft: expect.objectContaining({ text: long }),
      error: expect.stringContaining('280'),
    })

    fake.addTweet({ text: 'Maybe sent already', author: 'crosstalk_help' })
    const secrets = JSON.parse((await import('node:fs')).readFileSync(join(dir, 'test-secrets.json'), 'utf8'))
    const adapter = createXNetwork({ x: { authorize: fake.url, api: fake.url } }).createAdapter({
      account,
      http: createHttp(),
      credentials: { get: async () => JSON.parse(secrets[account.id]), set: async () => {} },
    })
    expect(
      (await adapter.findExisting!({ action: 'post', draft: { text: 'Maybe sent already' } }, Date.now() - 5_000))?.item?.text,
    ).toBe('Maybe sent already')
    expect(await adapter.findExisting!({ action: 'post', draft: { text: 'Never sent' } }, Date.now() - 5_000)).toBeNull()
  })
})
