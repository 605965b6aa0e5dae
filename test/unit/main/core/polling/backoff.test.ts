import { describe, expect, it } from 'vitest'
import { PERMANENT_BACKOFF, RETRY_BACKOFF, backoffDelay } from '../../../../../main/core/polling/backoff'

describe('backoff with full jitter', () => {
  it('the ceiling doubles from 2 s and stops at 5 minutes', () => {
    const ceilings = Array.from({ length: 12 }, (_, attempt) => backoffDelay(RETRY_BACKOFF, attempt, () => 1))
    expect(ceilings).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000, 300_000])
    expect(backoffDelay(RETRY_BACKOFF, 10_000, () => 1)).toBe(300_000)
  })

  it('the delay is uniform in [floor, ceiling]: random · ceiling, at least 1 s', () => {
    expect(backoffDelay(RETRY_BACKOFF, 3, () => 0)).toBe(1_000)
    expect(backoffDelay(RETRY_BACKOFF, 3, () => 0.5)).toBe(8_000)
    expect(backoffDelay(RETRY_BACKOFF, 3, () => 0.999)).toBe(15_984)
    let seed = 7
    const lcg = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let attempt = 0; attempt < 20; attempt++) {
      const d = backoffDelay(RETRY_BACKOFF, attempt, lcg)
      expect(d).toBeGreaterThanOrEqual(1_000)
      expect(d).toBeLessThanOrEqual(Math.min(300_000, 2_000 * 2 ** attempt))
    }
  })

  it('permanent failures back off from a minute up to half an hour', () => {
    expect(backoffDelay(PERMANENT_BACKOFF, 0, () => 1)).toBe(60_000)
    expect(backoffDelay(PERMANENT_BACKOFF, 20, () => 1)).toBe(30 * 60_000)
  })
})
