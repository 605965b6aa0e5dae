// Page posts and comments → Items. A post's remote id is its Graph id ("<page>_<post>"); a
// comment's carries its post too ("<page>_<post>~<comment id>"), so a thread can be read from it.
import type { Account, Attachment, Item } from '../../../preload/model'
import { accountUserId, itemId } from '../types'
import type { Comment, Post, StoryAttachmentPart } from './schemas'

/** Graph times look like "2025-03-01T10:00:00+0000". */
export const graphTime = (t: string) => {
  const ms = Date.parse(t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
  return Number.isNaN(ms) ? new Date(0).toISOString() : new Date(ms).toISOString()
}
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>')

export function postToItem(account: Account, p: Post): Item {
  const text = p.message ?? p.story ?? ''
  const item: Item = {
    id: itemId(account.id, p.id),
    accountId: account.id,
    network: 'facebook',
    side: 'external',
    remoteId: p.id,
    url: p.permalink_url,
    author: { id: p.from?.id ?? 'unknown', name: p.from?.name ?? 'Facebook user' },
    text,
    html: `<p>${escapeHtml(text)}</p>`,
    createdAt: graphTime(p.created_time),
    threadId: itemId(account.id, p.id),
    viewer: { mine: p.from?.id === accountUserId(account) },
    counts: {
      replies: p.comments?.summary.total_count ?? 0,
      likes: p.reactions?.summary.total_count ?? 0,
      reposts: p.shares?.count ?? 0,
    },
  }
  const pictures = postPictures(p)
  if (pictures.length) item.attachments = pictures
  return item
}

/** A post's photos: each of an album's (subattachments), else the one photo; full_picture when Graph gave no attachments. */
function postPictures(p: Post): Attachment[] {
  const out: Attachment[] = []
  for (const a of p.attachments?.data ?? []) {
    const parts = a.subattachments?.data.length ? a.subattachments.data : [a]
    for (const part of parts) {
      const picture = pictureOf(part)
      if (picture) out.push(picture)
    }
  }
  if (out.length === 0 && p.full_picture) out.push({ type: 'image', url: p.full_picture })
  return out
}

/** A photo, sticker or GIF shows its picture; a video its preview; a shared link is a link. */
function pictureOf(a: StoryAttachmentPart): Attachment | undefined {
  const src = a.media?.image?.src
  const kind = a.media_type ?? a.type ?? ''
  if (src && kind.startsWith('video')) return a.url ? { type: 'video', url: a.url, previewUrl: src } : { type: 'image', url: src }
  if (src) return { type: 'image', url: src }
  if (a.url && (kind === 'share' || kind === 'link')) return { type: 'link', url: a.url }
  return undefined
}

export const commentRef = (postId: string, commentId: string) => `${postId}~${commentId}`

export function splitRef(remoteId: string): { postId: string; commentId?: string } {
  const [postId, commentId] = remoteId.split('~')
  return { postId: postId!, commentId }
}

export function commentToItem(account: Account, c: Comment, postId: string): Item {
  const item: Item = {
    id: itemId(account.id, commentRef(postId, c.id)),
    accountId: account.id,
    network: 'facebook',
    side: 'external',
    remoteId: commentRef(postId, c.id),
    url: c.permalink_url,
    author: { id: c.from?.id ?? 'unknown', name: c.from?.name ?? 'Facebook user' },
    text: c.message,
    html: `<p>${escapeHtml(c.message)}</p>`,
    createdAt: graphTime(c.created_time),
    parentId: itemId(account.id, c.parent ? commentRef(postId, c.parent.id) : postId),
    threadId: itemId(account.id, postId),
    counts: { replies: c.comment_count ?? 0, likes: c.like_count ?? 0 },
    // Every comment here is on one of the Page's posts: the Page may hide any but its own.
    viewer: { mine: c.from?.id === accountUserId(account), canModerate: c.from?.id !== accountUserId(account) },
  }
  if (c.is_hidden) item.moderation = 'hidden'
  const picture = c.attachment ? pictureOf(c.attachment) : undefined
  if (picture) item.attachments = [picture]
  return item
}
