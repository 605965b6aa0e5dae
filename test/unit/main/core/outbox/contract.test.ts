// The write methods on the bridge: malformed calls are refused before any handler runs, results
// carry only what the contract declares (never an idempotency key or a token), and the failure
// policy in one table.
import { describe, expect, it } from 'vitest'
import type { Handlers } from '../../../../../preload/contract'
import { createDispatcher } from '../../../../../main/core/bridge/dispatcher'
import { NetworkFailure, UserError } from '../../../../../main/core/errors'
import { planFailure } from '../../../../../main/core/outbox/policy'
import { createStandInCore, recordingLogger } from '../bridge/stand-in-core'

function setup(overrides: Partial<Handlers> = {}) {
  const core = createStandInCore()
  const dispatcher = createDispatcher({ ...core.handlers, ...overrides }, { logger: recordingLogger() })
  return { core, dispatcher }
}

describe('write methods on the bridge', () => {
  const malformed: [string, unknown][] = [
    ['outbox.submit', { text: 'no account' }],
    ['outbox.submit', { accountId: 'a', text: 'x', token: 'sneaky' }],
    ['outbox.submit', { accountId: 'a', text: 42 }],
    ['outbox.submit', { accountId: 'a', text: 'x', visibility: 'everyone' }],
    ['outbox.submit', { accountId: 'a', text: 'x', mentions: [{ start: -1, end: 2, id: 'u' }] }],
    ['outbox.submit', { accountId: 'a', text: 'x', target: { kind: 'channel', id: 'c' } }],
    ['outbox.update', { entryId: 'e1' }],
    ['outbox.retry', { entryId: '' }],
    ['outbox.discard', {}],
    ['items.act', { itemId: 'a/1', action: 'nuke' }],
    ['items.act', { itemId: 'a/1', action: 'moderate', moderation: 'burn' }],
    ['items.act', { itemId: 'a/1', action: 'report', report: { comment: 'x'.repeat(1001) } }],
    ['accounts.capabilities', {}],
  ]
  for (const [method, args] of malformed) {
    it(`refuses ${method} ${JSON.stringify(args).slice(0, 60)}`, async () => {
      const { core, dispatcher } = setup()
      const envelope = await dispatcher.dispatch(method, args)
      expect(envelope.ok).toBe(false)
      if (!envelope.ok) expect(envelope.error.code).toBe('invalid-arguments')
      expect(core.calls).toEqual([])
    })
  }

  it('passes a well-formed draft through and strips what the entry schema does not declare', async () => {
    const { core, dispatcher } = setup({
      'outbox.submit': async (draft) => {
        core.calls.push({ method: 'outbox.submit', args: draft })
        return {
          id: 'e1',
          accountId: draft.accountId,
          network: 'mastodon',
          action: 'post',
          draft,
          state: 'pending',
          attempts: 0,
          createdAt: '2025-06-01T12:00:00.000Z',
          updatedAt: '2025-06-01T12:00:00.000Z',
          idempotencyKey: 'must-not-cross',
          accessToken: 'secret',
        } as never
      },
    })
    const draft = {
      accountId: 'a',
      text: 'Hi @al',
      mentions: [{ start: 3, end: 6, id: 'u1', handle: 'al' }],
      visibility: 'unlisted',
    }
    const envelope = await dispatcher.dispatch('outbox.submit', draft)
    expect(envelope).toMatchObject({ ok: true, result: { id: 'e1', state: 'pending', draft } })
    expect(JSON.stringify(envelope)).not.toContain('must-not-cross')
    expect(JSON.stringify(envelope)).not.toContain('secret')
    expect(core.calls).toEqual([{ method: 'outbox.submit', args: draft }])
  })
})

describe('failure policy', () => {
  const now = 1_000_000
  const half = () => 0.5
  it.each([
    [
      '400/403/404/422 → failed',
      new NetworkFailure('permanent', 'HTTP 422: nope', { status: 422 }),
      { state: 'failed', error: 'HTTP 422: nope' },
    ],
    ['a UserError → failed', new UserError('too-long', 'Too long'), { state: 'failed', error: 'Too long' }],
    ['401 → paused', new NetworkFailure('auth', 'refused', { status: 401 }), { state: 'paused', error: 'refused' }],
    [
      '429 → Retry-After, certainly not made',
      new NetworkFailure('rate-limited', 'slow down', { status: 429, retryAt: now + 30_000 }),
      { state: 'waiting-retry', at: now + 30_000, mayHaveReached: false },
    ],
    [
      'offline → backoff, maybe made',
      new NetworkFailure('offline', 'timed out'),
      { state: 'waiting-retry', at: now + 1000, mayHaveReached: true },
    ],
    [
      'connection refused → backoff, certainly not made (no connection, nothing sent)',
      new NetworkFailure('offline', 'Could not reach h (ECONNREFUSED).', { code: 'ECONNREFUSED' }),
      { state: 'waiting-retry', at: now + 1000, mayHaveReached: false },
    ],
    [
      'a reset connection → backoff, maybe made',
      new NetworkFailure('offline', 'Could not reach h (ECONNRESET).', { code: 'ECONNRESET' }),
      { state: 'waiting-retry', mayHaveReached: true },
    ],
    [
      '5xx → backoff, maybe made',
      new NetworkFailure('transient', 'HTTP 504', { status: 504 }),
      { state: 'waiting-retry', at: now + 1000, mayHaveReached: true },
    ],
    [
      'an unreadable 2xx → backoff, maybe made',
      new NetworkFailure('malformed', 'bad JSON'),
      { state: 'waiting-retry', mayHaveReached: true },
    ],
    [
      'a bug → backoff, maybe made',
      new TypeError('x is undefined'),
      { state: 'waiting-retry', error: 'Unexpected error: x is undefined', mayHaveReached: true },
    ],
  ])('%s', (_what, error, expected) => {
    expect(planFailure(error, 0, now, half)).toMatchObject(expected)
  })

  it('grows exponentially with full jitter up to the cap', () => {
    const err = new NetworkFailure('transient', 'HTTP 503')
    const at = (attempt: number, r: number) => (planFailure(err, attempt, now, () => r) as { at: number }).at - now
    expect([0, 1, 2, 3].map((n) => at(n, 0.999))).toEqual([1998, 3996, 7992, 15984])
    expect(at(0, 0)).toBe(1000) // never sooner than the floor
    expect(at(30, 0.999)).toBe(Math.floor(0.999 * 300_000)) // capped at five minutes
  })
})
