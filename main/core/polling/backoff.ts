// Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and
// Jitter"): the delay is uniformly random in [0, min(cap, base · 2^attempt)], so clients that
// failed together do not retry together. A floor keeps a retry from hammering immediately.
export interface BackoffPolicy {
  baseMs: number
  capMs: number
  floorMs: number
}

/** Offline, transient, malformed and rate-limited answers without a Retry-After. */
export const RETRY_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000, floorMs: 1_000 }

/** Answers that retrying will probably not fix (404, 403…): try again, but rarely. */
export const PERMANENT_BACKOFF: BackoffPolicy = { baseMs: 60_000, capMs: 30 * 60_000, floorMs: 1_000 }

/** attempt = failures before this one (0 for the first retry). */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30))
  return Math.max(policy.floorMs, Math.floor(random() * ceiling))
}
