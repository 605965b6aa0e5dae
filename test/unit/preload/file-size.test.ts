import { describe, expect, it } from 'vitest'
import { formatSize } from '../../../preload/file-size'

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
