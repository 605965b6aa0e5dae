// What the SDK throws (XRPCError with the server's status, error name and headers) → our
// NetworkFailure kinds, and the ratelimit-* headers (IETF draft, as the PDS and AppView send them).
import { XRPCError } from '@atproto/api'
import { NetworkFailure, UserError } from '../../core/errors'
import type { RateLimit } from '../../core/http/rate-limit'

type HeadersMap = Record<string, string | undefined>

const num = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : undefined)

/** ratelimit-limit / -remaining / -reset (epoch seconds), plus Retry-After. */
export function blueskyRateLimit(headers: HeadersMap | undefined, now: number): RateLimit {
  if (!headers) return {}
  const get = (name: string) => headers[name] ?? headers[name.toLowerCase()]
  const reset = num(get('ratelimit-reset'))
  const retry = num(get('retry-after'))
  return {
    limit: num(get('ratelimit-limit')),
    remaining: num(get('ratelimit-remaining')),
    resetAt: reset !== undefined ? reset * 1000 : undefined,
    retryAt: retry !== undefined ? now + retry * 1000 : undefined,
  }
}

const AUTH_ERRORS = new Set(['AuthenticationRequired', 'ExpiredToken', 'InvalidToken', 'AccountTakedown', 'AuthMissing'])

/** Rethrows any SDK failure as the NetworkFailure (or UserError) that says what to do next. */
export function asFailure(error: unknown, host: string, now: number): Error {
  if (error instanceof NetworkFailure || error instanceof UserError) return error
  if (!(error instanceof XRPCError)) return error instanceof Error ? error : new Error(String(error))
  if (error.cause instanceof NetworkFailure) return error.cause
  const detail = error.message && error.message !== error.error ? `: ${error.message}` : ''
  const status = error.status
  if (error.constructor.name === 'XRPCInvalidResponseError' || status === 2) {
    // The SDK checked the answer against its lexicon and says which field is wrong.
    const why = (error as { validationError?: { message?: string } }).validationError?.message
    return new NetworkFailure('malformed', `${host} sent an unexpected response${why ? `: ${why}` : detail}.`)
  }
  if (status === 429) {
    const rl = blueskyRateLimit(error.headers, now)
    return new NetworkFailure('rate-limited', `${host} is rate-limiting us (HTTP 429)${detail}.`, {
      status,
      retryAt: rl.retryAt ?? rl.resetAt,
    })
  }
  if (status === 401 || AUTH_ERRORS.has(error.error))
    return new NetworkFailure('auth', `${host} refused the session (${error.error})${detail}.`, { status })
  if (status === 1) return new NetworkFailure('offline', `Could not reach ${host}${detail}.`)
  if (status >= 500) return new NetworkFailure('transient', `${host} answered HTTP ${status}${detail}.`, { status })
  // The XRPC error name (RecordNotFound, InvalidSwap, …) lets a caller tell the expected refusals apart.
  return new NetworkFailure('permanent', `${host} answered HTTP ${status} (${error.error})${detail}.`, {
    status,
    code: error.error,
  })
}
