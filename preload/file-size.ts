// File sizes as people read them, the same in main's refusals and in the composer. Limits given in
// binary megabytes (Mastodon's 99 MB, Chatter's 100 MB) read as such; others in decimal.
const MIB = 1024 * 1024

export function formatSize(bytes: number): string {
  if (bytes >= MIB && bytes % MIB === 0) return `${bytes / MIB} MB`
  if (bytes < 1_000_000) return bytes < 1000 ? `${bytes} bytes` : `${Math.round(bytes / 1000)} kB`
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`
}
