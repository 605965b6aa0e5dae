// An image's width and height read from its header, for the aspectRatio a Bluesky post's images
// carry: PNG, GIF, JPEG (past the segments before its frame), and the three kinds of WebP.
import { describe, expect, it } from 'vitest'
import { imageDimensions } from '../../../../../main/networks/bluesky/images'

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)))
const be16 = (n: number) => [n >> 8, n & 0xff]
const be32 = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]
const le16 = (n: number) => [n & 0xff, n >> 8]
const le24 = (n: number) => [n & 0xff, (n >> 8) & 0xff, n >> 16]
const le32 = (n: number) => [...le24(n), n >>> 24]
const riff = (chunk: string, body: number[]) => bytes('RIFF', le32(4 + 8 + body.length), 'WEBP', chunk, le32(body.length), body)

describe('imageDimensions', () => {
  it('reads PNG and GIF headers', () => {
    expect(
      imageDimensions(bytes([0x89], 'PNG', [13, 10, 26, 10], be32(13), 'IHDR', be32(640), be32(480), [8, 6, 0, 0, 0])),
    ).toEqual({ width: 640, height: 480 })
    expect(imageDimensions(bytes('GIF89a', le16(300), le16(200), [0, 0, 0]))).toEqual({ width: 300, height: 200 })
  })

  it('walks a JPEG to its frame: width after height, past APP0 and a fill byte', () => {
    const app0 = [0xff, 0xe0, ...be16(16), ...bytes('JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])]
    const sof2 = [0xff, 0xff, 0xc2, ...be16(17), 8, ...be16(1080), ...be16(1920), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
    expect(imageDimensions(bytes([0xff, 0xd8], app0, sof2))).toEqual({ width: 1920, height: 1080 })
    // DHT (0xc4) looks like a frame marker but is not one.
    const dht = [0xff, 0xc4, ...be16(5), 0, 0, 0]
    const sof0 = [0xff, 0xc0, ...be16(11), 8, ...be16(50), ...be16(70), 1, 1, 0x11, 0]
    expect(imageDimensions(bytes([0xff, 0xd8], dht, sof0))).toEqual({ width: 70, height: 50 })
  })

  it('reads lossy, lossless and extended WebP', () => {
    expect(imageDimensions(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(800), ...le16(600), 0, 0]))).toEqual({
      width: 800,
      height: 600,
    })
    const bits = (1200 - 1) | ((900 - 1) << 14)
    expect(imageDimensions(riff('VP8L', [0x2f, ...le32(bits), 0, 0, 0, 0, 0]))).toEqual({ width: 1200, height: 900 })
    expect(imageDimensions(riff('VP8X', [0x10, 0, 0, 0, ...le24(4000 - 1), ...le24(3000 - 1), 0, 0]))).toEqual({
      width: 4000,
      height: 3000,
    })
  })

  it('says nothing for what it cannot read', () => {
    expect(imageDimensions(bytes('BM', [0, 0, 0, 0]))).toBeUndefined()
    expect(imageDimensions(bytes([0x89], 'PNG', [13, 10, 26, 10]))).toBeUndefined()
    expect(imageDimensions(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 2, 0, 0, 0, 0, 0, 0]))).toBeUndefined()
    expect(imageDimensions(bytes('GIF89a', le16(0), le16(10)))).toBeUndefined()
  })
})
