// X tweets → Items. Entities index the text by Unicode code points; authors, retweeted originals
// and media come from `includes`. The t.co link X appends for attached media is left out of the
// text: the media show as attachments instead.
import type { Account, Attachment, Item } from '../../../preload/model'
import { accountUserId, itemId } from '../types'
import type { Includes, Tweet } from './schemas'

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '<br>')

/** The media links' spans (one t.co link can stand for several files): dropped from text and HTML. */
const mediaLinks = (t: Tweet) => (t.entities?.urls ?? []).filter((u) => u.media_key !== undefined)

/** Removes the media links (and the space before each) from the text; offsets count code points. */
export function tweetText(t: Tweet): string {
  const chars = [...t.text]
  const drop = new Set<number>()
  for (const u of mediaLinks(t)) {
    if (u.start < 0 || u.end > chars.length || u.start >= u.end) continue
    for (let i = u.start; i < u.end; i++) drop.add(i)
    if (u.start > 0 && chars[u.start - 1] === ' ') drop.add(u.start - 1)
  }
  return drop.size ? chars.filter((_, i) => !drop.has(i)).join('') : t.text
}

/** Tweet text as HTML with links, @mentions and #hashtags; offsets count code points, not UTF-16 units. */
export function tweetHtml(t: Tweet): string {
  const chars = [...t.text]
  const spans: { start: number; end: number; href: string; label?: string; drop?: boolean }[] = [
    ...(t.entities?.urls ?? []).map((u) => ({
      start: u.start,
      end: u.end,
      href: u.expanded_url ?? u.url,
      label: u.display_url,
      drop: u.media_key !== undefined,
    })),
    ...(t.entities?.mentions ?? []).map((m) => ({ start: m.start, end: m.end, href: `https://x.com/${m.username}` })),
    ...(t.entities?.hashtags ?? []).map((h) => ({
      start: h.start,
      end: h.end,
      href: `https://x.com/hashtag/${encodeURIComponent(h.tag)}`,
    })),
  ].sort((a, b) => a.start - b.start)
  let html = ''
  let at = 0
  for (const s of spans) {
    if (s.start < at || s.end > chars.length) continue
    const before = chars.slice(at, s.start).join('')
    if (s.drop) {
      html += escapeHtml(before.endsWith(' ') ? before.slice(0, -1) : before)
      at = s.end
      continue
    }
    html += escapeHtml(before)
    html += /^https?:\/\//.test(s.href)
      ? `<a href="${escapeHtml(s.href)}">${escapeHtml(s.label ?? chars.slice(s.start, s.end).join(''))}</a>`
      : escapeHtml(chars.slice(s.start, s.end).join(''))
    at = s.end
  }
  return `<p>${html}${escapeHtml(chars.slice(at).join(''))}</p>`
}

export function tweetToItem(account: Account, tweet: Tweet, includes: Includes): Item {
  const users = new Map((includes?.users ?? []).map((u) => [u.id, u]))
  const retweeted = tweet.referenced_tweets?.find((r) => r.type === 'retweeted')
  const original = retweeted ? includes?.tweets?.find((t) => t.id === retweeted.id) : undefined
  const shown = original ?? tweet
  const author = users.get(shown.author_id ?? '')
  const item: Item = {
    id: itemId(account.id, shown.id),
    accountId: account.id,
    network: 'x',
    side: 'external',
    remoteId: shown.id,
    author: {
      id: shown.author_id ?? 'unknown',
      name: author?.name ?? 'Unknown',
      handle: author ? `@${author.username}` : undefined,
      avatarUrl: author?.profile_image_url,
    },
    text: tweetText(shown),
    html: tweetHtml(shown),
    createdAt: shown.created_at ?? new Date(0).toISOString(),
    url: `https://x.com/${author?.username ?? 'i/web'}/status/${shown.id}`,
    viewer: { mine: shown.author_id === accountUserId(account) },
  }
  if (shown.public_metrics)
    item.counts = {
      replies: shown.public_metrics.reply_count,
      likes: shown.public_metrics.like_count,
      reposts: shown.public_metrics.retweet_count,
    }
  const parent = shown.referenced_tweets?.find((r) => r.type === 'replied_to')
  if (parent) {
    item.parentId = itemId(account.id, parent.id)
    item.hiddenUnread = true // X reads never carry a reply's hidden state
    // X lets the person who started a conversation hide replies in it.
    const root = includes?.tweets?.find((t) => t.id === shown.conversation_id)
    const me = accountUserId(account)
    const startedByMe = root?.author_id === me || (parent.id === shown.conversation_id && shown.in_reply_to_user_id === me)
    if (startedByMe && shown.author_id !== me) item.viewer = { ...item.viewer, canModerate: true }
  }
  if (shown.conversation_id) item.threadId = itemId(account.id, shown.conversation_id)
  if (original) {
    const by = users.get(tweet.author_id ?? '')
    item.repostedBy = { name: by?.name ?? 'Someone', handle: by ? `@${by.username}` : undefined }
  }
  const media = new Map((includes?.media ?? []).map((m) => [m.media_key, m]))
  const attachments: Attachment[] = (shown.attachments?.media_keys ?? []).flatMap((k): Attachment[] => {
    const m = media.get(k)
    if (!m) return []
    if (m.type === 'photo') return m.url ? [{ type: 'image', url: m.url, description: m.alt_text }] : []
    // Videos and GIFs: the best mp4 to play, the still as preview.
    const mp4 = (m.variants ?? [])
      .filter((v) => v.content_type === 'video/mp4')
      .sort((a, b) => (b.bit_rate ?? 0) - (a.bit_rate ?? 0))[0]?.url
    const url = mp4 ?? m.url ?? m.preview_image_url
    return url ? [{ type: 'video', url, previewUrl: m.preview_image_url, description: m.alt_text }] : []
  })
  if (attachments.length > 0) item.attachments = attachments
  return item
}
