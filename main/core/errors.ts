// Failures that the core understands. Every network call ends in data or in one of these;
// the scheduler decides what each kind means for a column (see polling/scheduler.ts).
export type FailureKind =
  | 'offline' // could not reach the host (refused, DNS, timeout)
  | 'rate-limited' // 429, or a network's own "slow down" answer (Chatter's 503)
  | 'auth' // credentials refused after one refresh: the user must sign in again
  | 'transient' // 408/5xx: try again later
  | 'permanent' // other 4xx: retrying will not help
  | 'malformed' // bad JSON or a changed shape

export class NetworkFailure extends Error {
  override readonly name = 'NetworkFailure'
  constructor(
    readonly kind: FailureKind,
    message: string,
    /** code: the network's own error code from the body, when it has one (Graph's error.code). */
    readonly details: { status?: number; retryAt?: number; code?: string } = {},
  ) {
    super(message)
  }
}

/** An error whose message is written for the person using the app; it crosses the bridge as is. */
export class UserError extends Error {
  override readonly name = 'UserError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const isNetworkFailure = (e: unknown): e is NetworkFailure => e instanceof NetworkFailure
