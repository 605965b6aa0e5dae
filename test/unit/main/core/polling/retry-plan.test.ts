import { describe, expect, it } from 'vitest'
import { NetworkFailure, UserError } from '../../../../../main/core/errors'
import { asFailure, planRetry } from '../../../../../main/core/polling/retry-plan'

const NOW = 1_000_000
const one = () => 1

describe('retry plan', () => {
  it('auth pauses the account; rate-limited holds it until Retry-After, or a backoff without one', () => {
    expect(planRetry(new NetworkFailure('auth', 'x'), 0, NOW, one)).toEqual({ action: 'pause-account' })
    expect(planRetry(new NetworkFailure('rate-limited', 'x', { retryAt: NOW + 90_000 }), 5, NOW, one)).toEqual({
      action: 'hold-account',
      at: NOW + 90_000,
    })
    expect(planRetry(new NetworkFailure('rate-limited', 'x'), 2, NOW, one)).toEqual({ action: 'hold-account', at: NOW + 8_000 })
  })

  it('a Retry-After in the past does not count', () => {
    expect(planRetry(new NetworkFailure('rate-limited', 'x', { retryAt: NOW - 1 }), 0, NOW, one)).toEqual({
      action: 'hold-account',
      at: NOW + 2_000,
    })
  })

  it('offline, transient, malformed and permanent retry this column with their reason', () => {
    expect(planRetry(new NetworkFailure('offline', 'down'), 0, NOW, one)).toEqual({
      action: 'retry',
      state: 'offline',
      at: NOW + 2_000,
      reason: 'down',
    })
    expect(planRetry(new NetworkFailure('transient', '503', { retryAt: NOW + 5_000 }), 9, NOW, one)).toEqual({
      action: 'retry',
      state: 'error',
      at: NOW + 5_000,
      reason: '503',
    })
    expect(planRetry(new NetworkFailure('malformed', 'bad'), 1, NOW, one)).toMatchObject({ state: 'error', at: NOW + 4_000 })
    expect(planRetry(new NetworkFailure('permanent', '404'), 0, NOW, one)).toMatchObject({ state: 'error', at: NOW + 60_000 })
  })

  it('turns anything thrown into a NetworkFailure', () => {
    const f = new NetworkFailure('offline', 'x')
    expect(asFailure(f)).toBe(f)
    expect(asFailure(new UserError('c', 'Pick a hashtag.'))).toMatchObject({ kind: 'permanent', message: 'Pick a hashtag.' })
    expect(asFailure(new RangeError('boom'))).toMatchObject({ kind: 'transient', message: 'Unexpected error: boom' })
    expect(asFailure('str')).toMatchObject({ kind: 'transient', message: 'Unexpected error: str' })
  })
})
