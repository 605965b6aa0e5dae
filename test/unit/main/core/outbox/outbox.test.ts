// The outbox state machine with a scripted adapter, a manual clock and a real outbox.json in a
// temp directory: persistence before the network call, sent / failed / waiting-retry / paused,
// backoff, per-account order, restarts, reconciliation, validation.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Account, Draft, Item, OutboxEntry } from '../../../../../preload/model'
import { silentLogger } from '../../../../../main/core/capabilities'
import { NetworkFailure, UserError } from '../../../../../main/core/errors'
import { createOutboxFile } from '../../../../../main/core/outbox/file'
import { createOutbox, type Gate, type Outbox } from '../../../../../main/core/outbox/outbox'
import { itemId, type NetworkAdapter } from '../../../../../main/networks/types'
import { createManualClock, type ManualClock } from '../polling/manual-clock'
import { createScriptedWrites, deferred, postedItem, type ScriptedWrites } from './scripted-writes'

const ME: Account = { id: 'mastodon:example.social:1', network: 'mastodon', side: 'external', handle: '@me', displayName: 'Me' }
const OTHER: Account = {
  id: 'chatter:org:005',
  network: 'chatter',
  side: 'internal',
  handle: 'me@acme',
  displayName: 'Me inside',
}
const PUBLIC: Account = {
  id: 'mastodon:public@example.social',
  network: 'mastodon',
  side: 'external',
  handle: 'example.social',
  displayName: 'example.social (public)',
  anonymous: true,
}

let dir: string
let clock: ManualClock
let accounts: Map<string, Account>
let adapters: Map<string, NetworkAdapter>
let gates: Map<string, Gate>
let changes: OutboxEntry[][]
let itemsSeen: Item[]
let removed: string[]
let accountFailures: { accountId: string; error: unknown }[]
let outboxes: Outbox[]
let ids: number

function outbox(): Outbox {
  const o = createOutbox({
    file: createOutboxFile({ dataDir: dir, clock, logger: silentLogger }),
    clock,
    random: () => 0.5,
    logger: silentLogger,
    newId: () => `id-${++ids}`,
    account: (id) => accounts.get(id),
    networkName: (a) => (a.network === 'chatter' ? 'Salesforce Chatter' : 'Mastodon'),
    adapter: (a) => adapters.get(a.id)!,
    resolveItem(id) {
      const account = [...accounts.values()].find((a) => id.startsWith(`${a.id}/`))
      if (!account) throw new UserError('unknown-account', 'This post belongs to an account that is no longer signed in.')
      return { account, remoteId: id.slice(account.id.length + 1) }
    },
    gate: (id) => gates.get(id) ?? { kind: 'open' },
    onAccountFailure: (accountId, error) => accountFailures.push({ accountId, error }),
    onChange: (entries) => changes.push(entries),
    onItems: (items) => itemsSeen.push(...items),
    onRemoved: (itemIds) => removed.push(...itemIds),
  })
  outboxes.push(o)
  return o
}

function writes(account: Account = ME, options: Parameters<typeof createScriptedWrites>[1] = {}): ScriptedWrites {
  const a = createScriptedWrites(account, options)
  adapters.set(account.id, a)
  return a
}

const draft = (text: string, extra: Partial<Draft> = {}): Draft => ({ accountId: ME.id, text, ...extra })
const onDisk = (): { entries: Record<string, unknown>[] } => JSON.parse(readFileSync(join(dir, 'outbox.json'), 'utf8'))
const diskEntry = (id: string) => onDisk().entries.find((e) => e.id === id)!
const entryOf = (o: Outbox, id: string) => o.list().find((e) => e.id === id)!

/** For tests that hold an answer back: settled() would wait for it forever. */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 5 })

async function settle(o: Outbox) {
  await clock.settle()
  await o.settled()
  await clock.settle()
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-outbox-'))
  clock = createManualClock()
  accounts = new Map([ME, OTHER, PUBLIC].map((a) => [a.id, a]))
  adapters = new Map()
  gates = new Map()
  changes = []
  itemsSeen = []
  removed = []
  accountFailures = []
  outboxes = []
  ids = 0
})
afterEach(async () => {
  for (const o of outboxes) await o.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('outbox: one post', () => {
  it('is on disk as "sending" with its draft and key before the network is asked, then sent once', async () => {
    const net = writes()
    const held = deferred<{ item: Item } | null>()
    net.queue('post', held)
    const o = outbox()
    await o.start()
    const entry = await o.submit(draft('Hello outside'))
    expect(entry).toMatchObject({ state: 'pending', action: 'post', accountId: ME.id, network: 'mastodon', attempts: 0 })
    expect(entry).not.toHaveProperty('idempotencyKey')

    // The adapter holds the request: what is on disk now is what survives a crash.
    await eventually(() => expect(net.calls.map((c) => c.method)).toEqual(['post']))
    expect(diskEntry(entry.id)).toMatchObject({ state: 'sending', attempts: 1, draft: { text: 'Hello outside' } })
    expect(diskEntry(entry.id).idempotencyKey).toBe(net.calls[0]!.key)

    held.resolve({ item: postedItem(ME, '777', 'Hello outside') })
    await settle(o)
    expect(entryOf(o, entry.id)).toMatchObject({
      state: 'sent',
      result: { itemId: itemId(ME.id, '777'), url: 'https://example.social/@me/777' },
    })
    expect(diskEntry(entry.id)).toMatchObject({ state: 'sent' })
    expect(itemsSeen.map((i) => i.id)).toEqual([itemId(ME.id, '777')])
    await clock.advance(3_600_000)
    expect(net.calls).toHaveLength(1)
  })

  it('tells the renderer every change, never with the idempotency key', async () => {
    writes()
    const o = outbox()
    await o.start()
    await o.submit(draft('Hi'))
    await settle(o)
    const states = changes.map((list) => list[0]?.state)
    expect(states).toEqual(['pending', 'sending', 'sent'])
    expect(JSON.stringify(changes)).not.toContain('idempotencyKey')
    expect(JSON.stringify(changes)).not.toContain('firstAttemptAt')
  })
})

describe('outbox: failures', () => {
  it('a permanent refusal (422) fails with the network message and keeps the draft; editing sends it with a new key', async () => {
    const net = writes()
    net.queue(
      'post',
      new NetworkFailure(
        'permanent',
        'example.social answered HTTP 422: Validation failed: Text character limit of 500 exceeded.',
        {
          status: 422,
        },
      ),
    )
    const o = outbox()
    await o.start()
    const entry = await o.submit(draft('x'.repeat(600)))
    await settle(o)
    expect(entryOf(o, entry.id)).toMatchObject({
      state: 'failed',
      error: 'example.social answered HTTP 422: Validation failed: Text character limit of 500 exceeded.',
      draft: { text: 'x'.repeat(600) },
    })
    expect(entryOf(o, entry.id).uncertain).toBeUndefined()
    await clock.advance(24 * 3_600_000)
    expect(net.calls).toHaveLength(1) // never retried by itself

    const firstKey = net.calls[0]!.key
    const edited = await o.update(entry.id, draft('Shorter now'))
    expect(edited).toMatchObject({ id: entry.id, state: 'pending', attempts: 0 })
    await settle(o)
    expect(entryOf(o, entry.id).state).toBe('sent')
    expect(net.calls).toHaveLength(2)
    expect(net.calls[1]!.draft?.text).toBe('Shorter now')
    expect(net.calls[1]!.key).not.toBe(firstKey)
  })

  it('a 5xx waits with backoff and full jitter, resends with the same key, and is marked uncertain meanwhile', async () => {
    const net = writes(ME, { idempotencyWindowMs: 3_600_000 })
    net.queue('post', new NetworkFailure('transient', 'example.social answered HTTP 502.', { status: 502 }))
    const o = outbox()
    await o.start()
    const entry = await o.submit(draft('Through a flaky proxy'))
    await settle(o)
    const waiting = entryOf(o, entry.id)
    // random 0.5 of min(cap, 2000·2^0) = 1000 ms (the floor is 1000 too).
    expect(waiting).toMatchObject({ state: 'waiting-retry', uncertain: true, error: 'example.social answered HTTP 502.' })
    expect(Date.parse(waiting.nextAttemptAt!)).toBe(clock.now() + 1000)
    await clock.advance(999)
    expect(net.calls).toHaveLength(1)
    await clock.advance(1)
    await settle(o)
    expect(net.calls).toHaveLength(2)
    expect(net.calls[1]!.key).toBe(net.calls[0]!.key)
    expect(entryOf(o, entry.id)).toMatchObject({ state: 'sent', attempts: 2 })
    expect(entryOf(o, entry.id).uncertain).toBeUndefined()
  })

  it('backs off exponentially while the network stays away', async () => {
    const net = writes()
    const offline = () => new NetworkFailure('offline', 'Could not reach example.social (ECONNREFUSED).')
    net.queue('post', offline(), offline(), offline())
    const o = outbox()
    await o.start()
    const entry = await o.submit(draft('Patience'))
    const delays: number[] = []
    for (let i = 0; i < 3; i++) {
      await settle(o)
      const e = entryOf(o, entry.id)
      expect(e.state).toBe('waiting-retry')
      delays.push(Date.parse(e.nextAttemptAt!) - clock.now())
      await clock.advance(Date.parse(e.nextAttemptAt!) - clock.now())
    }
    await settle(o)
    expect(delays).toEqual([1000, 2000, 4000]) // 0.5 × 2000 · 2^n
    expect(entryOf(o, entry.id).state).toBe('sent')
    expect(net.calls).toHaveLength(4)
  })

  it('goes as soon as the network answers again, not at its backoff; a rate limit still waits', async () => {
    const net = writes()
    const offline = () => new NetworkFailure('offline', 'Could not reach example.social (ECONNREFUSED).')
    net.queue('post', offline(), offline(), offline())
    const o = outbox()
    await o.start()
    const entry = await o.submit(draft('Back online'))
    for (let i = 0; i < 2; i++) {
      await settle(o)
      await clock.advance(Date.parse(entryOf(o, entry.id).nextAttemptAt!) - clock.now())
    }
    await settle(o)
    const waiting = entryOf(o, entry.id)
    expect(waiting.state).toBe('waiting-retry')
    expect(Date.parse(waiting.nextAttemptAt!) - clock.now()).toBe(4000)
    expect(waiting).not.toHaveProperty('offline') // internal: not for the renderer
    o.networkBack(OTHER.id) // another account's network: nothing moves
    await settle(o)
    expect(entryOf(o, entry.id).state).toBe('waiting-retry')
    o.networkBack(ME.id)
    await settle(o)
    expect(entryOf(o, entry.id).state).toBe('sent')
    expect(net.calls).toHaveLength(4)

    const limited = writes(OTHER)
    limited.queue('post', new NetworkFailure('rate-limited', 'Slow down.', { retryAt: clock.now() + 60_000 }))
    const held = await o.submit({ accountId: OTHER.id, text: 'Later' })
    await settle(o)
    o.networkBack(OTHER.id)
    await settle(o)
    expect(entryOf(o, held.id).state).toBe('waiting-retry')
  })

  it('a 429 waits until Retry-After and is not uncertain (a refusal creates nothing)', async () => {
    const net = writes()
    const retryAt = clock.now() + 90_000
    net.queue(
      'post',
      new NetworkFailure('rate-limited', 'example.social is rate-limiting us (HTTP 429).', { status: 429, retryAt }),
    )
    const o = outbox()
    await o.start()
    const entry = await o.submit(draft('Later'))
    await settle(o)
    expect(entryOf(o, entry.id)).toMatchObject({ state: 'waiting-retry', nextAttemptAt: new Date(retryAt).toISOString() })
    expect(entryOf(o, entry.id).uncertain).toBeUndefined()
    expect(accountFailures.map((f) => (f.error as NetworkFailure).kind)).toEqual(['rate-limited'])
    await clock.advance(89_000)
    expect(net.calls).toHaveLength(1)
    await clock.advance(1_000)
    await settle(o)
    expect(entryOf(o, entry.id).state).toBe('sent')
  })

  it("refused credentials pause the account's entries until it signs in again; nothing is lost", async () => {
    const net = writes()
    net.queue('post', new NetworkFailure('auth', 'example.social refused the credentials (HTTP 401).', { status: 401 }))
    const o = outbox()
    await o.start()
    const first = await o.submit(draft('One'))
    await settle(o)
    const second = await o.submit(draft('Two'))
    await settle(o)
    expect(entryOf(o, first.id)).toMatchObject({ state: 'paused', error: 'example.social refused the credentials (HTTP 401).' })
    expect(entryOf(o, second.id).state).toBe('paused')
    expect(accountFailures).toHaveLength(1)
    await clock.advance(24 * 3_600_000)
    expect(net.calls).toHaveLength(1)

    o.resumeAccount(ME.id)
    await settle(o)
    await settle(o)
    expect(entryOf(o, first.id).state).toBe('sent')
    expect(entryOf(o, second.id).state).toBe('sent')
    expect(net.calls.map((c) => c.draft?.text)).toEqual(['One', 'One', 'Two'])
  })

  it('does not ask a network the account may not talk to now: needs sign-in → paused, held → waiting', async () => {
    const net = writes()
    gates.set(ME.id, { kind: 'paused', reason: 'Sign in again to Mastodon: the stored sign-in for @me was refused.' })
    const o = outbox()
    await o.start()
    const entry = await o.submit(draft('Wait for me'))
    await settle(o)
    expect(entryOf(o, entry.id)).toMatchObject({ state: 'paused', attempts: 0, error: expect.stringContaining('Sign in again') })
    expect(net.calls).toHaveLength(0)

    gates.set(ME.id, { kind: 'held', reason: 'Mastodon asked Crosstalk to wait.', until: clock.now() + 60_000 })
    await o.retry(entry.id)
    await settle(o)
    expect(entryOf(o, entry.id)).toMatchObject({ state: 'waiting-retry', attempts: 0 })
    expect(net.calls).toHaveLength(0)
    gates.delete(ME.id)
    await clock.advance(60_000)
    await settle(o)
    expect(entryOf(o, entry.id).state).toBe('sent')
    expect(net.calls).toHaveLength(1)
  })
})

describe('outbox: order and accounts', () => {
  it("sends one account's entries in order: a later one waits while an earlier one is retried", async () => {
    const net = writes()
    net.queue('post', new NetworkFailure('transient', 'HTTP 503'))
    const o = outbox()
    await o.start()
    const a = await o.submit(draft('First'))
    const b = await o.submit(draft('Second'))
    await settle(o)
    expect(entryOf(o, a.id).state).toBe('waiting-retry')
    expect(entryOf(o, b.id).state).toBe('pending')
    expect(net.calls.map((c) => c.draft?.text)).toEqual(['First'])
    await clock.advance(1000)
    await settle(o)
    await settle(o)
    expect(net.calls.map((c) => c.draft?.text)).toEqual(['First', 'First', 'Second'])
    expect([entryOf(o, a.id).state, entryOf(o, b.id).state]).toEqual(['sent', 'sent'])
  })

  it('does not hold one account up for another', async () => {
    const outside = writes(ME)
    const inside = writes(OTHER, { reconcile: true })
    outside.queue('post', deferred())
    const o = outbox()
    await o.start()
    await o.submit(draft('Stuck outside'))
    const e = await o.submit({ accountId: OTHER.id, text: 'Inside goes on' })
    await eventually(() => expect(entryOf(o, e.id).state).toBe('sent'))
    expect(inside.calls.map((c) => c.method)).toEqual(['post'])
  })
})

describe('outbox: restarts', () => {
  it('keeps unsent entries across a restart and sends them then', async () => {
    const net = writes()
    net.queue('post', new NetworkFailure('offline', 'Could not reach example.social (ECONNREFUSED).'))
    const first = outbox()
    await first.start()
    const entry = await first.submit(draft('Written offline'))
    await settle(first)
    expect(entryOf(first, entry.id).state).toBe('waiting-retry')
    await first.stop()

    const second = outbox()
    await second.start()
    expect(entryOf(second, entry.id)).toMatchObject({ state: 'waiting-retry', draft: { text: 'Written offline' } })
    await clock.advance(1000)
    await settle(second)
    expect(entryOf(second, entry.id).state).toBe('sent')
    expect(net.calls).toHaveLength(2)
    expect(net.calls[1]!.key).toBe(net.calls[0]!.key)
  })

  it('an entry caught mid-send is resent under its key when the network keeps keys (no lookup)', async () => {
    const net = writes(ME, { idempotencyWindowMs: 3_600_000, reconcile: true })
    net.queue('post', deferred()) // the answer never comes: the process "dies"
    const first = outbox()
    await first.start()
    const entry = await first.submit(draft('Did it land?'))
    await eventually(() => expect(diskEntry(entry.id).state).toBe('sending'))
    await first.stop()

    clock.advance(10 * 60_000)
    const second = outbox()
    await second.start()
    await settle(second)
    expect(net.calls.map((c) => c.method)).toEqual(['post', 'post'])
    expect(net.calls[1]!.key).toBe(net.calls[0]!.key)
    expect(entryOf(second, entry.id)).toMatchObject({ state: 'sent', attempts: 2 })
  })

  it('without a key, asks the network first and does not send again when the write is there', async () => {
    const net = writes(OTHER, { reconcile: true })
    net.queue('post', deferred())
    const first = outbox()
    await first.start()
    const startedAt = clock.now()
    const entry = await first.submit({ accountId: OTHER.id, text: 'Inside, once' })
    await eventually(() => expect(diskEntry(entry.id).state).toBe('sending'))
    await first.stop()

    net.queue('findExisting', { item: postedItem(OTHER, '0D5xx', 'Inside, once') })
    const second = outbox()
    await second.start()
    await settle(second)
    expect(net.calls.map((c) => c.method)).toEqual(['post', 'findExisting'])
    expect(net.calls[1]!.since).toBe(startedAt)
    expect(net.calls[1]!.write).toEqual({ action: 'post', draft: { text: 'Inside, once' } })
    expect(entryOf(second, entry.id)).toMatchObject({ state: 'sent', result: { itemId: itemId(OTHER.id, '0D5xx') } })
  })

  it('without a key, sends again when the lookup finds nothing', async () => {
    const net = writes(OTHER, { reconcile: true })
    net.queue('post', new NetworkFailure('transient', 'The request timed out.'))
    const o = outbox()
    await o.start()
    const entry = await o.submit({ accountId: OTHER.id, text: 'Lost answer' })
    await settle(o)
    expect(entryOf(o, entry.id).uncertain).toBe(true)
    await clock.advance(1000)
    await settle(o)
    expect(net.calls.map((c) => c.method)).toEqual(['post', 'findExisting', 'post'])
    expect(entryOf(o, entry.id).state).toBe('sent')
  })

  it('looks before resending once the idempotency window has passed', async () => {
    const net = writes(ME, { idempotencyWindowMs: 3_600_000, reconcile: true })
    net.queue('post', new NetworkFailure('offline', 'Could not reach example.social (ETIMEDOUT).'))
    const o = outbox()
    await o.start()
    const entry = await o.submit(draft('A long night offline'))
    await settle(o)
    await o.stop()
    await clock.advance(2 * 3_600_000)
    net.queue('findExisting', { item: postedItem(ME, '42', 'A long night offline') })
    const later = outbox()
    await later.start()
    await settle(later)
    expect(net.calls.map((c) => c.method)).toEqual(['post', 'findExisting'])
    expect(entryOf(later, entry.id).state).toBe('sent')
  })

  it('a refusal after the lookup proves nothing was made: failed, no longer uncertain, editable', async () => {
    const net = writes(OTHER, { reconcile: true })
    net.queue('post', new NetworkFailure('transient', 'HTTP 500'), new NetworkFailure('permanent', 'HTTP 400: body too long'))
    const o = outbox()
    await o.start()
    const entry = await o.submit({ accountId: OTHER.id, text: 'Too long' })
    await settle(o)
    await expect(o.update(entry.id, { accountId: OTHER.id, text: 'x' })).rejects.toMatchObject({ code: 'maybe-sent' })
    await clock.advance(1000)
    await settle(o)
    expect(entryOf(o, entry.id)).toMatchObject({ state: 'failed', error: 'HTTP 400: body too long' })
    expect(entryOf(o, entry.id).uncertain).toBeUndefined()
    await expect(o.update(entry.id, { accountId: OTHER.id, text: 'Short' })).resolves.toMatchObject({ state: 'pending' })
  })

  it('keeps an entry it cannot read in the file, untouched, and reads the others', async () => {
    writeFileSync(
      join(dir, 'outbox.json'),
      JSON.stringify({
        version: 1,
        entries: [
          { id: 'broken', state: 'from-the-future' },
          {
            id: 'ok',
            idempotencyKey: 'k1',
            accountId: ME.id,
            network: 'mastodon',
            action: 'post',
            draft: { accountId: ME.id, text: 'Still here' },
            state: 'failed',
            error: 'HTTP 422',
            attempts: 1,
            createdAt: '2025-06-01T11:00:00.000Z',
            updatedAt: '2025-06-01T11:00:00.000Z',
          },
        ],
      }),
    )
    writes()
    const o = outbox()
    await o.start()
    expect(o.list().map((e) => e.id)).toEqual(['ok'])
    await o.discard('ok')
    expect(onDisk().entries).toEqual([{ id: 'broken', state: 'from-the-future' }])
  })

  it('forgets sent entries after a day, keeps failed ones', async () => {
    const net = writes()
    net.queue('post', new NetworkFailure('permanent', 'HTTP 422'))
    const o = outbox()
    await o.start()
    const failed = await o.submit(draft('Bad'))
    await settle(o)
    const sent = await o.submit(draft('Good'))
    await settle(o)
    await o.stop()
    await clock.advance(25 * 3_600_000)
    const later = outbox()
    await later.start()
    expect(later.list().map((e) => e.id)).toEqual([failed.id])
    expect(sent.id).not.toBe(failed.id)
  })
})

describe('outbox: actions on items', () => {
  const item = itemId(ME.id, '109')

  it('likes through the adapter with the remote id and emits the updated item', async () => {
    const net = writes()
    const o = outbox()
    await o.start()
    const e = await o.act({ itemId: item, action: 'like' })
    expect(e).toMatchObject({ action: 'like', itemId: item, state: 'pending' })
    await settle(o)
    expect(net.calls).toEqual([{ method: 'like', remoteId: '109' }])
    expect(itemsSeen.map((i) => [i.id, i.text])).toEqual([[item, 'liked']])
  })

  it('treats a second click on the same waiting action as the same wish', async () => {
    const net = writes()
    net.queue('like', deferred())
    const o = outbox()
    await o.start()
    const a = await o.act({ itemId: item, action: 'like' })
    await eventually(() => expect(net.calls).toHaveLength(1))
    const b = await o.act({ itemId: item, action: 'like' })
    expect(b.id).toBe(a.id)
    expect(o.list()).toHaveLength(1)
    expect(net.calls).toHaveLength(1)
  })

  it('removal emits items.removed', async () => {
    writes()
    const o = outbox()
    await o.start()
    await o.act({ itemId: item, action: 'remove' })
    await settle(o)
    expect(removed).toEqual([item])
  })

  it('replies resolve the answered item to its remote id', async () => {
    const net = writes()
    const o = outbox()
    await o.start()
    const e = await o.submit(draft('@alice thanks', { replyTo: item, visibility: 'unlisted' }))
    expect(e).toMatchObject({ action: 'reply', itemId: item })
    await settle(o)
    expect(net.calls[0]).toMatchObject({
      method: 'reply',
      draft: { text: '@alice thanks', replyTo: '109', visibility: 'unlisted' },
    })
  })
})

describe('outbox: what it refuses up front', () => {
  let o: Outbox
  beforeEach(async () => {
    writes(ME, { capabilities: { report: false } })
    writes(PUBLIC)
    o = outbox()
    await o.start()
  })

  const cases: [string, () => Promise<unknown>, string][] = [
    ['an empty draft', () => o.submit(draft('   ')), 'empty-draft'],
    [
      'attachments (not sent yet)',
      () => o.submit(draft('pic', { attachments: [{ ref: 'f1', name: 'a.png', mimeType: 'image/png', size: 3 }] })),
      'attachments-unsupported',
    ],
    ['an account that is not signed in', () => o.submit({ accountId: 'nobody', text: 'hi' }), 'unknown-account'],
    ['a public source', () => o.submit({ accountId: PUBLIC.id, text: 'hi' }), 'read-only'],
    ['an action the network lacks', () => o.act({ itemId: itemId(ME.id, '1'), action: 'report' }), 'unsupported-action'],
    [
      'moderation where the network has none',
      () => o.act({ itemId: itemId(ME.id, '1'), action: 'moderate' }),
      'unsupported-action',
    ],
    [
      'a reply from another account',
      () => o.submit(draft('hi', { replyTo: itemId(OTHER.id, '0D5') })),
      'reply-from-other-account',
    ],
    [
      'a mention outside the text',
      () => o.submit(draft('hi @al', { mentions: [{ start: 3, end: 40, id: '1', handle: 'al' }] })),
      'invalid-mention',
    ],
    [
      'a mention that no longer matches',
      () => o.submit(draft('hi al', { mentions: [{ start: 3, end: 5, id: '1', handle: 'al' }] })),
      'invalid-mention',
    ],
  ]
  for (const [what, call, code] of cases) {
    it(`refuses ${what} (${code}) and queues nothing`, async () => {
      await expect(call()).rejects.toMatchObject({ name: 'UserError', code })
      expect(o.list()).toEqual([])
    })
  }

  it('reports capabilities: declared and implemented, nothing for a public source', () => {
    expect(o.capabilities(ME.id)).toEqual({
      post: true,
      reply: true,
      like: true,
      repost: true,
      remove: true,
      moderate: false,
      report: false,
    })
    expect(Object.values(o.capabilities(PUBLIC.id)).every((v) => v === false)).toBe(true)
  })

  it('discards what is not being sent, and refuses to discard what is', async () => {
    const net = adapters.get(ME.id) as ScriptedWrites
    net.queue('post', deferred())
    const sending = await o.submit(draft('on its way'))
    const waiting = await o.submit(draft('behind it'))
    await eventually(() => expect(entryOf(o, sending.id).state).toBe('sending'))
    await expect(o.discard(sending.id)).rejects.toMatchObject({ code: 'sending' })
    await o.discard(waiting.id)
    expect(o.list().map((e) => e.id)).toEqual([sending.id])
    expect(onDisk().entries.map((e) => e.id)).toEqual([sending.id])
  })
})
