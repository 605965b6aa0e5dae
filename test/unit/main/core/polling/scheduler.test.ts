// The scheduler against a manual clock and a scripted adapter: intervals, fresh first polls,
// Retry-After, account-wide rate limits, backoff with jitter, offline, errors, auth, loadMore.
import { describe, expect, it } from 'vitest'
import type { EventPayload } from '../../../../../preload/contract'
import type { Account, ColumnSpec, ColumnStatus } from '../../../../../preload/model'
import { silentLogger } from '../../../../../main/core/capabilities'
import { NetworkFailure, UserError } from '../../../../../main/core/errors'
import { createScheduler } from '../../../../../main/core/polling/scheduler'
import type { CursorStore } from '../../../../../main/core/workspace/cursors'
import type { CursorEntry } from '../../../../../main/core/workspace/schemas'
import type { NetworkDefinition } from '../../../../../main/networks/types'
import { createScriptedAdapter, createTestNetwork, deferred, page, testItem, type ScriptedAdapter } from '../test-network'
import { createManualClock } from './manual-clock'

const alice: Account = { id: 'test:alice', network: 'mastodon', side: 'external', handle: '@alice', displayName: 'Alice' }
const bob: Account = { id: 'test:bob', network: 'mastodon', side: 'external', handle: '@bob', displayName: 'Bob' }
const col = (id: string, account: Account, kind: ColumnSpec['kind'] = 'home'): ColumnSpec => ({
  id,
  accountId: account.id,
  kind,
  title: id,
})

function memoryCursors(initial: Record<string, CursorEntry> = {}): CursorStore & { entries: Map<string, CursorEntry> } {
  const entries = new Map(Object.entries(initial))
  return {
    entries,
    get: (id) => entries.get(id),
    set: (id, e) => void entries.set(id, e),
    delete: (id) => void entries.delete(id),
  }
}

interface Setup {
  columns?: ColumnSpec[]
  accounts?: Account[]
  interval?: number
  random?: () => number
  cursors?: Record<string, CursorEntry>
  network?: Partial<NetworkDefinition>
}

function setup(s: Setup = {}) {
  const clock = createManualClock()
  const columns = s.columns ?? [col('c1', alice)]
  const accounts = s.accounts ?? [alice, bob]
  const network: NetworkDefinition = { ...createTestNetwork().network, ...s.network }
  const adapters = new Map<string, ScriptedAdapter>(accounts.map((a) => [a.id, createScriptedAdapter(a)]))
  const cursors = memoryCursors(s.cursors)
  const statuses: ColumnStatus[] = []
  const items: EventPayload<'items'>[] = []
  const authFailures: string[] = []
  const scheduler = createScheduler({
    clock,
    random: s.random ?? (() => 1),
    logger: silentLogger,
    cursors,
    pollIntervalMs: s.interval,
    columns: () => columns,
    account: (id) => accounts.find((a) => a.id === id),
    network: () => network,
    adapter: (a) => adapters.get(a.id)!,
    onItems: (p) => items.push(p),
    onStatus: (st) => statuses.push(st),
    onAuthFailure: (id) => authFailures.push(id),
  })
  const last = (columnId: string) => statuses.filter((st) => st.columnId === columnId).at(-1)
  const statesOf = (columnId: string) => statuses.filter((st) => st.columnId === columnId).map((st) => st.state)
  const adapter = (a: Account = alice) => adapters.get(a.id)!
  const callsOf = (columnId: string, a: Account = alice) => adapter(a).calls.filter((c) => c.columnId === columnId)
  return { clock, columns, accounts, scheduler, cursors, statuses, items, authFailures, last, statesOf, adapter, callsOf }
}

const at = (clockNow: number, ms: number) => new Date(clockNow + ms).toISOString()

describe('scheduler: polling on schedule', () => {
  it('polls every column at once on start with no cursor (the newest page), then every interval with the newer cursor', async () => {
    const t = setup({ interval: 30_000 })
    t.adapter().queue('c1', page([testItem(alice, '2'), testItem(alice, '1')], { newer: 'n2', older: 'o1' }))
    t.scheduler.start()
    await t.clock.settle()

    expect(t.callsOf('c1')).toEqual([{ columnId: 'c1', cursor: undefined, direction: 'newer' }])
    expect(t.statesOf('c1')).toEqual(['syncing', 'ok'])
    expect(t.items).toEqual([{ columnId: 'c1', items: [testItem(alice, '2'), testItem(alice, '1')] }])
    const start = t.clock.now()
    expect(t.cursors.get('c1')).toEqual({ cursor: { newer: 'n2', older: 'o1' }, hasMore: true, lastSyncedAt: at(start, 0) })
    expect(t.last('c1')).toEqual({ columnId: 'c1', state: 'ok', lastSyncedAt: at(start, 0), hasMore: true })

    await t.clock.advance(29_999)
    expect(t.callsOf('c1')).toHaveLength(1)
    t.adapter().queue('c1', page([], { newer: undefined, older: 'o-ignored' }, { hasMore: false }))
    await t.clock.advance(1)
    expect(t.callsOf('c1')).toHaveLength(2)
    expect(t.callsOf('c1')[1]).toEqual({ columnId: 'c1', cursor: { newer: 'n2', older: 'o1' }, direction: 'newer' })
    // An empty page emits no items, keeps the newer cursor and the older end of the first page.
    expect(t.items).toHaveLength(1)
    expect(t.cursors.get('c1')).toEqual({ cursor: { newer: 'n2', older: 'o1' }, hasMore: true, lastSyncedAt: at(start, 30_000) })

    await t.clock.advance(30_000)
    expect(t.callsOf('c1')).toHaveLength(3)
  })

  it("a column that asks for fewer polls (a feed's <ttl>, a Retry-After on a 200) waits that long; others do not", async () => {
    const t = setup({ interval: 10_000, columns: [col('c1', alice), col('c2', alice)] })
    t.adapter().queue('c1', page([], { newer: 'n' }, { minIntervalMs: 60_000 }))
    t.adapter().queue('c2', page([], { newer: 'n' }))
    t.scheduler.start()
    await t.clock.settle()
    await t.clock.advance(10_000)
    expect(t.callsOf('c1')).toHaveLength(1)
    expect(t.callsOf('c2')).toHaveLength(2)
    await t.clock.advance(50_000)
    expect(t.callsOf('c1')).toHaveLength(2)

    // Retry-After on a successful answer: the same, from the answer's own clock reading.
    t.adapter().queue('c1', page([], { newer: 'n' }, { rateLimit: { retryAt: t.clock.now() + 25_000 } }))
    await t.clock.advance(10_000)
    const after = t.callsOf('c1').length
    await t.clock.advance(10_000)
    expect(t.callsOf('c1')).toHaveLength(after)
  })

  it("uses the network's default interval when none is given", async () => {
    const t = setup({ network: { defaultPollMs: 90_000 } })
    t.scheduler.start()
    await t.clock.settle()
    await t.clock.advance(89_999)
    expect(t.callsOf('c1')).toHaveLength(1)
    await t.clock.advance(1)
    expect(t.callsOf('c1')).toHaveLength(2)
  })

  it('starts from the saved cursor state: statuses show the last sync before any poll, and the first poll is still fresh', async () => {
    const saved = { cursor: { newer: 'n9', older: 'o1' }, hasMore: true, lastSyncedAt: '2025-05-31T08:00:00.000Z' }
    const t = setup({ cursors: { c1: saved } })
    expect(t.scheduler.statuses()).toEqual([{ columnId: 'c1', state: 'idle', lastSyncedAt: saved.lastSyncedAt, hasMore: true }])
    t.scheduler.start()
    await t.clock.settle()
    expect(t.callsOf('c1')[0]!.cursor).toBeUndefined()
  })

  it('app.ready (refreshAll) fetches the newest page of every column again, even mid-poll', async () => {
    const t = setup({ columns: [col('c1', alice), col('c2', bob)], interval: 60_000 })
    t.scheduler.start()
    await t.clock.settle()
    await t.clock.advance(60_000)
    expect(t.callsOf('c1')[1]!.cursor).toBeDefined()

    const slow = deferred<ReturnType<typeof page>>()
    t.adapter().queue('c1', slow)
    await t.clock.advance(60_000) // c1 is now in flight
    t.scheduler.refreshAll()
    await t.clock.settle()
    expect(t.callsOf('c2', bob).at(-1)!.cursor).toBeUndefined()
    expect(t.callsOf('c1')).toHaveLength(3) // not a second concurrent fetch
    slow.resolve(page([], { newer: 'nX' }))
    await t.clock.advance(0)
    expect(t.callsOf('c1')).toHaveLength(4)
    expect(t.callsOf('c1')[3]!.cursor).toBeUndefined()
  })

  it('refresh polls now, out of schedule, and the interval restarts from there', async () => {
    const t = setup({ interval: 60_000 })
    t.scheduler.start()
    await t.clock.settle()
    await t.clock.advance(10_000)
    await t.scheduler.refresh('c1')
    expect(t.callsOf('c1')).toHaveLength(2)
    await t.clock.advance(59_999)
    expect(t.callsOf('c1')).toHaveLength(2)
    await t.clock.advance(1)
    expect(t.callsOf('c1')).toHaveLength(3)
  })

  it('sync starts new columns and drops removed ones; a result for a removed column is ignored', async () => {
    const t = setup({ columns: [col('c1', alice)] })
    t.scheduler.start()
    await t.clock.settle()
    const slow = deferred<ReturnType<typeof page>>()
    t.columns.push(col('c2', alice))
    t.adapter().queue('c2', slow)
    t.scheduler.sync()
    await t.clock.advance(0)
    expect(t.callsOf('c2')).toHaveLength(1)

    t.columns.splice(1, 1)
    t.scheduler.sync()
    slow.resolve(page([testItem(alice, 'late')], { newer: 'n' }))
    await t.clock.settle()
    expect(t.items.filter((i) => i.columnId === 'c2')).toEqual([])
    expect(t.cursors.get('c2')).toBeUndefined()
    expect(t.scheduler.statuses().map((st) => st.columnId)).toEqual(['c1'])
  })

  it('stop clears every timer and ignores what was still in flight', async () => {
    const t = setup({ columns: [col('c1', alice), col('c2', alice)] })
    const slow = deferred<ReturnType<typeof page>>()
    t.adapter().queue('c2', slow)
    t.scheduler.start()
    await t.clock.settle()
    expect(t.clock.pendingTimers()).toBe(1)
    t.scheduler.stop()
    expect(t.clock.pendingTimers()).toBe(0)
    slow.resolve(page([testItem(alice, 'late')], { newer: 'n' }))
    await t.clock.advance(10 * 60_000)
    expect(t.items.map((i) => i.columnId)).toEqual(['c1'])
    expect(t.clock.pendingTimers()).toBe(0)
  })
})

describe('scheduler: rate limits', () => {
  it('waits for Retry-After (not the backoff) and shows rate-limited until then', async () => {
    const t = setup({ interval: 60_000, random: () => 1 })
    const start = t.clock.now()
    t.adapter().queue('c1', new NetworkFailure('rate-limited', 'slow down', { status: 429, retryAt: start + 45_000 }))
    t.scheduler.start()
    await t.clock.settle()
    expect(t.last('c1')).toMatchObject({ state: 'rate-limited', until: at(start, 45_000) })
    await t.clock.advance(44_999)
    expect(t.callsOf('c1')).toHaveLength(1)
    await t.clock.advance(1)
    expect(t.callsOf('c1')).toHaveLength(2)
    expect(t.last('c1')?.state).toBe('ok')
  })

  it('holds every column of the account, not the other accounts', async () => {
    const t = setup({ columns: [col('a1', alice), col('a2', alice, 'mentions'), col('b1', bob)], interval: 10_000 })
    t.scheduler.start()
    await t.clock.settle()
    const now = t.clock.now()
    t.adapter().queue('a1', new NetworkFailure('rate-limited', '429', { status: 429, retryAt: now + 10_000 + 120_000 }))
    await t.clock.advance(10_000)
    expect(t.last('a1')).toMatchObject({ state: 'rate-limited', until: at(now, 130_000) })
    expect(t.last('a2')).toMatchObject({ state: 'rate-limited', until: at(now, 130_000) })
    expect(t.last('b1')?.state).toBe('ok')

    const a2Calls = t.callsOf('a2').length
    await t.clock.advance(100_000)
    expect(t.callsOf('a2')).toHaveLength(a2Calls) // held, although its own interval passed many times
    expect(t.callsOf('b1', bob).length).toBeGreaterThanOrEqual(11)
    // A manual refresh does not break the hold either.
    await t.scheduler.refresh('a2')
    expect(t.callsOf('a2')).toHaveLength(a2Calls)
    expect(t.last('a2')?.state).toBe('rate-limited')

    await t.clock.advance(20_000)
    expect(t.callsOf('a1').length).toBeGreaterThan(2)
    expect(t.callsOf('a2').length).toBeGreaterThan(a2Calls)
    expect(t.last('a1')?.state).toBe('ok')
    expect(t.last('a2')?.state).toBe('ok')
  })

  it('a 429 without Retry-After backs off with jitter', async () => {
    const t = setup({ random: () => 0.5 })
    const start = t.clock.now()
    t.adapter().queue('c1', new NetworkFailure('rate-limited', '429', { status: 429 }))
    t.scheduler.start()
    await t.clock.settle()
    expect(t.last('c1')).toMatchObject({ state: 'rate-limited', until: at(start, 1_000) }) // 0.5 · 2 s
  })

  it('an exhausted allowance (remaining 0) waits for the reset when it comes after the next tick', async () => {
    const t = setup({ columns: [col('c1', alice), col('c2', alice)], interval: 10_000 })
    const start = t.clock.now()
    t.adapter().queue('c1', page([], { newer: 'n' }, { rateLimit: { remaining: 0, limit: 300, resetAt: start + 300_000 } }))
    t.scheduler.start()
    await t.clock.settle()
    expect(t.last('c1')?.state).toBe('ok')
    await t.clock.advance(299_999)
    expect(t.callsOf('c1')).toHaveLength(1)
    expect(t.callsOf('c2')).toHaveLength(1) // the whole account waits
    expect(t.last('c2')).toMatchObject({ state: 'rate-limited', until: at(start, 300_000) })
    await t.clock.advance(1)
    expect(t.callsOf('c1')).toHaveLength(2)
    expect(t.callsOf('c2')).toHaveLength(2)
  })

  it('an exhausted allowance that resets before the next tick changes nothing', async () => {
    const t = setup({ interval: 60_000 })
    const start = t.clock.now()
    t.adapter().queue('c1', page([], { newer: 'n' }, { rateLimit: { remaining: 0, resetAt: start + 5_000 } }))
    t.scheduler.start()
    await t.clock.settle()
    expect(t.clock.nextTimerAt()).toBe(start + 60_000)
  })
})

describe('scheduler: failures and backoff', () => {
  it('backoff doubles per failure up to the 5-minute cap (random = 1), and resets after a success', async () => {
    const t = setup({ random: () => 1, interval: 60_000 })
    const failures = Array.from({ length: 10 }, () => new NetworkFailure('transient', 'HTTP 503'))
    t.adapter().queue('c1', ...failures)
    t.scheduler.start()
    await t.clock.settle()
    const delays: number[] = []
    for (let i = 0; i < 10; i++) {
      const next = t.clock.nextTimerAt()!
      delays.push(next - t.clock.now())
      await t.clock.advance(next - t.clock.now())
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000])
    expect(t.last('c1')?.state).toBe('ok')
    t.adapter().queue('c1', new NetworkFailure('transient', 'HTTP 502'))
    await t.clock.advance(60_000)
    expect(t.clock.nextTimerAt()! - t.clock.now()).toBe(2_000)
  })

  it('full jitter: the delay is random · ceiling, never under the 1 s floor', async () => {
    for (const [r, expected] of [
      [0, 1_000],
      [0.25, 1_000],
      [0.75, 1_500],
    ] as const) {
      const t = setup({ random: () => r })
      t.adapter().queue('c1', new NetworkFailure('offline', 'down'))
      t.scheduler.start()
      await t.clock.settle()
      expect(t.clock.nextTimerAt()! - t.clock.now()).toBe(expected)
    }
  })

  it('offline keeps lastSyncedAt, retries with backoff and recovers to ok', async () => {
    const t = setup({ interval: 60_000, random: () => 1 })
    t.scheduler.start()
    await t.clock.settle()
    const synced = t.last('c1')!.lastSyncedAt
    expect(synced).toBeDefined()

    t.adapter().queue(
      'c1',
      new NetworkFailure('offline', 'Could not reach testnet (ECONNREFUSED).'),
      new NetworkFailure('offline', 'x'),
    )
    await t.clock.advance(60_000)
    expect(t.last('c1')).toEqual({
      columnId: 'c1',
      state: 'offline',
      lastSyncedAt: synced,
      hasMore: true,
      until: at(t.clock.now(), 2_000),
      reason: 'Could not reach testnet (ECONNREFUSED).',
    })
    await t.clock.advance(2_000)
    expect(t.last('c1')).toMatchObject({ state: 'offline', lastSyncedAt: synced, until: at(t.clock.now(), 4_000) })
    await t.clock.advance(4_000)
    expect(t.last('c1')).toMatchObject({ state: 'ok', lastSyncedAt: new Date(t.clock.now()).toISOString() })
  })

  it('malformed answers become a column error with the reason, and the poller keeps running', async () => {
    const t = setup({ interval: 60_000, random: () => 1 })
    t.adapter().queue('c1', new NetworkFailure('malformed', 'testnet sent an unexpected response: id: expected string.'))
    t.scheduler.start()
    await t.clock.settle()
    expect(t.last('c1')).toMatchObject({ state: 'error', reason: 'testnet sent an unexpected response: id: expected string.' })
    await t.clock.advance(2_000)
    expect(t.last('c1')?.state).toBe('ok')
    expect(t.items.length).toBe(1)
  })

  it('a transient failure with Retry-After waits for it', async () => {
    const t = setup({ random: () => 1 })
    const start = t.clock.now()
    t.adapter().queue('c1', new NetworkFailure('transient', 'HTTP 503', { status: 503, retryAt: start + 20_000 }))
    t.scheduler.start()
    await t.clock.settle()
    expect(t.last('c1')).toMatchObject({ state: 'error', until: at(start, 20_000) })
  })

  it('permanent failures retry more slowly', async () => {
    const t = setup({ random: () => 1 })
    t.adapter().queue('c1', new NetworkFailure('permanent', 'HTTP 404'), new NetworkFailure('permanent', 'HTTP 404'))
    t.scheduler.start()
    await t.clock.settle()
    expect(t.clock.nextTimerAt()! - t.clock.now()).toBe(60_000)
    await t.clock.advance(60_000)
    expect(t.clock.nextTimerAt()! - t.clock.now()).toBe(120_000)
    expect(t.last('c1')).toMatchObject({ state: 'error', reason: 'HTTP 404' })
  })

  it('an unexpected exception is shown as an error and polling goes on', async () => {
    const t = setup({ random: () => 1 })
    t.adapter().queue('c1', new TypeError("Cannot read properties of undefined (reading 'id')"))
    t.scheduler.start()
    await t.clock.settle()
    expect(t.last('c1')).toMatchObject({
      state: 'error',
      reason: "Unexpected error: Cannot read properties of undefined (reading 'id')",
    })
    await t.clock.advance(2_000)
    expect(t.last('c1')?.state).toBe('ok')
  })

  it("an adapter's UserError (a column it cannot show) is an error with its message", async () => {
    const t = setup({ random: () => 1 })
    t.adapter().queue('c1', new UserError('invalid-target', 'A hashtag column needs a hashtag.'))
    t.scheduler.start()
    await t.clock.settle()
    expect(t.last('c1')).toMatchObject({ state: 'error', reason: 'A hashtag column needs a hashtag.' })
  })
})

describe('scheduler: refused credentials', () => {
  it('auth pauses every column of the account with a sign-in-again reason until resumed', async () => {
    const t = setup({ columns: [col('a1', alice), col('a2', alice), col('b1', bob)], interval: 10_000 })
    t.scheduler.start()
    await t.clock.settle()
    t.adapter().queue('a1', new NetworkFailure('auth', 'testnet refused the credentials (HTTP 401).'))
    await t.clock.advance(10_000)
    expect(t.authFailures).toEqual(['test:alice'])
    const reason = 'Sign in again to Testnet: testnet refused the credentials (HTTP 401).'
    expect(t.last('a1')).toMatchObject({ state: 'error', reason })
    expect(t.last('a2')).toMatchObject({ state: 'error', reason })
    const before = t.adapter().calls.length
    await t.clock.advance(600_000)
    expect(t.adapter().calls.length).toBe(before)
    expect(t.last('b1')?.state).toBe('ok')

    t.scheduler.resumeAccount('test:alice')
    await t.clock.advance(0)
    expect(t.callsOf('a1').at(-1)!.cursor).toBeUndefined()
    expect(t.last('a1')?.state).toBe('ok')
    expect(t.last('a2')?.state).toBe('ok')
  })

  it('a column whose poll was out when the account was paused keeps its items but stays paused', async () => {
    const t = setup({ columns: [col('a1', alice), col('a2', alice)], interval: 10_000 })
    t.scheduler.start()
    await t.clock.settle()
    const slow = deferred<ReturnType<typeof page>>()
    t.adapter().queue('a2', slow)
    await t.clock.advance(10_000) // a2's poll is now out
    t.adapter().queue('a1', new NetworkFailure('auth', '401'))
    await t.scheduler.refresh('a1')
    expect(t.last('a1')?.state).toBe('error')
    expect(t.last('a2')?.state).toBe('error')
    slow.resolve(page([testItem(alice, 'late')], { newer: 'nL' }))
    await t.clock.settle()
    expect(t.items.at(-1)).toEqual({ columnId: 'a2', items: [testItem(alice, 'late')] })
    expect(t.last('a2')).toMatchObject({
      state: 'error',
      reason: 'Sign in again to Testnet: 401',
      lastSyncedAt: new Date(t.clock.now()).toISOString(),
    })
    expect(t.clock.pendingTimers()).toBe(0)
  })

  it('an account already marked needsSignIn is not polled at all', async () => {
    const t = setup({ accounts: [{ ...alice, needsSignIn: true }] })
    t.scheduler.start()
    await t.clock.advance(600_000)
    expect(t.adapter().calls).toEqual([])
    expect(t.last('c1')).toMatchObject({ state: 'error', reason: expect.stringMatching(/^Sign in again to Testnet/) })
  })
})

describe('scheduler: loading older items', () => {
  it('fetches with the older cursor, emits older items, moves only the older end', async () => {
    const t = setup({ interval: 60_000 })
    t.adapter().queue('c1', page([testItem(alice, '9')], { newer: 'n9', older: 'o9' }))
    t.scheduler.start()
    await t.clock.settle()
    t.adapter().queue('c1', page([testItem(alice, '8'), testItem(alice, '7')], { newer: 'n9', older: 'o7' }, { hasMore: false }))
    await expect(t.scheduler.loadMore('c1')).resolves.toEqual({ count: 2, hasMore: false })
    expect(t.callsOf('c1')[1]).toEqual({ columnId: 'c1', cursor: { newer: 'n9', older: 'o9' }, direction: 'older' })
    expect(t.items.at(-1)).toEqual({ columnId: 'c1', items: [testItem(alice, '8'), testItem(alice, '7')], older: true })
    expect(t.cursors.get('c1')).toMatchObject({ cursor: { newer: 'n9', older: 'o7' }, hasMore: false })
    expect(t.last('c1')).toMatchObject({ state: 'ok', hasMore: false })

    // The next newer poll keeps the older end where loadMore left it.
    t.adapter().queue('c1', page([testItem(alice, '10')], { newer: 'n10', older: 'o10' }))
    await t.clock.advance(60_000)
    expect(t.cursors.get('c1')).toMatchObject({ cursor: { newer: 'n10', older: 'o7' }, hasMore: false })
  })

  it('answers nothing-more when there is no older cursor, without a network call', async () => {
    const t = setup()
    t.adapter().queue('c1', page([], {}, { hasMore: false }))
    t.scheduler.start()
    await t.clock.settle()
    await expect(t.scheduler.loadMore('c1')).resolves.toEqual({ count: 0, hasMore: false })
    expect(t.adapter().calls).toHaveLength(1)
  })

  it('a rate-limited loadMore holds the account and rejects with the failure', async () => {
    const t = setup({ columns: [col('c1', alice), col('c2', alice)] })
    t.scheduler.start()
    await t.clock.settle()
    const until = t.clock.now() + 30_000
    t.adapter().queue('c1', new NetworkFailure('rate-limited', '429', { retryAt: until }))
    await expect(t.scheduler.loadMore('c1')).rejects.toMatchObject({ kind: 'rate-limited' })
    expect(t.last('c2')).toMatchObject({ state: 'rate-limited', until: new Date(until).toISOString() })
    await expect(t.scheduler.loadMore('c1')).rejects.toMatchObject({ code: 'rate-limited' })
  })

  it('an unknown column is a UserError', async () => {
    const t = setup()
    await expect(t.scheduler.loadMore('nope')).rejects.toBeInstanceOf(UserError)
  })
})
