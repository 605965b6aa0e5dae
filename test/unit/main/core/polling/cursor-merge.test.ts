import { describe, expect, it } from 'vitest'
import { defined, exhaustedUntil, mergeNewer, mergeOlder } from '../../../../../main/core/polling/cursor-merge'

describe('cursor merging', () => {
  it('a newer page moves only the newer end (and keeps it when the page had nothing)', () => {
    expect(mergeNewer({ newer: 'n1', older: 'o1' }, { newer: 'n2', older: 'o2' })).toEqual({ newer: 'n2', older: 'o1' })
    expect(mergeNewer({ newer: 'n1', older: 'o1' }, {})).toEqual({ newer: 'n1', older: 'o1' })
    expect(mergeNewer({}, { newer: 'n2', older: 'o2' })).toEqual({ newer: 'n2', older: 'o2' })
  })

  it('an older page moves only the older end, and may end it', () => {
    expect(mergeOlder({ newer: 'n1', older: 'o1' }, { newer: 'nX', older: 'o0' })).toEqual({ newer: 'n1', older: 'o0' })
    expect(mergeOlder({ newer: 'n1', older: 'o1' }, {})).toEqual({ newer: 'n1' })
  })

  it('an exhausted allowance is remaining 0 with a reset time', () => {
    const p = { items: [], cursor: {}, hasMore: false }
    expect(exhaustedUntil({ ...p, rateLimit: { remaining: 0, resetAt: 5 } })).toBe(5)
    expect(exhaustedUntil({ ...p, rateLimit: { remaining: 1, resetAt: 5 } })).toBeUndefined()
    expect(exhaustedUntil({ ...p, rateLimit: { remaining: 0 } })).toBeUndefined()
    expect(exhaustedUntil(p)).toBeUndefined()
  })

  it('defined() drops undefined fields only', () => {
    expect(defined({ a: 1, b: undefined, c: 0, d: '' })).toEqual({ a: 1, c: 0, d: '' })
    expect(Object.keys(defined({ a: undefined }))).toEqual([])
  })
})
