// What a failed poll means for its column: the state to show and when to try again. Pure, so
// the rules can be read (and tested) in one place; the scheduler applies the plan.
import { NetworkFailure, UserError, isNetworkFailure } from '../errors'
import { PERMANENT_BACKOFF, RETRY_BACKOFF, backoffDelay } from './backoff'

export type RetryPlan =
  /** Credentials refused: pause every column of the account until the user signs in again. */
  | { action: 'pause-account' }
  /** Rate-limited: every column of the account waits until `at`. */
  | { action: 'hold-account'; at: number }
  /** This column only: show `state` with `reason`, try again at `at`. */
  | { action: 'retry'; state: 'offline' | 'error'; at: number; reason: string }

/** attempt = consecutive failures before this one. Retry-After (failure.details.retryAt) always wins. */
export function planRetry(failure: NetworkFailure, attempt: number, now: number, random: () => number): RetryPlan {
  const retryAt = failure.details.retryAt !== undefined && failure.details.retryAt > now ? failure.details.retryAt : undefined
  switch (failure.kind) {
    case 'auth':
      return { action: 'pause-account' }
    case 'rate-limited':
      return { action: 'hold-account', at: retryAt ?? now + backoffDelay(RETRY_BACKOFF, attempt, random) }
    case 'offline':
      return {
        action: 'retry',
        state: 'offline',
        at: retryAt ?? now + backoffDelay(RETRY_BACKOFF, attempt, random),
        reason: failure.message,
      }
    case 'transient':
    case 'malformed':
      return {
        action: 'retry',
        state: 'error',
        at: retryAt ?? now + backoffDelay(RETRY_BACKOFF, attempt, random),
        reason: failure.message,
      }
    case 'permanent':
      return {
        action: 'retry',
        state: 'error',
        at: retryAt ?? now + backoffDelay(PERMANENT_BACKOFF, attempt, random),
        reason: failure.message,
      }
  }
}

/** Anything an adapter throws, as a NetworkFailure. */
export function asFailure(error: unknown): NetworkFailure {
  if (isNetworkFailure(error)) return error
  // An adapter's UserError (a column it cannot show) will not heal by itself; anything else is a bug: retry gently.
  if (error instanceof UserError) return new NetworkFailure('permanent', error.message)
  return new NetworkFailure('transient', `Unexpected error: ${error instanceof Error ? error.message : String(error)}`)
}
