// Mastodon Status JSON → the one Item type.
import type { Account, Attachment, Item } from '../../../preload/model'
import { accountUserId, itemId } from '../types'
import type { MastodonAccount, MastodonMediaAttachment, MastodonStatus } from './schemas'

/**
 * One status as an Item. A boost keeps its own id (it is a distinct entry in the timeline) but
 * shows the boosted status: its author, content and counts; `repostedBy` names the booster and
 * `threadId` points at the original, which is where its conversation lives.
 */
export function statusToItem(account: Account, status: MastodonStatus): Item {
  const shown = status.reblog ?? status
  const html = shown.content
  const item: Item = {
    id: itemId(account.id, status.id),
    accountId: account.id,
    network: 'mastodon',
    side: 'external',
    remoteId: status.id,
    url: shown.url ?? shown.uri,
    author: author(shown.account),
    text: htmlToText(html),
    html,
    createdAt: shown.created_at,
    counts: { replies: shown.replies_count, likes: shown.favourites_count, reposts: shown.reblogs_count },
  }
  item.viewer = { mine: status.account.id === accountUserId(account) }
  if (typeof shown.favourited === 'boolean') item.viewer.liked = shown.favourited
  if (typeof shown.reblogged === 'boolean') item.viewer.reposted = shown.reblogged
  if (shown.in_reply_to_id) item.parentId = itemId(account.id, shown.in_reply_to_id)
  if (status.reblog) {
    item.threadId = itemId(account.id, status.reblog.id)
    item.repostedBy = { name: displayName(status.account), handle: `@${status.account.acct}` }
  }
  if (shown.spoiler_text.trim() !== '') item.warning = shown.spoiler_text
  const attachments = shown.media_attachments.map(attachment).filter((a): a is Attachment => a !== undefined)
  if (attachments.length > 0) item.attachments = attachments
  return item
}

function author(a: MastodonAccount): Item['author'] {
  return { id: a.id, name: displayName(a), handle: `@${a.acct}`, ...(a.avatar ? { avatarUrl: a.avatar } : {}) }
}

const displayName = (a: MastodonAccount) => (a.display_name.trim() !== '' ? a.display_name : a.username)

const ATTACHMENT_TYPES = { image: 'image', gifv: 'image', video: 'video', audio: 'audio', unknown: 'file' } as const

function attachment(m: MastodonMediaAttachment): Attachment | undefined {
  const url = m.url ?? m.remote_url
  if (!url) return undefined // still processing: nothing to show yet
  return {
    type: ATTACHMENT_TYPES[m.type],
    url,
    ...(m.preview_url ? { previewUrl: m.preview_url } : {}),
    ...(m.description ? { description: m.description } : {}),
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

/** Plain text from status HTML: paragraphs become blank lines, <br> a newline, tags go, entities are decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+|#39);/gi, (whole, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10)
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
      }
      return NAMED_ENTITIES[e.toLowerCase()] ?? whole
    })
    .trim()
}
