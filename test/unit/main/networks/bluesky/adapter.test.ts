// The Bluesky network against the fake PDS + AppView on loopback, through @atproto/api: app
// password sign-in, columns, paging both ways, threads with blocked and deleted posts, session
// refresh back into the keychain, rate limits, malformed answers, public search.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Account, ColumnSpec } from '../../../../../preload/model'
import { UserError } from '../../../../../main/core/errors'
import { createHttp } from '../../../../../main/core/http/client'
import { createBlueskyNetwork } from '../../../../../main/networks/bluesky'
import type { Credentials, NetworkAdapter } from '../../../../../main/networks/types'
import { APP_PASSWORD, startFakeBluesky, type FakeBluesky } from '../../../../fakes/bluesky/server'

let fake: FakeBluesky
let account: Account
let stored: Credentials
const http = createHttp()
const noBrowser = () => Promise.reject(new Error('app-password sign-in opens no browser'))

beforeEach(async () => {
  fake = await startFakeBluesky()
  const network = createBlueskyNetwork()
  const result = await network.signIn(
    { http, beginAuthorization: noBrowser },
    { network: 'bluesky', server: fake.url, identifier: 'alice.test', password: APP_PASSWORD },
  )
  account = result.account
  stored = result.credentials
})
afterEach(() => fake.close())

const adapter = (): NetworkAdapter =>
  createBlueskyNetwork().createAdapter({
    account,
    http,
    credentials: {
      get: async () => stored,
      set: async (c) => {
        stored = c
      },
    },
  })
const col = (kind: ColumnSpec['kind'], target?: string): ColumnSpec => ({
  id: kind,
  accountId: account.id,
  kind,
  target,
  title: kind,
})

describe('Bluesky sign-in', () => {
  it('creates a session with an app password; the account carries no token', () => {
    expect(account).toMatchObject({
      network: 'bluesky',
      side: 'external',
      handle: '@alice.test',
      displayName: 'Alice Community',
      server: fake.url,
    })
    expect(account.id).toMatch(/^bluesky:did:plc:[a-z2-7]{24}$/)
    expect(JSON.stringify(account)).not.toContain(stored.accessJwt!)
    expect(Object.keys(stored).sort()).toEqual(['accessJwt', 'did', 'handle', 'refreshJwt'])
  })

  it('refuses a wrong password, and an account password before sending it anywhere', async () => {
    const network = createBlueskyNetwork()
    const ctx = { http, beginAuthorization: noBrowser }
    await expect(
      network.signIn(ctx, { network: 'bluesky', server: fake.url, identifier: 'alice.test', password: 'zzzz-zzzz-zzzz-zzzz' }),
    ).rejects.toMatchObject({
      code: 'sign-in-refused',
    })
    const before = fake.sessions().created
    await expect(
      network.signIn(ctx, { network: 'bluesky', server: fake.url, identifier: 'alice.test', password: 'hunter2' }),
    ).rejects.toMatchObject({
      code: 'not-an-app-password',
    })
    expect(fake.sessions().created).toBe(before)
  })

  it('signs out by deleting the session at the PDS', async () => {
    await createBlueskyNetwork().signOut({ http, account, credentials: stored })
    expect(fake.sessions().deleted).toBe(1)
    await expect(adapter().fetchPage(col('home'), undefined, 'newer')).rejects.toMatchObject({ kind: 'auth' })
  })
})

describe('Bluesky columns', () => {
  it('fills the timeline with mapped posts: facets as links by UTF-8 byte ranges, counts, bsky.app URLs', async () => {
    const page = await adapter().fetchPage(col('home'), undefined, 'newer')
    const thanks = page.items.find((i) => i.text.startsWith('Thanks'))!
    expect(thanks.html).toBe(
      `<p>Thanks <a href="https://bsky.app/profile/${encodeURIComponent(fake.world.bob.did)}">@bob.test</a>, happy to be here 🎉</p>`,
    )
    const welcome = page.items.find((i) => i.text.startsWith('Welcome'))!
    expect(welcome.html).toContain('<a href="https://bsky.app/hashtag/community">#community</a>')
    expect(welcome.html).toContain('<a href="https://example.com/start">https://example.com/start</a>')
    expect(welcome.counts).toEqual({ replies: 2, likes: 0, reposts: 0 })
    expect(welcome.url).toMatch(/^https:\/\/bsky\.app\/profile\/bob\.test\/post\/[a-z2-7]{13}$/)
    expect(thanks.parentId).toBe(welcome.id)
    expect(thanks.threadId).toBe(welcome.id)
  })

  it('notifications: mentions and replies, hydrated into posts', async () => {
    const page = await adapter().fetchPage(col('mentions'), undefined, 'newer')
    expect(page.items.map((i) => i.text)).toEqual([
      '@alice.test could you look at the export bug? Ça ne marche pas.',
      'Will it be recorded?',
    ])
  })

  it('a later poll brings only what is new; older pages follow the cursor', async () => {
    const a = adapter()
    const first = await a.fetchPage(col('home'), undefined, 'newer')
    const again = await a.fetchPage(col('home'), first.cursor, 'newer')
    expect(again.items).toEqual([])
    fake.addPost({ text: 'Brand new post', author: 'carol.test' })
    const next = await a.fetchPage(col('home'), again.cursor, 'newer')
    expect(next.items.map((i) => i.text)).toEqual(['Brand new post'])

    for (let i = 0; i < 60; i++) fake.addPost({ text: `filler ${i}` })
    const top = await a.fetchPage(col('home'), undefined, 'newer')
    expect(top.items).toHaveLength(50)
    expect(top.hasMore).toBe(true)
    const older = await a.fetchPage(col('home'), top.cursor, 'older')
    expect(older.items.length).toBeGreaterThan(0)
    expect(new Set([...top.items, ...older.items].map((i) => i.id)).size).toBe(top.items.length + older.items.length)
  })

  it('search and custom feeds need their target', async () => {
    const found = await adapter().fetchPage(col('search', 'roadmap'), undefined, 'newer')
    expect(found.items.map((i) => i.text)).toEqual(['Our roadmap call is on Thursday.'])
    await expect(adapter().fetchPage(col('feed'), undefined, 'newer')).rejects.toBeInstanceOf(UserError)
    await expect(adapter().fetchPage(col('feed', 'not-a-uri'), undefined, 'newer')).rejects.toMatchObject({ kind: 'permanent' })
  })
})

describe('Bluesky threads', () => {
  it('reads root, replies and a blocked reply in order; a deleted parent becomes "Post not found"', async () => {
    const home = await adapter().fetchPage(col('home'), undefined, 'newer')
    const thanks = home.items.find((i) => i.text.startsWith('Thanks'))!
    const welcome = home.items.find((i) => i.text.startsWith('Welcome'))!
    const thread = await adapter().fetchThread(welcome.remoteId)
    expect(thread.items.map((i) => i.author.name)).toEqual(['Bob Builder', 'Carol Café ☕', 'Blocked post'])
    expect(thread.rootId).toBe(thread.items[0]!.id)

    fake.deletePost(thread.items[0]!.remoteId)
    const orphan = await adapter().fetchThread(thanks.remoteId)
    expect(orphan.items.map((i) => i.author.name)).toEqual(['Post not found', 'Carol Café ☕'])
  })
})

describe('Bluesky sessions and failures', () => {
  it('refreshes an expired access JWT once and stores the new session', async () => {
    const before = stored.accessJwt
    fake.expireAccessTokens()
    const page = await adapter().fetchPage(col('home'), undefined, 'newer')
    expect(page.items.length).toBeGreaterThan(0)
    expect(fake.sessions().refreshed).toBe(1)
    expect(stored.accessJwt).not.toBe(before)
  })

  it('a 429 is rate-limited until ratelimit-reset or Retry-After; malformed JSON is malformed; a 500 is transient', async () => {
    fake.faults.set({ kind: 'rate-limit', count: 1, retryAfterSeconds: 90 })
    const limited = await adapter()
      .fetchPage(col('home'), undefined, 'newer')
      .catch((e: unknown) => e)
    expect(limited).toMatchObject({ kind: 'rate-limited' })
    expect((limited as { details: { retryAt: number } }).details.retryAt).toBeGreaterThan(Date.now() + 60_000)
    fake.faults.set({ kind: 'malformed', count: 1 })
    await expect(adapter().fetchPage(col('home'), undefined, 'newer')).rejects.toMatchObject({ kind: 'malformed' })
    fake.faults.set({ kind: 'server-error', count: 1 })
    await expect(adapter().fetchPage(col('home'), undefined, 'newer')).rejects.toMatchObject({ kind: 'transient' })
    const ok = await adapter().fetchPage(col('home'), undefined, 'newer')
    expect(ok.rateLimit).toMatchObject({ limit: 3000, remaining: expect.any(Number) })
  })

  it('an unreachable server is offline', async () => {
    await fake.close()
    await expect(adapter().fetchPage(col('home'), undefined, 'newer')).rejects.toMatchObject({ kind: 'offline' })
    fake = await startFakeBluesky()
  })
})

describe('Bluesky without an account', () => {
  it('searches the public AppView with no session', async () => {
    const network = createBlueskyNetwork({ bluesky: { appview: fake.url } })
    const pub = await network.signIn({ http, beginAuthorization: noBrowser }, { network: 'bluesky', anonymous: true })
    expect(pub).toEqual({
      account: expect.objectContaining({ id: 'bluesky:public', anonymous: true, server: fake.url }),
      credentials: {},
    })
    const a = network.createAdapter({ account: pub.account, http, credentials: { get: async () => ({}), set: async () => {} } })
    const page = await a.fetchPage(
      { id: 's', accountId: pub.account.id, kind: 'search', target: 'community', title: 's' },
      undefined,
      'newer',
    )
    expect(page.items.map((i) => i.text)[0]).toContain('#community')
    expect(network.info.columnKinds.filter((k) => k.public).map((k) => k.kind)).toEqual(['search'])
  })
})
