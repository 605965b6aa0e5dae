// Feed entries → Items. One public "Feeds" account holds every feed, so an item's remote id
// carries its feed: "<feed URL> <entry id>" (a URL never contains a raw space).
import type { Account, Item } from '../../../preload/model'
import { itemId } from '../types'
import type { FeedEntry, ParsedFeed } from './parse'

export const entryRemoteId = (feedUrl: string, entryId: string): string => `${feedUrl} ${entryId}`

export function splitRemoteId(remoteId: string): { feedUrl: string; entryId: string } | undefined {
  const at = remoteId.indexOf(' ')
  if (at <= 0) return undefined
  return { feedUrl: remoteId.slice(0, at), entryId: remoteId.slice(at + 1) }
}

/** Follows thr:in-reply-to inside the feed to the first entry (the thread's root). */
export function rootOf(entry: FeedEntry, byId: Map<string, FeedEntry>): string {
  let current = entry
  const seen = new Set<string>()
  while (current.inReplyTo && !seen.has(current.id)) {
    seen.add(current.id)
    const parent = byId.get(current.inReplyTo)
    if (!parent) return current.inReplyTo
    current = parent
  }
  return current.id
}

export function entryToItem(account: Account, feedUrl: string, feed: ParsedFeed, entry: FeedEntry, fetchedAt: string): Item {
  const byId = new Map(feed.entries.map((e) => [e.id, e]))
  const authorName = entry.author?.name ?? feed.title
  const item: Item = {
    id: itemId(account.id, entryRemoteId(feedUrl, entry.id)),
    accountId: account.id,
    network: 'rss',
    side: 'external',
    remoteId: entryRemoteId(feedUrl, entry.id),
    author: {
      id: entry.author?.uri ?? `${feedUrl}#${authorName}`,
      name: authorName,
      handle: feed.title !== authorName ? feed.title : undefined,
      avatarUrl: entry.author?.avatar,
    },
    // A post reads "Title\ntext"; a comment's title ("Re: …") is noise and is left out.
    text:
      entry.title && !entry.inReplyTo && entry.text && !entry.text.startsWith(entry.title)
        ? `${entry.title}\n${entry.text}`
        : entry.text || entry.title || '',
    createdAt: entry.published ?? fetchedAt,
  }
  if (entry.url) item.url = entry.url
  if (entry.html)
    item.html = entry.title && !entry.inReplyTo ? `<p><strong>${escapeHtml(entry.title)}</strong></p>${entry.html}` : entry.html
  if (entry.replies !== undefined) item.counts = { replies: entry.replies }
  if (entry.image) item.attachments = [{ type: 'image', url: entry.image }]
  if (entry.inReplyTo) {
    item.parentId = itemId(account.id, entryRemoteId(feedUrl, entry.inReplyTo))
    item.threadId = itemId(account.id, entryRemoteId(feedUrl, rootOf(entry, byId)))
  }
  return item
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
