// The one scheduler: a timer per column, every network call of a poll goes through here.
// Per tick: 'syncing' → adapter.fetchPage(newer) → `items` → cursor saved → 'ok'. Failures set
// the column's status and the next attempt: Retry-After always wins, then exponential backoff
// with full jitter. A rate limit holds every column of the account (limits are per account),
// an 'auth' failure pauses the account until the user signs in again.
import type { EventPayload } from '../../../preload/contract'
import type { Account, ColumnSpec, ColumnStatus } from '../../../preload/model'
import type { NetworkAdapter, NetworkDefinition, Page } from '../../networks/types'
import type { Clock, Logger } from '../capabilities'
import { NetworkFailure, UserError, isNetworkFailure } from '../errors'
import type { CursorStore } from '../workspace/cursors'
import type { CursorEntry } from '../workspace/schemas'
import { RETRY_BACKOFF, backoffDelay } from './backoff'
import { defined, exhaustedUntil, mergeNewer, mergeOlder } from './cursor-merge'
import { asFailure, planRetry } from './retry-plan'

export interface SchedulerOptions {
  clock: Clock
  random: () => number
  logger: Logger
  cursors: CursorStore
  /** Overrides every network's defaultPollMs (demo, end-to-end tests). */
  pollIntervalMs?: number
  columns(): ColumnSpec[]
  account(accountId: string): Account | undefined
  network(account: Account): NetworkDefinition
  adapter(account: Account): NetworkAdapter
  onItems(payload: EventPayload<'items'>): void
  onStatus(status: ColumnStatus): void
  /** The network refused this account's credentials (mark it, tell the user). */
  onAuthFailure(accountId: string, failure: NetworkFailure): void
}

export interface Scheduler {
  /** Begins polling every column, starting with a fresh newest page. */
  start(): void
  /** Clears every timer; polls still in flight are ignored when they return. */
  stop(): void
  /** Reconciles timers with the current columns and accounts (after any change to them). */
  sync(): void
  /** Polls one column now (out of schedule). Resolves when that poll is over; never rejects. */
  refresh(columnId: string): Promise<void>
  /** A renderer (re)connected: fetch every column's newest page again so its cache fills. */
  refreshAll(): void
  /** The next page of older items, emitted as `items` with older: true. */
  loadMore(columnId: string): Promise<{ count: number; hasMore: boolean }>
  /**
   * Throws a UserError when the account may not be asked anything right now: its credentials
   * were refused, or its network asked us to wait (a user action does not break a Retry-After).
   */
  guard(accountId: string): void
  /** A call made outside polling (thread, targets) failed: auth pauses the account, a rate limit holds it. */
  accountFailed(accountId: string, error: unknown): void
  resumeAccount(accountId: string): void
  /** The account signed out: drop its pause and hold (its columns are already gone). */
  forgetAccount(accountId: string): void
  /** The last status of every current column. */
  statuses(): ColumnStatus[]
}

interface ColumnRuntime {
  timer?: unknown
  inFlight?: Promise<void>
  /** The next poll fetches the newest page (no cursor). */
  fresh: boolean
  /** Another poll was asked for while one was running. */
  again: boolean
  failures: number
  status: ColumnStatus
  loadingMore?: Promise<{ count: number; hasMore: boolean }>
}

const iso = (ms: number) => new Date(ms).toISOString()

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { clock, cursors, logger } = opts
  const runtimes = new Map<string, ColumnRuntime>()
  /** accountId → epoch ms until which the network asked us to wait. */
  const heldUntil = new Map<string, number>()
  /** accountId → why its columns are paused (credentials refused). */
  const paused = new Map<string, string>()
  let running = false

  const column = (id: string) => opts.columns().find((c) => c.id === id)
  const columnsOf = (accountId: string) => opts.columns().filter((c) => c.accountId === accountId)
  const networkName = (account: Account) => opts.network(account).info.name

  function runtime(spec: ColumnSpec): ColumnRuntime {
    let rt = runtimes.get(spec.id)
    if (!rt) {
      const saved = cursors.get(spec.id)
      rt = {
        fresh: true,
        again: false,
        failures: 0,
        status: defined<ColumnStatus>({
          columnId: spec.id,
          state: 'idle',
          lastSyncedAt: saved?.lastSyncedAt,
          hasMore: saved?.hasMore,
        }),
      }
      runtimes.set(spec.id, rt)
    }
    return rt
  }

  function setStatus(rt: ColumnRuntime, status: ColumnStatus): void {
    rt.status = status
    opts.onStatus(status)
  }

  /** The status fields that survive every state change: freshness and whether older items remain. */
  const base = (rt: ColumnRuntime, state: ColumnStatus['state']): ColumnStatus =>
    defined<ColumnStatus>({
      columnId: rt.status.columnId,
      state,
      lastSyncedAt: rt.status.lastSyncedAt,
      hasMore: rt.status.hasMore,
    })

  function clearTimer(rt: ColumnRuntime): void {
    if (rt.timer !== undefined) clock.clearTimeout(rt.timer)
    rt.timer = undefined
  }

  function schedule(columnId: string, rt: ColumnRuntime, delayMs: number): void {
    clearTimer(rt)
    if (!running) return
    rt.timer = clock.setTimeout(
      () => {
        rt.timer = undefined
        void poll(columnId)
      },
      Math.max(0, delayMs),
    )
  }

  function intervalFor(account: Account): number {
    return opts.pollIntervalMs ?? opts.network(account).defaultPollMs
  }

  /** Still the same live column? (It may have been removed, or the scheduler stopped, meanwhile.) */
  const current = (columnId: string, rt: ColumnRuntime) =>
    running && runtimes.get(columnId) === rt && column(columnId) !== undefined

  function pausedReason(account: Account): string | undefined {
    const reason = paused.get(account.id)
    if (reason) return reason
    if (account.needsSignIn)
      return `Sign in again to ${networkName(account)}: the stored sign-in for ${account.handle} was refused.`
    return undefined
  }

  function showHeld(rt: ColumnRuntime, until: number): void {
    setStatus(rt, { ...base(rt, 'rate-limited'), until: iso(until) })
  }

  function poll(columnId: string): Promise<void> {
    const spec = column(columnId)
    const rt = runtimes.get(columnId)
    if (!running || !spec || !rt) return Promise.resolve()
    if (rt.inFlight) {
      rt.again = true
      return rt.inFlight
    }
    const account = opts.account(spec.accountId)
    if (!account) {
      clearTimer(rt)
      setStatus(rt, {
        ...base(rt, 'error'),
        reason: 'The account of this column is no longer signed in. Remove the column or sign in again.',
      })
      return Promise.resolve()
    }
    const reason = pausedReason(account)
    if (reason) {
      clearTimer(rt)
      setStatus(rt, { ...base(rt, 'error'), reason })
      return Promise.resolve()
    }
    const now = clock.now()
    const held = heldUntil.get(account.id)
    if (held !== undefined && held > now) {
      showHeld(rt, held)
      schedule(columnId, rt, held - now)
      return Promise.resolve()
    }
    clearTimer(rt)
    const inFlight = tick(spec, account, rt).finally(() => {
      rt.inFlight = undefined
      if (rt.again && current(columnId, rt)) {
        rt.again = false
        schedule(columnId, rt, 0)
      }
    })
    rt.inFlight = inFlight
    return inFlight
  }

  async function tick(spec: ColumnSpec, account: Account, rt: ColumnRuntime): Promise<void> {
    const fresh = rt.fresh
    rt.fresh = false
    const saved = cursors.get(spec.id)
    setStatus(rt, base(rt, 'syncing'))
    let page: Page
    try {
      page = await opts.adapter(account).fetchPage(spec, fresh ? undefined : saved?.cursor, 'newer')
    } catch (error) {
      if (!current(spec.id, rt)) return
      rt.fresh ||= fresh
      onFailure(spec, account, rt, error)
      return
    }
    if (!current(spec.id, rt)) return

    if (page.items.length > 0) opts.onItems({ columnId: spec.id, items: page.items })
    const now = clock.now()
    const lastSyncedAt = iso(now)
    // Re-read: a loadMore may have moved the older end while this poll was out.
    const latest = cursors.get(spec.id)
    const entry: CursorEntry =
      fresh || !latest
        ? { cursor: page.cursor, hasMore: page.hasMore, lastSyncedAt }
        : { cursor: mergeNewer(latest.cursor, page.cursor), hasMore: latest.hasMore ?? page.hasMore, lastSyncedAt }
    cursors.set(spec.id, entry)
    rt.failures = 0
    // Another column of the account may have had its credentials refused while this poll was out.
    const pausedMeanwhile = paused.get(account.id)
    if (pausedMeanwhile) {
      rt.status = defined<ColumnStatus>({ columnId: spec.id, state: 'ok', lastSyncedAt, hasMore: entry.hasMore })
      setStatus(rt, { ...base(rt, 'error'), reason: pausedMeanwhile })
      return
    }
    setStatus(rt, defined<ColumnStatus>({ columnId: spec.id, state: 'ok', lastSyncedAt, hasMore: entry.hasMore }))

    // A feed may ask for fewer polls (<ttl>, Retry-After): this column waits, the account does not.
    const interval = Math.max(intervalFor(account), page.minIntervalMs ?? 0, (page.rateLimit?.retryAt ?? now) - now)
    const resetAt = exhaustedUntil(page)
    if (resetAt !== undefined && resetAt > now + interval) {
      // The allowance is used up and refills after our next tick would fire: wait for it.
      heldUntil.set(account.id, resetAt)
      schedule(spec.id, rt, resetAt - now)
    } else {
      schedule(spec.id, rt, interval)
    }
  }

  function onFailure(spec: ColumnSpec, account: Account, rt: ColumnRuntime, error: unknown): void {
    if (!isNetworkFailure(error) && !(error instanceof UserError)) {
      logger.error(`Polling ${spec.title} failed unexpectedly`, {
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      })
    }
    const failure = asFailure(error)
    const now = clock.now()
    const plan = planRetry(failure, rt.failures, now, opts.random)
    rt.failures += 1
    switch (plan.action) {
      case 'pause-account':
        pauseAccount(account.id, failure)
        opts.onAuthFailure(account.id, failure)
        return
      case 'hold-account':
        holdAccount(account.id, plan.at)
        return
      case 'retry':
        setStatus(rt, { ...base(rt, plan.state), until: iso(plan.at), reason: plan.reason })
        schedule(spec.id, rt, plan.at - now)
        return
    }
  }

  /** Every column of the account waits until `until`: the limit is the account's, not the column's. */
  function holdAccount(accountId: string, until: number): void {
    heldUntil.set(accountId, Math.max(until, heldUntil.get(accountId) ?? 0))
    const at = heldUntil.get(accountId) ?? until
    for (const spec of columnsOf(accountId)) {
      const rt = runtimes.get(spec.id)
      if (!rt) continue
      showHeld(rt, at)
      // Also for a column whose poll is still out: if it succeeds, it reschedules itself anyway.
      schedule(spec.id, rt, at - clock.now())
    }
  }

  function pauseAccount(accountId: string, failure: NetworkFailure): void {
    const account = opts.account(accountId)
    const name = account ? networkName(account) : 'the network'
    paused.set(accountId, `Sign in again to ${name}: ${failure.message}`)
    for (const spec of columnsOf(accountId)) {
      const rt = runtimes.get(spec.id)
      if (!rt) continue
      clearTimer(rt)
      rt.fresh = true
      setStatus(rt, { ...base(rt, 'error'), reason: paused.get(accountId) })
    }
  }

  function guard(accountId: string): void {
    const account = opts.account(accountId)
    if (!account) throw new UserError('unknown-account', 'That account is not signed in (any more).')
    const reason = pausedReason(account)
    if (reason) throw new UserError('needs-sign-in', reason)
    const held = heldUntil.get(accountId)
    if (held !== undefined && held > clock.now()) {
      const at = new Date(held).toLocaleTimeString()
      throw new UserError('rate-limited', `${networkName(account)} asked Crosstalk to wait until ${at}; try again then.`)
    }
  }

  function accountFailed(accountId: string, error: unknown): void {
    if (!isNetworkFailure(error)) return
    if (error.kind === 'auth') {
      pauseAccount(accountId, error)
      opts.onAuthFailure(accountId, error)
    } else if (error.kind === 'rate-limited') {
      const retryAt = error.details.retryAt
      holdAccount(
        accountId,
        retryAt !== undefined && retryAt > clock.now() ? retryAt : clock.now() + backoffDelay(RETRY_BACKOFF, 0, opts.random),
      )
    }
  }

  function sync(): void {
    const live = opts.columns()
    const ids = new Set(live.map((c) => c.id))
    for (const [id, rt] of runtimes) {
      if (ids.has(id)) continue
      clearTimer(rt)
      runtimes.delete(id)
    }
    if (!running) return
    for (const spec of live) {
      const rt = runtime(spec)
      const account = opts.account(spec.accountId)
      const reason = account ? pausedReason(account) : undefined
      if (account && reason) {
        clearTimer(rt)
        rt.fresh = true
        if (rt.status.state !== 'error' || rt.status.reason !== reason) setStatus(rt, { ...base(rt, 'error'), reason })
      } else if (rt.timer === undefined && !rt.inFlight) {
        void poll(spec.id)
      }
    }
  }

  return {
    start() {
      if (running) return
      running = true
      for (const rt of runtimes.values()) rt.fresh = true
      sync()
    },

    stop() {
      running = false
      for (const rt of runtimes.values()) clearTimer(rt)
    },

    sync,

    refresh(columnId) {
      const spec = column(columnId)
      if (!spec) return Promise.resolve()
      runtime(spec)
      return poll(columnId)
    },

    refreshAll() {
      for (const spec of opts.columns()) {
        runtime(spec).fresh = true
        void poll(spec.id)
      }
    },

    loadMore(columnId) {
      const spec = column(columnId)
      if (!spec) return Promise.reject(new UserError('unknown-column', 'That column is no longer open.'))
      const rt = runtime(spec)
      rt.loadingMore ??= loadOlder(spec, rt).finally(() => {
        rt.loadingMore = undefined
      })
      return rt.loadingMore
    },

    guard,
    accountFailed,

    resumeAccount(accountId) {
      paused.delete(accountId)
      heldUntil.delete(accountId)
      for (const spec of columnsOf(accountId)) {
        const rt = runtimes.get(spec.id)
        if (!rt) continue
        rt.fresh = true
        rt.failures = 0
        clearTimer(rt)
      }
      sync()
    },

    forgetAccount(accountId) {
      paused.delete(accountId)
      heldUntil.delete(accountId)
      sync()
    },

    statuses() {
      return opts.columns().map((spec) => runtime(spec).status)
    },
  }

  async function loadOlder(spec: ColumnSpec, rt: ColumnRuntime): Promise<{ count: number; hasMore: boolean }> {
    const account = opts.account(spec.accountId)
    if (!account) throw new UserError('unknown-account', 'The account of this column is no longer signed in.')
    guard(account.id)
    const saved = cursors.get(spec.id)
    if (!saved?.cursor.older) return { count: 0, hasMore: false }

    let page: Page
    try {
      page = await opts.adapter(account).fetchPage(spec, saved.cursor, 'older')
    } catch (error) {
      accountFailed(account.id, error)
      throw error
    }
    if (runtimes.get(spec.id) !== rt || !column(spec.id)) return { count: 0, hasMore: false }

    if (page.items.length > 0) opts.onItems({ columnId: spec.id, items: page.items, older: true })
    const latest = cursors.get(spec.id) ?? saved
    const entry: CursorEntry = { ...latest, cursor: mergeOlder(latest.cursor, page.cursor), hasMore: page.hasMore }
    cursors.set(spec.id, entry)
    setStatus(rt, { ...rt.status, hasMore: page.hasMore })
    const resetAt = exhaustedUntil(page)
    if (resetAt !== undefined && resetAt > clock.now()) heldUntil.set(account.id, resetAt)
    return { count: page.items.length, hasMore: page.hasMore }
  }
}
