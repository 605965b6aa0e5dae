// Facebook's usage headers: X-App-Usage / X-Page-Usage (JSON percentages of the allowance, per
// hour) and X-Business-Use-Case-Usage (per business, with estimated_time_to_regain_access in
// minutes). Over the limit Graph answers error codes 4, 17, 32, 613 or 80001.
import { NetworkFailure } from '../../core/errors'
import { genericRateLimit, type RateLimitParser } from '../../core/http/rate-limit'

function usage(raw: string | null): { percent: number; regainMinutes?: number } | undefined {
  if (!raw) return undefined
  try {
    const j = JSON.parse(raw) as Record<string, unknown>
    // X-Business-Use-Case-Usage: {"<business id>": [{call_count, total_time, total_cputime, estimated_time_to_regain_access}]}
    const entries = Object.values(j).flatMap((v) => (Array.isArray(v) ? v : [])) as Record<string, number>[]
    const all = entries.length ? entries : [j as Record<string, number>]
    const percent = Math.max(
      ...all.flatMap((e) => [e.call_count ?? 0, e.total_time ?? 0, e.total_cputime ?? 0, e.acc_id_util_pct ?? 0]),
    )
    const regain = Math.max(0, ...all.map((e) => e.estimated_time_to_regain_access ?? 0))
    return { percent, regainMinutes: regain || undefined }
  } catch {
    return undefined
  }
}

export const facebookRateLimit: RateLimitParser = (headers, status, now) => {
  const readings = ['x-app-usage', 'x-page-usage', 'x-business-use-case-usage']
    .map((h) => usage(headers.get(h)))
    .filter((u) => u !== undefined)
  const percent = readings.length ? Math.max(...readings.map((u) => u.percent)) : undefined
  const regain = Math.max(0, ...readings.map((u) => u.regainMinutes ?? 0))
  return {
    ...genericRateLimit(headers, status, now),
    ...(percent !== undefined ? { limit: 100, remaining: Math.max(0, 100 - percent) } : {}),
    ...(regain ? { resetAt: now + regain * 60_000 } : {}),
  }
}

const THROTTLE_CODES = new Set([4, 17, 32, 613, 80001])

/** A Graph error whose code means "slow down" becomes rate-limited; 190 (expired or invalid token) means auth. */
export function graphFailure(error: unknown, now: number): unknown {
  if (!(error instanceof NetworkFailure) || error.details.code === undefined) return error
  const code = Number(error.details.code)
  if (THROTTLE_CODES.has(code))
    return new NetworkFailure('rate-limited', `Facebook is limiting Crosstalk's calls (code ${code}). ${error.message}`, {
      status: error.details.status,
      // Without a usage header saying when, the documented advice is to wait up to an hour.
      retryAt: error.details.retryAt ?? now + 60 * 60_000,
    })
  if (code === 190)
    return new NetworkFailure('auth', `Facebook ended this session; sign in again. ${error.message}`, {
      status: error.details.status,
    })
  return error
}
