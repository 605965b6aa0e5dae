import { describe, expect, it } from 'vitest'
import { measurePost, overBy } from '../../../preload/post-length'

describe('measurePost', () => {
  it('counts a Mastodon link as 23 and a remote mention without its server', () => {
    const link = 'https://example.com/a/very/long/path/that/goes/on/and/on?with=query'
    expect(measurePost('mastodon', `see ${link}`).length).toBe(4 + 23)
    expect(measurePost('mastodon', 'hi @alice@mastodon.social').length).toBe('hi @alice'.length)
    expect(measurePost('mastodon', 'x'.repeat(501))).toMatchObject({ length: 501, max: 500 })
  })

  it('counts Bluesky graphemes: a family emoji is one, an accented letter is one', () => {
    expect(measurePost('bluesky', '👨‍👩‍👧‍👦').length).toBe(1)
    expect(measurePost('bluesky', 'e\u0301').length).toBe(1)
    expect(measurePost('bluesky', '').max).toBe(300)
  })

  it('weighs X text like twitter-text: Latin 1, CJK 2, links 23', () => {
    expect(measurePost('x', 'hello').length).toBe(5)
    expect(measurePost('x', '日本').length).toBe(4)
    expect(measurePost('x', 'go https://example.com/a/b/c/d/e/f/g/h/i/j/k/l/m/n').length).toBe(3 + 23)
    expect(measurePost('x', '')).toMatchObject({ max: 280 })
  })

  it('counts WordPress comments in UTF-8 bytes and knows no limit for Viva Engage', () => {
    expect(measurePost('wordpress', 'é')).toMatchObject({ length: 2, unit: 'bytes' })
    expect(measurePost('yammer', 'x'.repeat(20_000)).max).toBeUndefined()
  })

  it('says how far over the limit a draft is', () => {
    expect(overBy(measurePost('x', 'a'.repeat(285)))).toBe(5)
    expect(overBy(measurePost('x', 'a'.repeat(280)))).toBe(0)
    expect(overBy(measurePost('yammer', 'a'.repeat(99_999)))).toBe(0)
  })
})
