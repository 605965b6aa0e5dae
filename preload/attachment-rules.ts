// What a network's attachment rules mean, the same in main's refusals and in the composer: which
// types a rule accepts, and file sizes as people read them.

// Whether a MIME type is among the accepted ones: anything (*/*), a family (image/*) or exactly.
export const acceptsType = (accept: readonly string[], mimeType: string): boolean =>
  accept.some((a) => a === '*/*' || (a.endsWith('/*') ? mimeType.startsWith(a.slice(0, -1)) : a === mimeType))

// Limits given in binary megabytes (Mastodon's 99 MB, Chatter's 100 MB) read as such; others in decimal.
const MIB = 1024 * 1024

export function formatSize(bytes: number): string {
  if (bytes >= MIB && bytes % MIB === 0) return `${bytes / MIB} MB`
  if (bytes < 1_000_000) return bytes < 1000 ? `${bytes} bytes` : `${Math.round(bytes / 1000)} kB`
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`
}
