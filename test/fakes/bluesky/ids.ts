// Identifiers the way the AT Protocol writes them: TIDs (13 chars, base32-sortable), CIDv1
// (dag-cbor, sha-256, written out by hand) and at:// URIs, so the SDK's lexicon validation accepts the fake's answers.
import { createHash } from 'node:crypto'

const S32 = '234567abcdefghijklmnopqrstuvwxyz'

/** A TID from microseconds since the epoch and a clock id. */
export function tid(micros: bigint, clockId = 0): string {
  let n = (micros << 10n) | BigInt(clockId & 1023)
  let out = ''
  for (let i = 0; i < 13; i++) {
    out = S32[Number(n & 31n)]! + out
    n >>= 5n
  }
  return out
}

/** CIDv1, dag-cbor (0x71), sha2-256 multihash (0x12, 32 bytes), multibase base32 ("b…"). */
export function cidFor(content: unknown): string {
  return cidV1(0x71, createHash('sha256').update(JSON.stringify(content)).digest())
}

/** A blob's CID as a PDS computes it: CIDv1, raw (0x55), sha2-256 of the bytes. */
export function blobCid(bytes: Uint8Array): string {
  return cidV1(0x55, createHash('sha256').update(bytes).digest())
}

function cidV1(codec: number, digest: Buffer): string {
  const bytes = Buffer.concat([Buffer.from([0x01, codec, 0x12, 0x20]), digest])
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567'
  let bits = 0
  let value = 0
  let out = 'b'
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31]
  return out
}

/** did:plc identifiers are 24 base32 characters. */
export function plcDid(seed: string): string {
  const hash = createHash('sha256').update(seed).digest()
  let out = ''
  for (let i = 0; i < 24; i++) out += 'abcdefghijklmnopqrstuvwxyz234567'[hash[i]! % 32]
  return `did:plc:${out}`
}

export const postUri = (did: string, rkey: string) => `at://${did}/app.bsky.feed.post/${rkey}`
