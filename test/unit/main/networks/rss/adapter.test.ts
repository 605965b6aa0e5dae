// The RSS adapter against the fake feeds site on loopback: columns fill, a second poll is a 304
// that costs nothing, <ttl> slows the column, Atom threads, bad addresses and faults.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Account, ColumnSpec } from '../../../../../preload/model'
import { NetworkFailure, UserError } from '../../../../../main/core/errors'
import { createHttp } from '../../../../../main/core/http/client'
import { rssNetwork } from '../../../../../main/networks/rss'
import type { NetworkAdapter } from '../../../../../main/networks/types'
import { startFakeFeeds, type FakeFeeds } from '../../../../fakes/feeds/server'

let feeds: FakeFeeds
let adapter: NetworkAdapter
let account: Account

const column = (path: string): ColumnSpec => ({
  id: `c-${path}`,
  accountId: account.id,
  kind: 'feed',
  target: `${feeds.url}${path}`,
  title: 'f',
})

beforeEach(async () => {
  feeds = await startFakeFeeds({ ttlMinutes: 30 })
  const http = createHttp()
  const signedIn = await rssNetwork.signIn(
    { http, beginAuthorization: () => Promise.reject(new Error('no browser')) },
    { network: 'rss', anonymous: true },
  )
  account = signedIn.account
  expect(signedIn.credentials).toEqual({})
  adapter = rssNetwork.createAdapter({
    account,
    http,
    credentials: { get: async () => ({}), set: async () => Promise.reject(new Error('no credentials')) },
  })
})
afterEach(() => feeds.close())

describe('RSS adapter', () => {
  it('is a public source: one anonymous Feeds account, feed columns only, no writes', () => {
    expect(account).toMatchObject({ id: 'rss:feeds', network: 'rss', anonymous: true })
    expect(rssNetwork.info.access).toBe('public')
    expect(Object.values(adapter.capabilities).every((v) => v === false)).toBe(true)
  })

  it('fills an Atom column newest first, then answers the next poll with a 304 and no items', async () => {
    const col = column(feeds.paths.atom)
    const first = await adapter.fetchPage(col, undefined, 'newer')
    expect(first.items.map((i) => i.text)).toEqual([
      'Thanks Dana, more soon.',
      'Great to see this!',
      'Welcome to the blog\nOur first post: what this blog is for.',
    ])
    expect(first.hasMore).toBe(false)
    expect(JSON.parse(first.cursor.newer!)).toMatchObject({ etag: expect.stringMatching(/^"/), lastModified: expect.any(String) })
    const again = await adapter.fetchPage(col, first.cursor, 'newer')
    expect(again.items).toEqual([])
    expect(again.cursor).toEqual(first.cursor)
    expect(feeds.stats().notModified).toBe(1)

    feeds.addEntry({ title: 'Second post', text: 'Something new' })
    const changed = await adapter.fetchPage(col, again.cursor, 'newer')
    expect(changed.items[0]!.text).toBe('Second post\nSomething new')
    expect(changed.cursor.newer).not.toBe(first.cursor.newer)
  })

  it('links Atom comments to their parent and thread root, and reads the thread in order', async () => {
    const page = await adapter.fetchPage(column(feeds.paths.atom), undefined, 'newer')
    const post = page.items.find((i) => i.text.startsWith('Welcome'))!
    const reply = page.items.find((i) => i.text === 'Great to see this!')!
    const nested = page.items.find((i) => i.text === 'Thanks Dana, more soon.')!
    expect(reply.parentId).toBe(post.id)
    expect(nested.parentId).toBe(reply.id)
    expect(nested.threadId).toBe(post.id)
    expect(post.counts).toEqual({ replies: 1 })

    const thread = await adapter.fetchThread(nested.remoteId)
    expect(thread.rootId).toBe(post.id)
    expect(thread.items.map((i) => i.id)).toEqual([post.id, reply.id, nested.id])
  })

  it('reads RSS with its <ttl> as the column’s minimum interval, and JSON Feed', async () => {
    const rss = await adapter.fetchPage(column(feeds.paths.rss), undefined, 'newer')
    expect(rss.minIntervalMs).toBe(30 * 60_000)
    expect(rss.items[0]).toMatchObject({ author: { name: 'The Blog Team' }, network: 'rss', side: 'external' })
    const json = await adapter.fetchPage(column(feeds.paths.json), undefined, 'newer')
    expect(json.items[0]!.text).toContain('Office hours moved to Thursday.')
  })

  it('older pages: feeds have none', async () => {
    const older = await adapter.fetchPage(column(feeds.paths.atom), { older: 'x' }, 'older')
    expect(older).toEqual({ items: [], cursor: { older: 'x' }, hasMore: false })
  })

  it('refuses addresses that are not http(s) feeds before any request', () => {
    expect(rssNetwork.normalizeTarget!('feed', ' https://blog.example/feed#top ')).toBe('https://blog.example/feed')
    expect(() => rssNetwork.normalizeTarget!('feed', 'file:///etc/passwd')).toThrow(UserError)
    expect(() => rssNetwork.normalizeTarget!('feed', 'not a url')).toThrow(/not a feed address/)
    expect(feeds.stats().requests).toBe(0)
  })

  it('a 429 with Retry-After is rate-limited with its time; broken XML is malformed; a 404 is permanent', async () => {
    const col = column(feeds.paths.atom)
    feeds.faults.set({ kind: 'rate-limit', count: 1, retryAfterSeconds: 120 })
    const limited = await adapter.fetchPage(col, undefined, 'newer').catch((e: unknown) => e)
    expect(limited).toBeInstanceOf(NetworkFailure)
    expect(limited).toMatchObject({ kind: 'rate-limited' })
    expect((limited as NetworkFailure).details.retryAt).toBeGreaterThan(Date.now() + 100_000)

    feeds.faults.set({ kind: 'malformed', count: 1 })
    await expect(adapter.fetchPage(col, undefined, 'newer')).rejects.toMatchObject({ kind: 'malformed' })

    await expect(adapter.fetchPage(column('/missing.xml'), undefined, 'newer')).rejects.toMatchObject({ kind: 'permanent' })
    // And the feed still reads afterwards.
    expect((await adapter.fetchPage(col, undefined, 'newer')).items.length).toBe(3)
  })
})
