// The web host's per-launch secret: whoever knows it (the person who read the printed address)
// may use the bridge. Compared in constant time, on digests so the length leaks nothing either.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export const newSecret = (): string => randomBytes(32).toString('base64url')

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest()

export function secretMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false
  return timingSafeEqual(digest(given), digest(expected))
}
