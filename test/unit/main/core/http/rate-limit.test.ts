import { describe, expect, it } from 'vitest'
import { chatterRateLimit, mastodonRateLimit, parseRetryAfter } from '../../../../../main/core/http/rate-limit'

const NOW = Date.parse('2026-11-23T12:00:00Z')

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => expect(parseRetryAfter('30', NOW)).toBe(NOW + 30_000))
  it('reads an HTTP-date', () => expect(parseRetryAfter('Mon, 23 Nov 2026 12:01:00 GMT', NOW)).toBe(NOW + 60_000))
  it('never returns a time in the past', () => expect(parseRetryAfter('Mon, 23 Nov 2026 11:00:00 GMT', NOW)).toBe(NOW))
  it('ignores garbage and absence', () => {
    expect(parseRetryAfter('soon', NOW)).toBeUndefined()
    expect(parseRetryAfter(null, NOW)).toBeUndefined()
    expect(parseRetryAfter('-5', NOW)).toBeUndefined()
  })
})

describe('mastodonRateLimit', () => {
  it('reads X-RateLimit-* with an ISO reset time', () => {
    const h = new Headers({
      'x-ratelimit-limit': '300',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '2026-11-23T12:05:00.000Z',
    })
    expect(mastodonRateLimit(h, 429, NOW)).toEqual({ limit: 300, remaining: 0, resetAt: NOW + 300_000 })
  })
  it('tolerates missing or malformed headers', () => {
    const h = new Headers({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-reset': 'tomorrow' })
    expect(mastodonRateLimit(h, 200, NOW)).toEqual({ limit: undefined, remaining: undefined, resetAt: undefined })
  })
})

describe('chatterRateLimit', () => {
  it('reads Sforce-Limit-Info org usage', () => {
    const r = chatterRateLimit(new Headers({ 'sforce-limit-info': 'api-usage=18/5000' }), 200, NOW)
    expect(r.limit).toBe(5000)
    expect(r.remaining).toBe(4982)
    expect(r.limited).toBeUndefined()
  })
  it("treats Chatter's 503 as over the limit and honours Retry-After", () => {
    const r = chatterRateLimit(new Headers({ 'retry-after': '120' }), 503, NOW)
    expect(r.limited).toBe(true)
    expect(r.retryAt).toBe(NOW + 120_000)
  })
})
