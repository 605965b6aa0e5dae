// Chatter JSON → Item. HTML is built here from message segments, never taken from the network:
// every piece of text is escaped, links are http(s) only, markup is limited to an allowlist.
// (The renderer runs DOMPurify over it as well.)
import type { z } from 'zod'
import type { Attachment, Item } from '../../../preload/model'
import { NetworkFailure } from '../../core/errors'
import { summarizeIssues } from '../../core/http/client'
import { accountUserId, itemId } from '../types'
import { CommentSchema, FeedItemSchema, type Comment, type FeedItem, type MessageBody, type UserSummary } from './schemas'

export interface MappingContext {
  accountId: string
  /** The org's instance URL, base of record links (https://acme.my.salesforce.com). */
  instanceUrl: string
}

const ALLOWED_TAGS = new Set(['b', 'i', 'u', 's', 'p', 'ul', 'ol', 'li', 'code'])

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const isWebUrl = (url: string): boolean => {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' || u.protocol === 'http:'
  } catch {
    return false
  }
}

const recordUrl = (ctx: MappingContext, id: string) => `${ctx.instanceUrl.replace(/\/+$/, '')}/${encodeURIComponent(id)}`
const anchor = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`
const text = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>')

/** Message segments → safe HTML. Markup tags are balanced: stray ends are dropped, open ones closed. */
export function segmentsToHtml(body: MessageBody, ctx: MappingContext): string {
  const out: string[] = []
  const open: string[] = []
  for (const seg of body.messageSegments ?? []) {
    switch (seg.type) {
      case 'Text':
        out.push(text(seg.text ?? ''))
        break
      case 'Mention': {
        const m = seg as Extract<typeof seg, { type: 'Mention' }>
        const label = m.name ? `@${m.name}` : m.text
        out.push(m.record?.id ? anchor(recordUrl(ctx, m.record.id), label) : escapeHtml(label))
        break
      }
      case 'Link': {
        const l = seg as Extract<typeof seg, { type: 'Link' }>
        out.push(isWebUrl(l.url) ? anchor(l.url, l.text || l.url) : text(l.text))
        break
      }
      case 'EntityLink': {
        const e = seg as Extract<typeof seg, { type: 'EntityLink' }>
        out.push(e.reference?.id ? anchor(recordUrl(ctx, e.reference.id), e.text) : text(e.text))
        break
      }
      case 'MarkupBegin': {
        const tag = (seg as { htmlTag?: string | null }).htmlTag?.toLowerCase() ?? ''
        if (ALLOWED_TAGS.has(tag)) {
          open.push(tag)
          out.push(`<${tag}>`)
        }
        break
      }
      case 'MarkupEnd': {
        const tag = (seg as { htmlTag?: string | null }).htmlTag?.toLowerCase() ?? ''
        const at = open.lastIndexOf(tag)
        if (at >= 0) {
          // Close anything opened inside it too, so the result stays well nested.
          while (open.length > at) out.push(`</${open.pop()}>`)
        }
        break
      }
      default:
        out.push(text(seg.text ?? ''))
    }
  }
  while (open.length) out.push(`</${open.pop()}>`)
  return out.join('')
}

function author(u: UserSummary) {
  return {
    id: u.id,
    name: u.displayName || u.name || 'Unknown user',
    ...(u.photo?.smallPhotoUrl ? { avatarUrl: u.photo.smallPhotoUrl } : {}),
  }
}

function parseOrFail<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  const id =
    raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? ` ${(raw as { id: string }).id}` : ''
  throw new NetworkFailure('malformed', `Salesforce sent an unexpected ${what}${id}: ${summarizeIssues(parsed.error)}.`)
}

/** Parses one feed element. Returns null for element types we do not show (bundles, recommendations). */
export function parseFeedElement(raw: unknown): FeedItem | null {
  const type = raw && typeof raw === 'object' ? (raw as { feedElementType?: unknown }).feedElementType : undefined
  if (typeof type === 'string' && type !== 'FeedItem') return null
  return parseOrFail(FeedItemSchema, raw, 'feed item')
}

export function mapFeedItem(el: FeedItem, ctx: MappingContext): Item {
  const body = el.body ?? el.header ?? { text: '', messageSegments: [] }
  const caps = el.capabilities
  const attachments: Attachment[] = []
  for (const f of caps?.files?.items ?? []) {
    attachments.push({
      type: f.mimeType?.startsWith('image/') ? 'image' : 'file',
      url: recordUrl(ctx, f.id),
      ...(f.title ? { description: f.title } : {}),
    })
  }
  if (caps?.link && isWebUrl(caps.link.url)) {
    attachments.push({ type: 'link', url: caps.link.url, ...(caps.link.urlName ? { description: caps.link.urlName } : {}) })
  }
  const replies = caps?.comments?.page?.total
  const likes = caps?.chatterLikes?.page?.total
  const group = el.parent?.type === 'CollaborationGroup' ? { id: el.parent.id, name: el.parent.name ?? 'Group' } : undefined
  // A share without words of its own reads as what it shares.
  const shared = caps?.feedEntityShare?.feedEntity
  const ownText = body.text ?? el.header?.text ?? ''
  const text = shared && !body.text?.trim() ? `Shared ${shared.actor?.name ?? 'a post'}: ${shared.body?.text ?? ''}` : ownText
  return {
    id: itemId(ctx.accountId, el.id),
    accountId: ctx.accountId,
    network: 'chatter',
    side: 'internal',
    remoteId: el.id,
    url: recordUrl(ctx, el.id),
    author: author(el.actor),
    text,
    html: text === ownText ? segmentsToHtml(body, ctx) : `<p>${escapeHtml(text)}</p>`,
    createdAt: new Date(el.createdDate).toISOString(),
    ...(replies !== undefined || likes !== undefined ? { counts: { replies: replies ?? 0, likes: likes ?? 0 } } : {}),
    ...(attachments.length ? { attachments } : {}),
    ...(group ? { group } : {}),
    viewer: {
      mine: el.actor.id === accountUserId({ id: ctx.accountId }),
      ...(typeof caps?.chatterLikes?.isLikedByCurrentUser === 'boolean' ? { liked: caps.chatterLikes.isLikedByCurrentUser } : {}),
    },
  }
}

/** Raw feed element → Item, or null for element types we skip. Throws NetworkFailure('malformed'). */
export function mapFeedElement(raw: unknown, ctx: MappingContext): Item | null {
  const el = parseFeedElement(raw)
  return el ? mapFeedItem(el, ctx) : null
}

export function mapComment(raw: Comment | unknown, elementId: string, ctx: MappingContext): Item {
  const c = parseOrFail(CommentSchema, raw, 'comment')
  const root = itemId(ctx.accountId, elementId)
  return {
    id: itemId(ctx.accountId, c.id),
    accountId: ctx.accountId,
    network: 'chatter',
    side: 'internal',
    remoteId: c.id,
    url: recordUrl(ctx, elementId),
    author: author(c.user),
    text: c.body.text ?? '',
    html: segmentsToHtml(c.body, ctx),
    createdAt: new Date(c.createdDate).toISOString(),
    parentId: root,
    threadId: root,
    ...(c.likes ? { counts: { likes: c.likes.total } } : {}),
    viewer: { mine: c.user.id === accountUserId({ id: ctx.accountId }), liked: !!c.myLike },
  }
}
