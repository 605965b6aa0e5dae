// The WordPress network against the fake site on loopback, with the core's real loopback
// listener: approval on authorize-application.php, columns by status, paging, threads,
// moderation writes, sign-out, bad answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Account, ColumnSpec } from '../../../../../preload/model'
import { createLoopbackAuthorizer } from '../../../../../main/core/accounts/loopback'
import { silentLogger, systemClock } from '../../../../../main/core/capabilities'
import { createHttp } from '../../../../../main/core/http/client'
import { wordpressNetwork } from '../../../../../main/networks/wordpress'
import { restRequest, restRootFromLink } from '../../../../../main/networks/wordpress/rest'
import { moderate, replyTo } from '../../../../../main/networks/wordpress/write'
import type { AdapterContext, Credentials } from '../../../../../main/networks/types'
import { driveConsent } from '../../../../fakes/common/consent-driver'
import { startFakeWordPress, type FakeWordPress } from '../../../../fakes/wordpress/server'

let fake: FakeWordPress
let account: Account
let credentials: Credentials
let ctx: AdapterContext
const http = createHttp()

/** Plays the browser: approves (or rejects) on the site's page, then follows the redirect home. */
const signInContext = (decision: 'approve' | 'deny' = 'approve') => {
  const loopback = createLoopbackAuthorizer({
    clock: systemClock,
    logger: silentLogger,
    openUrl: async (url) => {
      const back = await driveConsent(url, decision)
      await fetch(back)
    },
  })
  return { http, beginAuthorization: () => loopback.begin() }
}

beforeEach(async () => {
  fake = await startFakeWordPress()
  const result = await wordpressNetwork.signIn(signInContext(), { network: 'wordpress', server: fake.url })
  account = result.account
  credentials = result.credentials
  ctx = { account, http, credentials: { get: async () => credentials, set: async (c) => void (credentials = c) } }
})
afterEach(() => fake.close())

const col = (kind: ColumnSpec['kind']): ColumnSpec => ({ id: kind, accountId: account.id, kind, title: kind })

describe('WordPress sign-in', () => {
  it('gets an application password through the approval page; the account carries none', () => {
    expect(account).toMatchObject({
      network: 'wordpress',
      handle: `admin@${new URL(fake.url).host}`,
      displayName: 'Example Blog',
      server: `${fake.url}/wp-json/`,
    })
    expect(fake.appPasswords()).toHaveLength(1)
    expect(credentials).toEqual({ user: 'admin', password: expect.any(String), uuid: fake.appPasswords()[0]!.uuid })
    expect(JSON.stringify(account)).not.toContain(credentials.password!)
  })

  it('a rejected approval is a cancelled sign-in, and nothing is created', async () => {
    await expect(
      wordpressNetwork.signIn(signInContext('deny'), { network: 'wordpress', server: fake.url }),
    ).rejects.toMatchObject({ code: 'sign-in-cancelled' })
    expect(fake.appPasswords()).toHaveLength(1)
  })

  it('refuses a non-https site that is not on this computer, before any request', async () => {
    await expect(
      wordpressNetwork.signIn(signInContext(), { network: 'wordpress', server: 'http://blog.example.com' }),
    ).rejects.toMatchObject({ code: 'invalid-server' })
  })

  it('signing out deletes the application password', async () => {
    await wordpressNetwork.signOut({ http, account, credentials })
    expect(fake.appPasswords()).toEqual([])
    await expect(wordpressNetwork.createAdapter(ctx).fetchPage(col('held'), undefined, 'newer')).rejects.toMatchObject({
      kind: 'auth',
    })
  })
})

describe('WordPress columns and threads', () => {
  it('lists held, approved and spam comments with their moderation state, and the posts', async () => {
    const a = wordpressNetwork.createAdapter(ctx)
    expect((await a.fetchPage(col('held'), undefined, 'newer')).items.map((i) => [i.text, i.moderation])).toEqual([
      ['Is there a Linux build?', 'hold'],
    ])
    expect((await a.fetchPage(col('comments'), undefined, 'newer')).items.map((i) => i.text)).toEqual([
      'Thanks Dana!',
      'Love the new export screen!',
    ])
    expect((await a.fetchPage(col('spam'), undefined, 'newer')).items.map((i) => i.author.name)).toEqual(['Spammer'])
    const posts = await a.fetchPage(col('posts'), undefined, 'newer')
    expect(posts.items[0]).toMatchObject({
      text: 'Release 2.4 is out\nFaster sync and a new export screen.',
      counts: { replies: 2 },
    })
  })

  it('a poll brings only new comments; older pages follow X-WP-TotalPages', async () => {
    const a = wordpressNetwork.createAdapter(ctx)
    const first = await a.fetchPage(col('held'), undefined, 'newer')
    expect(first.hasMore).toBe(false)
    fake.addComment({ text: 'New question', status: 'hold' })
    expect((await a.fetchPage(col('held'), first.cursor, 'newer')).items.map((i) => i.text)).toEqual(['New question'])
    for (let i = 0; i < 60; i++) fake.addComment({ text: `q${i}`, status: 'hold' })
    const top = await a.fetchPage(col('held'), undefined, 'newer')
    expect(top.items).toHaveLength(50)
    expect(top.cursor.older).toBe('2')
    const older = await a.fetchPage(col('held'), top.cursor, 'older')
    expect(older.items).toHaveLength(12)
    expect(older.hasMore).toBe(false)
  })

  it('a comment thread is the post and its comment tree', async () => {
    const thanks = fake.comments.find((c) => c.authorName === 'Admin')!
    const thread = await wordpressNetwork.createAdapter(ctx).fetchThread(`comment:${thanks.id}`)
    expect(thread.items.map((i) => i.text)).toEqual([
      'Release 2.4 is out\nFaster sync and a new export screen.',
      'Love the new export screen!',
      'Thanks Dana!',
      'Is there a Linux build?',
    ])
    expect(thread.rootId).toBe(`${account.id}/post:7`)
  })

  it('replies and moderates through the REST API', async () => {
    const held = fake.comments.find((c) => c.status === 'hold')!
    const reply = await replyTo(ctx, `comment:${held.id}`, 'Yes: AppImage and deb.')
    expect(reply).toMatchObject({ moderation: 'approved', parentId: `${account.id}/comment:${held.id}` })
    expect((await moderate(ctx, `comment:${held.id}`, 'approve')).moderation).toBe('approved')
    expect((await moderate(ctx, `comment:${held.id}`, 'spam')).moderation).toBe('spam')
    expect((await moderate(ctx, `comment:${held.id}`, 'trash')).moderation).toBe('hidden')
    await expect(moderate(ctx, `comment:${held.id}`, 'trash')).rejects.toMatchObject({
      kind: 'permanent',
      message: expect.stringContaining('already been trashed'),
    })
  })

  it('faults: 429 with Retry-After, malformed JSON, 500', async () => {
    const a = wordpressNetwork.createAdapter(ctx)
    fake.faults.set({ kind: 'rate-limit', count: 1, retryAfterSeconds: 30 })
    await expect(a.fetchPage(col('held'), undefined, 'newer')).rejects.toMatchObject({ kind: 'rate-limited' })
    fake.faults.set({ kind: 'malformed', count: 1 })
    await expect(a.fetchPage(col('held'), undefined, 'newer')).rejects.toMatchObject({ kind: 'malformed' })
    fake.faults.set({ kind: 'server-error', count: 1 })
    await expect(a.fetchPage(col('held'), undefined, 'newer')).rejects.toMatchObject({ kind: 'transient' })
  })
})

describe('WordPress REST addressing', () => {
  it('reads the REST root from the Link header, pretty or ?rest_route=', () => {
    expect(
      restRootFromLink('<https://b.example/wp-json/>; rel="https://api.w.org/", <https://b.example/?p=1>; rel=shortlink'),
    ).toBe('https://b.example/wp-json/')
    expect(restRequest('https://b.example/wp-json/', '/wp/v2/comments', { page: 2 })).toEqual({
      url: 'https://b.example/wp-json/wp/v2/comments',
      searchParams: new URLSearchParams({ page: '2' }),
    })
    const plain = restRequest('https://b.example/index.php?rest_route=/', '/wp/v2/comments', { page: 2 })
    expect(plain.url).toBe('https://b.example/index.php')
    expect(Object.fromEntries(plain.searchParams as URLSearchParams)).toEqual({ page: '2', rest_route: '/wp/v2/comments' })
  })
})
