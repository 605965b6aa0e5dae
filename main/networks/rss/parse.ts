// One feed document (RSS 2.0, Atom 1.0, RDF or JSON Feed) → one normalized list of entries.
// feedsmith does the XML/JSON parsing (including Atom Threading, RFC 4685: thr:in-reply-to);
// our schemas check its output, so a surprising document is a clear error, not a crash.
import { parseFeed } from 'feedsmith'
import type { z } from 'zod'
import { NetworkFailure } from '../../core/errors'
import { summarizeIssues } from '../../core/http/client'
import { htmlToText } from '../html-text'
import { AtomFeedSchema, JsonFeedSchema, RssFeedSchema, type AtomEntry, type JsonFeedItem, type RssItem } from './schemas'

export { htmlToText }

export interface FeedEntry {
  id: string
  title?: string
  /** Entry HTML as the feed gave it (sanitized later, in the renderer). */
  html?: string
  text: string
  url?: string
  /** ISO-8601; undefined when the feed gave no usable date. */
  published?: string
  author?: { name: string; uri?: string; avatar?: string }
  /** Atom Threading: the id of the entry this one answers. */
  inReplyTo?: string
  replies?: number
  image?: string
}

export interface ParsedFeed {
  title: string
  link?: string
  /** RSS <ttl>: minutes the channel may be cached. */
  ttlMinutes?: number
  entries: FeedEntry[]
}

type Textish = string | { value?: string } | undefined
const textOf = (t: Textish): string | undefined => (typeof t === 'string' ? t : t?.value)

const isoOf = (raw: string | undefined): string | undefined => {
  if (!raw) return undefined
  const ms = Date.parse(raw)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

function check<S extends z.ZodType>(schema: S, value: unknown, feedUrl: string): z.output<S> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw new NetworkFailure('malformed', `The feed at ${feedUrl} has an unexpected shape: ${summarizeIssues(parsed.error)}.`)
  }
  return parsed.data
}

function fromAtom(e: AtomEntry): FeedEntry | undefined {
  const link = e.links?.find((l) => !l.rel || l.rel === 'alternate')?.href ?? e.links?.[0]?.href
  const id = e.id ?? link
  if (!id) return undefined
  const html = textOf(e.content) ?? textOf(e.summary)
  const author = e.authors?.[0]
  return {
    id,
    title: textOf(e.title),
    html,
    text: html ? htmlToText(html) : (textOf(e.title) ?? ''),
    url: link,
    published: isoOf(e.published) ?? isoOf(e.updated),
    author: author?.name ? { name: author.name, uri: author.uri } : undefined,
    inReplyTo: e.thr?.inReplyTos?.[0]?.ref,
    replies: e.thr?.total,
  }
}

/** RSS "author" is an e-mail address, often "a@b (Name)"; dc:creator is a name. */
function rssAuthor(item: RssItem): string | undefined {
  const first = item.authors?.[0]
  const raw = typeof first === 'string' ? first : first?.name
  const named = raw ? (/\(([^)]+)\)\s*$/.exec(raw)?.[1] ?? raw) : undefined
  return item.dc?.creator ?? item.dc?.creators?.[0] ?? named
}

function fromRss(item: RssItem): FeedEntry | undefined {
  const guid = typeof item.guid === 'string' ? item.guid : item.guid?.value
  const id = guid ?? item.link ?? item.title
  if (!id) return undefined
  const html = item.content?.encoded ?? item.description
  const name = rssAuthor(item)
  const image = item.enclosures?.find((e) => e.type?.startsWith('image/'))?.url
  return {
    id,
    title: item.title,
    html,
    text: html ? htmlToText(html) : (item.title ?? ''),
    url: item.link ?? (typeof item.guid === 'object' && /^https?:/.test(guid ?? '') ? guid : undefined),
    published: isoOf(item.pubDate) ?? isoOf(item.dc?.date),
    author: name ? { name } : undefined,
    inReplyTo: item.thr?.inReplyTos?.[0]?.ref,
    replies: item.slash?.comments,
    image,
  }
}

function fromJson(item: JsonFeedItem): FeedEntry | undefined {
  const id = item.id !== undefined ? String(item.id) : item.url
  if (!id) return undefined
  const html = item.content_html
  const author = item.authors?.[0]
  return {
    id,
    title: item.title,
    html,
    text: html ? htmlToText(html) : (item.content_text ?? item.summary ?? item.title ?? ''),
    url: item.url,
    published: isoOf(item.date_published) ?? isoOf(item.date_modified),
    author: author?.name ? { name: author.name, uri: author.url, avatar: author.avatar } : undefined,
    image: item.image,
  }
}

const defined = <T>(x: T | undefined): x is T => x !== undefined

export function parseFeedDocument(body: string, feedUrl: string): ParsedFeed {
  let result: ReturnType<typeof parseFeed>
  try {
    result = parseFeed(body)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new NetworkFailure('malformed', `${feedUrl} is not an RSS, Atom or JSON feed (${why}).`)
  }
  switch (result.format) {
    case 'atom': {
      const feed = check(AtomFeedSchema, result.feed, feedUrl)
      return {
        title: textOf(feed.title) ?? feedUrl,
        link: feed.links?.find((l) => !l.rel || l.rel === 'alternate')?.href,
        entries: (feed.entries ?? []).map(fromAtom).filter(defined),
      }
    }
    case 'rss':
    case 'rdf': {
      const feed = check(RssFeedSchema, result.feed, feedUrl)
      return {
        title: feed.title ?? feedUrl,
        link: feed.link,
        ttlMinutes: feed.ttl,
        entries: (feed.items ?? []).map(fromRss).filter(defined),
      }
    }
    case 'json': {
      const feed = check(JsonFeedSchema, result.feed, feedUrl)
      return { title: feed.title ?? feedUrl, link: feed.home_page_url, entries: (feed.items ?? []).map(fromJson).filter(defined) }
    }
    default:
      throw new NetworkFailure('malformed', `${feedUrl} is a feed format Crosstalk does not read.`)
  }
}
