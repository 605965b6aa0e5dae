// What a failed attempt means for an outbox entry. Pure, so the rules read (and test) in one place.
//   400/403/404/422 and the user's own mistakes → failed: the network's message, the draft kept.
//   401 (after the adapter's one refresh) → paused until the account signs in again.
//   429 / Chatter's 503 → waiting-retry at Retry-After (or backoff); offline, 5xx, a garbled
//   answer → waiting-retry with exponential backoff and full jitter.
// Whether the write may have reached the network matters for the next attempt: a refusal (4xx,
// 429) certainly did not create anything; a timeout, a 5xx or an unreadable 2xx may have.
import { isNetworkFailure, UserError } from '../errors'
import { RETRY_BACKOFF, backoffDelay, type BackoffPolicy } from '../polling/backoff'

/** Socket errors raised before a connection existed: the request cannot have reached the network. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL'])

export type FailurePlan =
  | { state: 'failed'; error: string }
  | { state: 'paused'; error: string }
  | {
      state: 'waiting-retry'
      at: number
      error: string
      mayHaveReached: boolean
      /** The network could not be reached: the entry may go as soon as it answers again. */
      offline?: true
    }

/** attempt = failed attempts before this one (0 for the first failure). */
export function planFailure(
  error: unknown,
  attempt: number,
  now: number,
  random: () => number,
  policy: BackoffPolicy = RETRY_BACKOFF,
): FailurePlan {
  const backoff = () => now + backoffDelay(policy, attempt, random)
  if (error instanceof UserError) return { state: 'failed', error: error.message }
  if (!isNetworkFailure(error)) {
    // A bug or something we did not foresee: keep the draft and try again later, carefully.
    const message = error instanceof Error ? error.message : String(error)
    return { state: 'waiting-retry', at: backoff(), error: `Unexpected error: ${message}`, mayHaveReached: true }
  }
  const retryAt = error.details.retryAt !== undefined && error.details.retryAt > now ? error.details.retryAt : undefined
  switch (error.kind) {
    case 'permanent':
      return { state: 'failed', error: error.message }
    case 'auth':
      return { state: 'paused', error: error.message }
    case 'rate-limited':
      return { state: 'waiting-retry', at: retryAt ?? backoff(), error: error.message, mayHaveReached: false }
    case 'offline':
      return {
        state: 'waiting-retry',
        at: retryAt ?? backoff(),
        error: error.message,
        mayHaveReached: !NEVER_CONNECTED.has(error.details.code ?? ''),
        offline: true,
      }
    case 'transient':
    case 'malformed':
      return { state: 'waiting-retry', at: retryAt ?? backoff(), error: error.message, mayHaveReached: true }
  }
}
