// A fake web site serving feeds the way real blogs do: an Atom feed with Atom Threading
// (comments answer posts with thr:in-reply-to), an RSS 2.0 feed with <ttl>, and a JSON Feed.
// Conditional GET: strong ETag + Last-Modified; If-None-Match / If-Modified-Since → 304.
import { createHash } from 'node:crypto'
import { createFaults, type Faults } from '../common/faults'
import { Router, startFakeServer, type FakeRequest, type FakeResponse, type RunningFake } from '../common/server'

export type FeedName = 'atom' | 'rss' | 'json'

export interface FeedEntryInput {
  feed?: FeedName
  title?: string
  text?: string
  author?: string
  /** Atom only: the id of the entry this one answers (thr:in-reply-to). */
  inReplyTo?: string
}

export interface StoredEntry {
  id: string
  feed: FeedName
  title: string
  text: string
  author: string
  published: number
  inReplyTo?: string
}

export interface FakeFeedsOptions {
  port?: number
  /** RSS <ttl> in minutes (omit: none). */
  ttlMinutes?: number
  autoPostEverySeconds?: number
  now?: () => number
}

export type FakeFeeds = RunningFake & {
  paths: Record<FeedName, string>
  addEntry(input?: FeedEntryInput): StoredEntry
  faults: Faults
  /** Requests per feed and how many were answered 304. */
  stats(): { requests: number; notModified: number }
}

const PATHS: Record<FeedName, string> = { atom: '/blog/atom.xml', rss: '/news/rss.xml', json: '/notes/feed.json' }
const SAMPLE = [
  'We shipped the new export screen today.',
  'How we run community office hours.',
  'Roadmap update for the spring release.',
  'A bug in the sync engine, and how we fixed it.',
]

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export async function startFakeFeeds(opts: FakeFeedsOptions = {}): Promise<FakeFeeds> {
  const now = opts.now ?? Date.now
  const entries: StoredEntry[] = []
  const changed: Record<FeedName, number> = { atom: now(), rss: now(), json: now() }
  const faults = createFaults()
  let requests = 0
  let notModified = 0
  let counter = 0
  let origin = ''

  function addEntry(input: FeedEntryInput = {}): StoredEntry {
    const feed = input.feed ?? 'atom'
    counter += 1
    const entry: StoredEntry = {
      id: feed === 'atom' ? `tag:blog.example,2025:entry-${counter}` : `${feed}-${counter}`,
      feed,
      title: input.title ?? (input.inReplyTo ? `Comment ${counter}` : `Post ${counter}`),
      text: input.text ?? SAMPLE[counter % SAMPLE.length]!,
      author: input.author ?? (input.inReplyTo ? 'Reader' : 'The Blog Team'),
      // Seconds resolution, like HTTP dates; later entries are always newer.
      published: Math.floor(now() / 1000) * 1000 + counter,
      inReplyTo: input.inReplyTo,
    }
    entries.push(entry)
    changed[feed] = Math.max(now(), changed[feed] + 1000)
    return entry
  }

  // Seed: a post with a comment thread, and items in the other feeds.
  const first = addEntry({ title: 'Welcome to the blog', text: 'Our first post: what this blog is for.' })
  const comment = addEntry({ inReplyTo: first.id, text: 'Great to see this!', author: 'Dana' })
  addEntry({ inReplyTo: comment.id, text: 'Thanks Dana, more soon.', author: 'The Blog Team' })
  addEntry({ feed: 'rss', title: 'Release notes 2.4', text: 'Faster sync and a new export screen.' })
  addEntry({ feed: 'json', title: 'Short note', text: 'Office hours moved to Thursday.' })

  const of = (feed: FeedName) => entries.filter((e) => e.feed === feed).sort((a, b) => b.published - a.published)

  function render(feed: FeedName): { body: string; type: string } {
    const list = of(feed)
    if (feed === 'atom') {
      const xml = list
        .map(
          (e) => `  <entry>
    <id>${esc(e.id)}</id>
    <title>${esc(e.title)}</title>
    <link rel="alternate" href="${origin}/blog/${encodeURIComponent(e.id)}"/>
    <published>${new Date(e.published).toISOString()}</published>
    <updated>${new Date(e.published).toISOString()}</updated>
    <author><name>${esc(e.author)}</name></author>
    <content type="html">${esc(`<p>${esc(e.text)}</p>`)}</content>${
      e.inReplyTo
        ? `\n    <thr:in-reply-to ref="${esc(e.inReplyTo)}" href="${origin}/blog/${encodeURIComponent(e.inReplyTo)}"/>`
        : ''
    }
    <thr:total>${entries.filter((r) => r.inReplyTo === e.id).length}</thr:total>
  </entry>`,
        )
        .join('\n')
      return {
        type: 'application/atom+xml; charset=utf-8',
        body: `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">
  <id>${origin}/blog/</id>
  <title>Example Blog</title>
  <link rel="alternate" href="${origin}/blog/"/>
  <link rel="self" href="${origin}${PATHS.atom}"/>
  <updated>${new Date(changed.atom).toISOString()}</updated>
${xml}
</feed>
`,
      }
    }
    if (feed === 'rss') {
      const items = list
        .map(
          (e) => `    <item>
      <title>${esc(e.title)}</title>
      <link>${origin}/news/${e.id}</link>
      <guid isPermaLink="false">${esc(e.id)}</guid>
      <pubDate>${new Date(e.published).toUTCString()}</pubDate>
      <dc:creator>${esc(e.author)}</dc:creator>
      <description>${esc(`<p>${esc(e.text)}</p>`)}</description>
    </item>`,
        )
        .join('\n')
      return {
        type: 'application/rss+xml; charset=utf-8',
        body: `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Example News</title>
    <link>${origin}/news/</link>
    <description>News from Example</description>${opts.ttlMinutes !== undefined ? `\n    <ttl>${opts.ttlMinutes}</ttl>` : ''}
${items}
  </channel>
</rss>
`,
      }
    }
    return {
      type: 'application/feed+json; charset=utf-8',
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Example Notes',
        home_page_url: `${origin}/notes/`,
        feed_url: `${origin}${PATHS.json}`,
        items: list.map((e) => ({
          id: e.id,
          url: `${origin}/notes/${e.id}`,
          title: e.title,
          content_html: `<p>${esc(e.text)}</p>`,
          date_published: new Date(e.published).toISOString(),
          authors: [{ name: e.author }],
        })),
      }),
    }
  }

  function serve(feed: FeedName) {
    return (req: FakeRequest): FakeResponse => {
      const { body, type } = render(feed)
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`
      const lastModified = new Date(Math.floor(changed[feed] / 1000) * 1000).toUTCString()
      const headers = { etag, 'last-modified': lastModified, 'cache-control': 'max-age=0' }
      // RFC 9110 §13.1.2: If-None-Match wins over If-Modified-Since when both are sent.
      const inm = req.headers['if-none-match']
      const ims = req.headers['if-modified-since']
      const unchanged =
        inm !== undefined
          ? inm.split(',').some((t) => t.trim() === etag)
          : ims !== undefined && !Number.isNaN(Date.parse(ims)) && Math.floor(changed[feed] / 1000) * 1000 <= Date.parse(ims)
      if (unchanged) {
        notModified += 1
        return { status: 304, headers }
      }
      return { status: 200, headers, text: body, contentType: type }
    }
  }

  const router = new Router()
  for (const feed of Object.keys(PATHS) as FeedName[]) router.on('GET', PATHS[feed], serve(feed))
  router.on('POST', '/__fake/entries', (req) => {
    const b = req.body
    const feed = b.feed === 'rss' || b.feed === 'json' ? b.feed : 'atom'
    return { status: 201, json: addEntry({ feed, title: str(b.title), text: str(b.text), inReplyTo: str(b.inReplyTo) }) }
  })

  const running = await startFakeServer(router, {
    port: opts.port,
    async before(req) {
      if (req.url.pathname.startsWith('/__fake/')) return undefined
      requests += 1
      const fault = await faults.apply((retryAfter) => ({
        status: 429,
        headers: (retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}) as Record<string, string>,
        text: 'Too Many Requests',
      }))
      // A broken feed is broken XML, not broken JSON.
      if (fault?.status === 200)
        return {
          status: 200,
          text: '<?xml version="1.0"?><rss><channel><item><title>cut off',
          contentType: 'application/rss+xml',
        }
      return fault
    },
  })
  origin = running.url

  let timer: NodeJS.Timeout | undefined
  if (opts.autoPostEverySeconds && opts.autoPostEverySeconds > 0) {
    timer = setInterval(() => {
      const parents = entries.filter((e) => e.feed === 'atom')
      const answer = counter % 3 === 0 && parents.length > 0 ? parents[parents.length - 1] : undefined
      addEntry(answer ? { inReplyTo: answer.id } : { feed: (['atom', 'rss', 'json'] as const)[counter % 3] })
    }, opts.autoPostEverySeconds * 1000)
    timer.unref()
  }

  return {
    ...running,
    paths: { ...PATHS },
    addEntry,
    faults,
    stats: () => ({ requests, notModified }),
    close: async () => {
      if (timer) clearInterval(timer)
      await running.close()
    },
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined)
