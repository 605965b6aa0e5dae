// X: x-rate-limit-limit / -remaining / -reset (epoch seconds) on every answer, 429 when over.
import { genericRateLimit, type RateLimitParser } from '../../core/http/rate-limit'

const int = (v: string | null) => (v !== null && /^\d+$/.test(v.trim()) ? Number(v) : undefined)

export const xRateLimit: RateLimitParser = (headers, status, now) => {
  const reset = int(headers.get('x-rate-limit-reset'))
  return {
    ...genericRateLimit(headers, status, now),
    limit: int(headers.get('x-rate-limit-limit')),
    remaining: int(headers.get('x-rate-limit-remaining')),
    resetAt: reset !== undefined ? reset * 1000 : undefined,
  }
}
