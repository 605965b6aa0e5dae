// Bluesky posts → Items. Facets index the text by UTF-8 byte offsets (not UTF-16 code units),
// so the HTML is built on the encoded bytes. A reply in a thread the account started may be hidden
// by it (threadgate.ts); whether it is, is known where its root's gate is.
import type { Account, Attachment, Item } from '../../../preload/model'
import { itemId } from '../types'
import type { Facet, FeedViewPost, PostView } from './schemas'
import { startedBy, type ThreadGates } from './threadgate'

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '<br>')

/** The post text as HTML: mentions → profile links, links, hashtags → search links. */
export function facetsToHtml(text: string, facets: readonly Facet[] | undefined): string {
  const bytes = new TextEncoder().encode(text)
  const decode = (from: number, to: number) => new TextDecoder().decode(bytes.slice(from, to))
  const sorted = [...(facets ?? [])]
    .filter((f) => f.index.byteEnd > f.index.byteStart && f.index.byteEnd <= bytes.length)
    .sort((a, b) => a.index.byteStart - b.index.byteStart)
  let html = ''
  let at = 0
  for (const facet of sorted) {
    if (facet.index.byteStart < at) continue // overlapping facets: keep the first
    html += escapeHtml(decode(at, facet.index.byteStart))
    const label = escapeHtml(decode(facet.index.byteStart, facet.index.byteEnd))
    const feature = facet.features[0] as { $type: string; did?: string; uri?: string; tag?: string } | undefined
    if (feature?.$type === 'app.bsky.richtext.facet#mention' && feature.did)
      html += `<a href="https://bsky.app/profile/${encodeURIComponent(feature.did)}">${label}</a>`
    else if (feature?.$type === 'app.bsky.richtext.facet#link' && feature.uri && /^https?:\/\//i.test(feature.uri))
      html += `<a href="${escapeHtml(feature.uri)}">${label}</a>`
    else if (feature?.$type === 'app.bsky.richtext.facet#tag' && feature.tag)
      html += `<a href="https://bsky.app/hashtag/${encodeURIComponent(feature.tag)}">${label}</a>`
    else html += label
    at = facet.index.byteEnd
  }
  return `<p>${html}${escapeHtml(decode(at, bytes.length))}</p>`
}

/** at://did/app.bsky.feed.post/rkey → https://bsky.app/profile/<handle>/post/<rkey> */
export function postUrl(uri: string, handle: string): string | undefined {
  const m = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/.exec(uri)
  return m ? `https://bsky.app/profile/${handle}/post/${m[2]}` : undefined
}

function attachmentsOf(post: PostView): Attachment[] {
  const embed = post.embed
  if (!embed) return []
  const images = embed.images ?? embed.media?.images ?? []
  const out: Attachment[] = images.map((i) => ({
    type: 'image',
    url: i.fullsize,
    previewUrl: i.thumb,
    description: i.alt || undefined,
  }))
  if (embed.external)
    out.push({ type: 'link', url: embed.external.uri, previewUrl: embed.external.thumb, description: embed.external.title })
  if (embed.playlist) out.push({ type: 'video', url: embed.playlist, previewUrl: embed.thumbnail, description: embed.alt })
  return out
}

export function postToItem(
  account: Account,
  post: PostView,
  repostedBy?: { name: string; handle?: string },
  gates?: ThreadGates,
): Item {
  const item: Item = {
    id: itemId(account.id, post.uri),
    accountId: account.id,
    network: 'bluesky',
    side: 'external',
    remoteId: post.uri,
    author: {
      id: post.author.did,
      name: post.author.displayName || post.author.handle,
      handle: `@${post.author.handle}`,
      avatarUrl: post.author.avatar,
    },
    text: post.record.text,
    html: facetsToHtml(post.record.text, post.record.facets),
    createdAt: post.record.createdAt,
    counts: { replies: post.replyCount ?? 0, likes: post.likeCount ?? 0, reposts: post.repostCount ?? 0 },
  }
  const url = postUrl(post.uri, post.author.handle)
  if (url) item.url = url
  const attachments = attachmentsOf(post)
  if (attachments.length > 0) item.attachments = attachments
  const mine = `bluesky:${post.author.did}` === account.id
  item.viewer = { mine }
  if (post.record.reply) {
    const root = post.record.reply.root.uri
    item.parentId = itemId(account.id, post.record.reply.parent.uri)
    item.threadId = itemId(account.id, root)
    // Only the author of the thread's root post can hide a reply in it (with the threadgate).
    if (!mine && startedBy(account, root)) item.viewer.canModerate = true
    if (gates?.get(root)?.has(post.uri)) item.moderation = 'hidden'
  }
  if (repostedBy) item.repostedBy = repostedBy
  if (post.viewer) Object.assign(item.viewer, { liked: !!post.viewer.like, reposted: !!post.viewer.repost })
  // A bad createdAt (clients write what they like) falls back to when the AppView saw it.
  if (Number.isNaN(Date.parse(item.createdAt))) item.createdAt = post.indexedAt
  return item
}

export function feedViewPostToItem(account: Account, entry: FeedViewPost, gates?: ThreadGates): Item {
  const by = entry.reason?.$type === 'app.bsky.feed.defs#reasonRepost' ? entry.reason.by : undefined
  return postToItem(account, entry.post, by ? { name: by.displayName || by.handle, handle: `@${by.handle}` } : undefined, gates)
}

/** A thread node that cannot be shown still takes its place in the conversation. */
export function placeholderItem(account: Account, uri: string, why: 'not-found' | 'blocked', near: string): Item {
  return {
    id: itemId(account.id, uri),
    accountId: account.id,
    network: 'bluesky',
    side: 'external',
    remoteId: uri,
    author: { id: uri, name: why === 'blocked' ? 'Blocked post' : 'Post not found' },
    text:
      why === 'blocked'
        ? 'This post is from an account that blocks, or is blocked by, this account.'
        : 'This post was deleted or cannot be found.',
    createdAt: near,
  }
}
