// Writes through the whole core (createCore → handlers → outbox → adapter → fake network):
// offline then reconnect, across a restart, exactly once; a 422 keeps the draft and says why;
// refused credentials pause until the next sign-in; actions update items in place; and nothing
// that leaves the core (results, events, outbox.json) carries a token.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Account, Item, OutboxEntry } from '../../../../../preload/model'
import { itemId } from '../../../../../main/networks/types'
import { startFakeChatter, type FakeChatter } from '../../../../fakes/chatter/server'
import { startFakeMastodon, type FakeMastodon } from '../../../../fakes/mastodon/server'
import { startCore, waitFor, type HarnessCore } from './core-harness'
import { startTcpProxy, type TcpProxy } from '../../../../fakes/common/tcp-proxy'

let dir: string
let cores: HarnessCore[]
let closers: (() => Promise<void>)[]

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-writes-'))
  cores = []
  closers = []
})
afterEach(async () => {
  for (const c of cores) await c.stop()
  for (const close of closers) await close()
  rmSync(dir, { recursive: true, force: true })
})

/** A core with the shortest backoff (random 0 → the 1 s floor), so retries come quickly. */
async function core(): Promise<HarnessCore> {
  const c = startCore(dir, { random: () => 0 })
  cores.push(c)
  await c.start()
  return c
}

async function mastodon(): Promise<FakeMastodon> {
  const fake = await startFakeMastodon()
  closers.push(() => fake.close())
  return fake
}

const secretsFile = () => JSON.parse(readFileSync(join(dir, 'test-secrets.json'), 'utf8')) as Record<string, string>

describe('core writes: offline', () => {
  it('a post written while the server is unreachable waits, survives a restart, and is sent once after reconnecting', async () => {
    const fake = await mastodon()
    const proxy: TcpProxy = await startTcpProxy(new URL(fake.url))
    closers.push(() => proxy.close())
    const first = await core()
    const account = await first.handlers['accounts.signIn']({ network: 'mastodon', server: proxy.url })
    const text = `Written on a train ${Date.now()}`
    const withText = () => fake.writes.ownStatuses().filter((s) => s.text === text)

    await proxy.down()
    const entry = await first.handlers['outbox.submit']({ accountId: account.id, text })
    const waiting = await first.entryIn(entry.id, ['waiting-retry'])
    expect(waiting.error).toMatch(/Could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/)
    expect(waiting.draft?.text).toBe(text)
    await first.stop()

    // Restarted while still offline: the entry is there and keeps waiting.
    const second = await core()
    const again = await second.entryIn(entry.id, ['waiting-retry'])
    await waitFor(async () => {
      const now = (await second.handlers['outbox.list']({})).find((e) => e.id === entry.id)!
      return now.attempts > again.attempts
    }, 'another attempt while offline')
    expect(withText()).toHaveLength(0)
    expect(fake.writes.log.filter((l) => l.path === '/api/v1/statuses')).toHaveLength(0)

    await proxy.up()
    const sent = await second.entryIn(entry.id, ['sent'])
    expect(withText()).toHaveLength(1)
    expect(sent.result?.itemId).toBe(itemId(account.id, withText()[0]!.id))
    expect(fake.writes.log.filter((l) => l.path === '/api/v1/statuses').map((l) => l.status)).toEqual([200])
    // Stays sent: nothing goes out again.
    await new Promise((r) => setTimeout(r, 1500))
    expect(withText()).toHaveLength(1)
  })
})

describe('core writes: failures', () => {
  it('a 422 surfaces with the server’s message and the draft kept; the edited draft is sent', async () => {
    const fake = await mastodon()
    const c = await core()
    const account = await c.handlers['accounts.signIn']({ network: 'mastodon', server: fake.url })
    const long = 'Too long. '.repeat(60)
    const entry = await c.handlers['outbox.submit']({ accountId: account.id, text: long, visibility: 'unlisted' })
    const failed = await c.entryIn(entry.id, ['failed', 'sent'])
    expect(failed).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('Validation failed: Text character limit of 500 exceeded'),
      draft: { accountId: account.id, text: long, visibility: 'unlisted' },
    })
    const edited = await c.handlers['outbox.update']({ entryId: entry.id, draft: { accountId: account.id, text: 'Short.' } })
    expect(edited.state).toBe('pending')
    await c.entryIn(entry.id, ['sent'])
    expect(fake.writes.ownStatuses().filter((s) => s.text === 'Short.')).toHaveLength(1)
    expect(fake.writes.ownStatuses().filter((s) => s.text === long)).toHaveLength(0)
  })

  it('refused credentials pause the entry (and the account) until the next sign-in, then it is sent', async () => {
    const fake = await mastodon()
    const c = await core()
    const account: Account = await c.handlers['accounts.signIn']({ network: 'mastodon', server: fake.url })
    const { accessToken, clientId, clientSecret } = JSON.parse(secretsFile()[account.id]!) as Record<string, string>
    const revoked = await fetch(`${fake.url}/oauth/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: clientId!, client_secret: clientSecret!, token: accessToken! }),
    })
    expect(revoked.status).toBe(200)

    const entry = await c.handlers['outbox.submit']({ accountId: account.id, text: 'After a revoked token' })
    const paused = await c.entryIn(entry.id, ['paused'])
    expect(paused.error).toMatch(/refused the credentials|sign in again/i)
    await waitFor(
      async () => (await c.handlers['accounts.list']({})).some((a) => a.id === account.id && a.needsSignIn),
      'needsSignIn',
    )

    await c.handlers['accounts.signIn']({ network: 'mastodon', server: fake.url })
    await c.entryIn(entry.id, ['sent'])
    expect(fake.writes.ownStatuses().filter((s) => s.text === 'After a revoked token')).toHaveLength(1)
  })
})

describe('core writes: actions and replies', () => {
  it('likes through items.act and emits the updated item as a detached items event', async () => {
    const fake = await mastodon()
    const c = await core()
    const account = await c.handlers['accounts.signIn']({ network: 'mastodon', server: fake.url })
    const s = fake.addStatus({ author: 'carol', text: 'Like me' })
    const id = itemId(account.id, s.id)
    expect(await c.handlers['accounts.capabilities']({ accountId: account.id })).toEqual({
      post: true,
      reply: true,
      like: true,
      repost: true,
      remove: true,
      moderate: false,
      report: true,
    })
    const entry = await c.handlers['items.act']({ itemId: id, action: 'like' })
    await c.entryIn(entry.id, ['sent'])
    await waitFor(() => c.events.some((e) => e.event === 'items'), 'the items event')
    const updates = c.events
      .filter((e) => e.event === 'items')
      .map((e) => e.payload as { columnId: string; items: Item[]; detached?: boolean })
    const update = updates.find((u) => u.detached)!
    expect(update.columnId).toBe('')
    expect(update.items).toEqual([
      expect.objectContaining({ id, counts: expect.objectContaining({ likes: s.favourites_count + 1 }) }),
    ])
    const changes = c.events.filter((e) => e.event === 'outbox.changed').map((e) => e.payload as OutboxEntry[])
    expect(changes.at(-1)!.find((e) => e.id === entry.id)?.state).toBe('sent')
  })

  it('Chatter: a comment and a post with a mention go out once each; removal emits items.removed', async () => {
    const fake: FakeChatter = await startFakeChatter()
    closers.push(() => fake.close())
    const c = await core()
    const account = await c.handlers['accounts.signIn']({
      network: 'chatter',
      loginHost: fake.url,
      clientId: 'crosstalk-demo-key',
    })
    expect((await c.handlers['accounts.capabilities']({ accountId: account.id })).repost).toBe(true) // a share
    const { id: postId } = fake.addFeedElement({ author: 'priya', text: 'Customer on Mastodon asks about the outage' })
    const reply = await c.handlers['outbox.submit']({
      accountId: account.id,
      text: 'On it, answering publicly',
      replyTo: itemId(account.id, postId),
    })
    const sentReply = await c.entryIn(reply.id, ['sent', 'failed'])
    expect(sentReply.state).toBe('sent')
    expect(fake.writes.myComments(postId).map((x) => x.text)).toEqual(['On it, answering publicly'])

    // Repost is Chatter's share: a feed item of the user's that shares the post; undone by deleting it.
    const share = await c.handlers['items.act']({ itemId: itemId(account.id, postId), action: 'repost' })
    expect((await c.entryIn(share.id, ['sent', 'failed'])).state).toBe('sent')
    const shares = () => fake.writes.myPosts().filter((p) => p.sharedId === postId)
    expect(shares()).toHaveLength(1)
    const unshare = await c.handlers['items.act']({ itemId: itemId(account.id, postId), action: 'unrepost' })
    expect((await c.entryIn(unshare.id, ['sent', 'failed'])).state).toBe('sent')
    expect(shares()).toHaveLength(0)

    const removal = await c.handlers['items.act']({ itemId: sentReply.result!.itemId!, action: 'remove' })
    await c.entryIn(removal.id, ['sent'])
    expect(fake.writes.myComments(postId)).toEqual([])
    await waitFor(() => c.events.some((e) => e.event === 'items.removed'), 'items.removed')
    expect(c.events.find((e) => e.event === 'items.removed')!.payload).toEqual({ itemIds: [sentReply.result!.itemId] })
  })

  it('nothing that leaves the core, and nothing in outbox.json, carries a token', async () => {
    const fake = await mastodon()
    const c = await core()
    const account = await c.handlers['accounts.signIn']({ network: 'mastodon', server: fake.url })
    const entry = await c.handlers['outbox.submit']({ accountId: account.id, text: 'Token-free' })
    await c.entryIn(entry.id, ['sent'])
    const list = await c.handlers['outbox.list']({})
    const { accessToken, clientSecret } = JSON.parse(secretsFile()[account.id]!) as Record<string, string>
    const outbox = readFileSync(join(dir, 'outbox.json'), 'utf8')
    for (const secret of [accessToken!, clientSecret!]) {
      expect(JSON.stringify(list)).not.toContain(secret)
      expect(JSON.stringify(c.events)).not.toContain(secret)
      expect(outbox).not.toContain(secret)
    }
    expect(JSON.stringify(list)).not.toContain('idempotencyKey')
  })
})
