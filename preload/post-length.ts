// How long a post is, the way each network counts it, and how long it may be. Shared by the
// composer (the live counter) and main (the check before sending), so both agree.
import type { NetworkId } from './model'

export interface PostLength {
  length: number
  /** Absent where the network documents no limit. */
  max?: number
  unit: 'characters' | 'bytes'
}

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g
/** Mastodon and X count every link as 23 characters, however long it is. */
const LINK_WEIGHT = 23
const codePoints = (s: string) => [...s].length

/** Mastodon: links count 23, a remote mention @user@server counts as @user (server default 500). */
function mastodonLength(text: string): number {
  const shortened = text.replace(URL_PATTERN, 'x'.repeat(LINK_WEIGHT)).replace(/(^|[^\w/])@(\w+)@[\w.-]+\w/g, '$1@$2')
  return codePoints(shortened)
}

/** Bluesky counts graphemes (what a person sees as one character: an emoji with modifiers is one). */
function graphemes(text: string): number {
  let n = 0
  for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) n++
  return n
}

// twitter-text v3: code points in these ranges weigh 1, all others (CJK, emoji) weigh 2.
const X_LIGHT: [number, number][] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
]
function xLength(text: string): number {
  let weight = 0
  const rest = text.replace(URL_PATTERN, () => {
    weight += LINK_WEIGHT
    return ''
  })
  for (const ch of rest) {
    const cp = ch.codePointAt(0)!
    weight += X_LIGHT.some(([lo, hi]) => cp >= lo && cp <= hi) ? 1 : 2
  }
  return weight
}

export function measurePost(network: NetworkId, text: string): PostLength {
  switch (network) {
    case 'mastodon':
      return { length: mastodonLength(text), max: 500, unit: 'characters' }
    case 'bluesky':
      return { length: graphemes(text), max: 300, unit: 'characters' }
    case 'x':
      return { length: xLength(text), max: 280, unit: 'characters' }
    case 'chatter':
      return { length: text.length, max: 10_000, unit: 'characters' }
    case 'facebook':
      return { length: text.length, max: 63_206, unit: 'characters' }
    case 'wordpress':
      // wp_check_comment_data_max_lengths: comment_content up to 65525 bytes.
      return { length: new TextEncoder().encode(text).length, max: 65_525, unit: 'bytes' }
    case 'yammer':
    case 'rss':
      return { length: codePoints(text), unit: 'characters' }
  }
}

/** How far over the limit (0 when within it or when there is none). */
export const overBy = (m: PostLength): number => (m.max === undefined ? 0 : Math.max(0, m.length - m.max))
