// WordPress comments and posts → Items. Remote ids say which: "comment:12", "post:7".
import type { Account, Item } from '../../../preload/model'
import { htmlToText } from '../html-text'
import { accountUserId, itemId } from '../types'
import type { Comment, Post } from './schemas'

export const commentRef = (id: number) => `comment:${id}`
export const postRef = (id: number) => `post:${id}`

export function parseRef(remoteId: string): { type: 'comment' | 'post'; id: number } | undefined {
  const m = /^(comment|post):(\d+)$/.exec(remoteId)
  return m ? { type: m[1] as 'comment' | 'post', id: Number(m[2]) } : undefined
}

/** date_gmt has no zone ("2025-03-01T10:00:00"); it is UTC. */
export const gmt = (date: string) => new Date(/[zZ]|[+-]\d\d:\d\d$/.test(date) ? date : `${date}Z`).toISOString()

const MODERATION: Record<string, Item['moderation']> = { approved: 'approved', hold: 'hold', spam: 'spam', trash: 'hidden' }

const biggestAvatar = (urls: Record<string, string> | undefined) =>
  urls ? urls[Object.keys(urls).sort((a, b) => Number(b) - Number(a))[0] ?? ''] : undefined

export function commentToItem(account: Account, c: Comment): Item {
  const item: Item = {
    id: itemId(account.id, commentRef(c.id)),
    accountId: account.id,
    network: 'wordpress',
    side: 'external',
    remoteId: commentRef(c.id),
    url: c.link,
    author: {
      id: c.author ? `user:${c.author}` : `guest:${c.author_name}`,
      name: c.author_name || 'Anonymous',
      avatarUrl: biggestAvatar(c.author_avatar_urls),
    },
    text: htmlToText(c.content.rendered),
    html: c.content.rendered,
    createdAt: gmt(c.date_gmt),
    parentId: itemId(account.id, c.parent ? commentRef(c.parent) : postRef(c.post)),
    threadId: itemId(account.id, postRef(c.post)),
    viewer: { mine: String(c.author) === accountUserId(account) },
  }
  const moderation = MODERATION[c.status]
  if (moderation) item.moderation = moderation
  return item
}

export function postToItem(account: Account, p: Post): Item {
  const author = p._embedded?.author?.[0]
  const title = htmlToText(p.title.rendered)
  const excerpt = htmlToText(p.excerpt?.rendered ?? '')
  const item: Item = {
    id: itemId(account.id, postRef(p.id)),
    accountId: account.id,
    network: 'wordpress',
    side: 'external',
    remoteId: postRef(p.id),
    url: p.link,
    author: { id: `user:${p.author}`, name: author?.name ?? 'Author', avatarUrl: biggestAvatar(author?.avatar_urls) },
    viewer: { mine: String(p.author) === accountUserId(account) },
    text: excerpt ? `${title}\n${excerpt}` : title,
    html: `<h3>${p.title.rendered}</h3>${p.content?.rendered ?? p.excerpt?.rendered ?? ''}`,
    createdAt: gmt(p.date_gmt),
    threadId: itemId(account.id, postRef(p.id)),
  }
  const replies = p._embedded?.replies?.[0]
  if (replies) item.counts = { replies: replies.length }
  return item
}
