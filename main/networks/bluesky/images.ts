// Width and height from an image file's header (PNG, GIF, JPEG, WebP): a post's images carry
// their aspectRatio so apps can lay them out before they load. Unknown formats give undefined.

export interface AspectRatio {
  width: number
  height: number
}

const ascii = (b: Uint8Array, at: number, text: string) => [...text].every((c, i) => b[at + i] === c.charCodeAt(0))
const be16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!
const le16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8)
const le24 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)
const be32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0

const sized = (width: number, height: number): AspectRatio | undefined =>
  Number.isInteger(width) && Number.isInteger(height) && width >= 1 && height >= 1 ? { width, height } : undefined

export function imageDimensions(b: Uint8Array): AspectRatio | undefined {
  // PNG: the signature, then the IHDR chunk (width, height as big-endian 32-bit).
  if (b.length >= 24 && b[0] === 0x89 && ascii(b, 1, 'PNG') && ascii(b, 12, 'IHDR')) return sized(be32(b, 16), be32(b, 20))
  // GIF: the logical screen size (little-endian 16-bit).
  if (b.length >= 10 && (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'))) return sized(le16(b, 6), le16(b, 8))
  if (b.length >= 30 && ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return webp(b)
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return jpeg(b)
  return undefined
}

function webp(b: Uint8Array): AspectRatio | undefined {
  if (ascii(b, 12, 'VP8 ')) return sized(le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff)
  if (ascii(b, 12, 'VP8L')) {
    const [b0, b1, b2, b3] = [b[21]!, b[22]!, b[23]!, b[24]!]
    return sized(1 + (((b1 & 0x3f) << 8) | b0), 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)))
  }
  if (ascii(b, 12, 'VP8X')) return sized(1 + le24(b, 24), 1 + le24(b, 27))
  return undefined
}

/** JPEG: walk the segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC). */
function jpeg(b: Uint8Array): AspectRatio | undefined {
  let at = 2
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined
    const marker = b[at + 1]!
    if (marker === 0xff) {
      at += 1 // fill byte
      continue
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      at += 2 // no length
      continue
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return sized(be16(b, at + 7), be16(b, at + 5))
    at += 2 + be16(b, at + 2)
  }
  return undefined
}
