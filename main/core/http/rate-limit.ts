// Rate-limit signals, normalised. Each network reads its own headers (Mastodon X-RateLimit-*,
// Chatter Sforce-Limit-Info and 503, X x-rate-limit-*) into this one shape.
export interface RateLimit {
  limit?: number
  remaining?: number
  /** When the window resets (epoch ms). */
  resetAt?: number
  /** The server asked us to wait until this time (Retry-After, epoch ms). */
  retryAt?: number
  /** This answer means "over the limit" even though its status is not 429 (Chatter's 503). */
  limited?: boolean
}

export type RateLimitParser = (headers: Headers, status: number, now: number) => RateLimit

/** Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return now + Number(trimmed) * 1000
  // An HTTP-date always names its day and month ("Wed, 21 Oct 2015 07:28:00 GMT"); V8's
  // Date.parse would otherwise accept things like "-5" as a year.
  if (!/^[A-Za-z]{3},? /.test(trimmed)) return undefined
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(now, date)
}

const int = (v: string | null): number | undefined => {
  if (v === null || !/^\s*\d+\s*$/.test(v)) return undefined
  return Number(v)
}

/** Generic reading: Retry-After only. Networks add their own headers on top. */
export const genericRateLimit: RateLimitParser = (headers, _status, now) => {
  const retryAt = parseRetryAfter(headers.get('retry-after'), now)
  return retryAt === undefined ? {} : { retryAt }
}

/** Mastodon: X-RateLimit-Limit, -Remaining, -Reset (ISO-8601 time). */
export const mastodonRateLimit: RateLimitParser = (headers, status, now) => {
  const reset = headers.get('x-ratelimit-reset')
  const resetAt = reset ? Date.parse(reset) : NaN
  return {
    ...genericRateLimit(headers, status, now),
    limit: int(headers.get('x-ratelimit-limit')),
    remaining: int(headers.get('x-ratelimit-remaining')),
    resetAt: Number.isNaN(resetAt) ? undefined : resetAt,
  }
}

/** Salesforce: org usage in `Sforce-Limit-Info: api-usage=18/5000`; Chatter answers 503 when over its hourly limit. */
export const chatterRateLimit: RateLimitParser = (headers, status, now) => {
  const info = headers.get('sforce-limit-info') ?? ''
  const m = /api-usage=(\d+)\/(\d+)/.exec(info)
  const used = m ? Number(m[1]) : undefined
  const limit = m ? Number(m[2]) : undefined
  return {
    ...genericRateLimit(headers, status, now),
    limit,
    remaining: used !== undefined && limit !== undefined ? Math.max(0, limit - used) : undefined,
    limited: status === 503 ? true : undefined,
  }
}
