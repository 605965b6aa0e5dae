import { describe, expect, it } from 'vitest'
import { acceptsType, formatSize } from '../../../preload/attachment-rules'

describe('formatSize', () => {
  it('reads binary limits as such and everything else in decimal', () => {
    expect(formatSize(99 * 1024 * 1024)).toBe('99 MB')
    expect(formatSize(16_777_216)).toBe('16 MB')
    expect(formatSize(1_000_000)).toBe('1.0 MB')
    expect(formatSize(1_200_000)).toBe('1.2 MB')
    expect(formatSize(12_400_000)).toBe('12 MB')
    expect(formatSize(90_008)).toBe('90 kB')
    expect(formatSize(512)).toBe('512 bytes')
  })
})

describe('acceptsType', () => {
  it('takes anything, a family, or exactly the named type', () => {
    expect(acceptsType(['*/*'], 'application/pdf')).toBe(true)
    expect(acceptsType(['image/*'], 'image/webp')).toBe(true)
    expect(acceptsType(['image/png'], 'image/jpeg')).toBe(false)
    expect(acceptsType(['image/png', 'video/mp4'], 'video/mp4')).toBe(true)
  })
})
