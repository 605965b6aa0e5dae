// X against the fake OAuth 2.0 + API v2 on loopback, through the core's real loopback listener:
// consent with PKCE, columns with expansions, paging both ways, conversation threads, rotating
// refresh tokens, rate limits and problem answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Account, ColumnSpec } from '../../../../../preload/model'
import { createLoopbackAuthorizer } from '../../../../../main/core/accounts/loopback'
import { silentLogger, systemClock } from '../../../../../main/core/capabilities'
import { createHttp } from '../../../../../main/core/http/client'
import { createXNetwork } from '../../../../../main/networks/x'
import { tweetHtml } from '../../../../../main/networks/x/mapping'
import type { Credentials, NetworkAdapter, NetworkDefinition } from '../../../../../main/networks/types'
import { driveConsent } from '../../../../fakes/common/consent-driver'
import { CLIENT_ID, startFakeX, type FakeX } from '../../../../fakes/x/server'

let fake: FakeX
let network: NetworkDefinition
let account: Account
let credentials: Credentials
const http = createHttp()

const signInContext = (decision: 'approve' | 'deny' = 'approve') => {
  const loopback = createLoopbackAuthorizer({
    clock: systemClock,
    logger: silentLogger,
    openUrl: async (url) => {
      await fetch(await driveConsent(url, decision))
    },
  })
  return { http, beginAuthorization: () => loopback.begin() }
}
const adapter = (): NetworkAdapter =>
  network.createAdapter({
    account,
    http,
    credentials: { get: async () => credentials, set: async (c) => void (credentials = c) },
  })
const col = (kind: ColumnSpec['kind'], target?: string): ColumnSpec => ({
  id: kind,
  accountId: account.id,
  kind,
  target,
  title: kind,
})

beforeEach(async () => {
  fake = await startFakeX()
  network = createXNetwork({ x: { authorize: fake.url, api: fake.url } })
  const result = await network.signIn(signInContext(), { network: 'x', clientId: CLIENT_ID })
  account = result.account
  credentials = result.credentials
})
afterEach(() => fake.close())

describe('X sign-in', () => {
  it('signs in with PKCE; the account carries no token', () => {
    expect(account).toMatchObject({ id: 'x:1001', handle: '@crosstalk_help', side: 'external' })
    expect(Object.keys(credentials).sort()).toEqual(['accessToken', 'clientId', 'refreshToken', 'scope', 'userId'])
    // X grants the scopes asked for, media.write (image uploads) among them.
    expect(credentials.scope).toBe('tweet.read users.read tweet.write like.write media.write offline.access')
  })
  it('a denial is a cancelled sign-in; sign-out revokes the token', async () => {
    await expect(network.signIn(signInContext('deny'), { network: 'x', clientId: CLIENT_ID })).rejects.toMatchObject({
      code: 'sign-in-cancelled',
    })
    await network.signOut({ http, account, credentials })
    expect(fake.tokens().revoked).toBe(1)
  })
})

describe('X columns and threads', () => {
  it('home: authors from includes, entities as links by code points, counts', async () => {
    const page = await adapter().fetchPage(col('home'), undefined, 'newer')
    const root = page.items.find((i) => i.text.includes('export keeps failing'))!
    expect(root).toMatchObject({
      author: { name: 'Riley Customer', handle: '@riley' },
      counts: { replies: 2, likes: 0, reposts: 0 },
    })
    expect(root.html).toBe(
      '<p><a href="https://x.com/crosstalk_help">@crosstalk_help</a> the export keeps failing since the update 😞 <a href="https://x.com/hashtag/bug">#bug</a></p>',
    )
    expect(root.url).toBe(`https://x.com/riley/status/${root.remoteId}`)
  })

  it('mentions and search columns', async () => {
    const mentions = await adapter().fetchPage(col('mentions'), undefined, 'newer')
    expect(mentions.items.map((i) => i.author.handle).sort()).toEqual(['@riley', '@samfan'])
    const search = await adapter().fetchPage(col('search', 'dashboard'), undefined, 'newer')
    expect(search.items.map((i) => i.text)).toEqual(['Loving the new dashboard from @crosstalk_help'])
  })

  it('since_id for polls; pagination tokens for older pages', async () => {
    const first = await adapter().fetchPage(col('home'), undefined, 'newer')
    expect((await adapter().fetchPage(col('home'), first.cursor, 'newer')).items).toEqual([])
    fake.addTweet({ text: 'brand new' })
    expect((await adapter().fetchPage(col('home'), first.cursor, 'newer')).items.map((i) => i.text)).toEqual(['brand new'])
    for (let i = 0; i < 60; i++) fake.addTweet({ text: `t${i}` })
    const top = await adapter().fetchPage(col('home'), undefined, 'newer')
    expect(top.items).toHaveLength(50)
    const older = await adapter().fetchPage(col('home'), top.cursor, 'older')
    expect(older.items).toHaveLength(15)
    expect(older.hasMore).toBe(false)
  })

  it('a conversation in reading order from any reply', async () => {
    const reply = fake.tweets.find((t) => t.replyTo)!
    const thread = await adapter().fetchThread(reply.id)
    expect(thread.items.map((i) => i.author.handle)).toEqual(['@riley', '@crosstalk_help', '@samfan'])
    expect(thread.rootId).toBe(`${account.id}/${reply.conversationId}`)
  })

  it('a retweet shows the original, with who reposted it', async () => {
    const original = fake.tweets[fake.tweets.length - 1]!
    fake.addTweet({ text: `RT @samfan: ${original.text}`, author: 'riley', retweetOf: original.id })
    const page = await adapter().fetchPage(col('home'), undefined, 'newer')
    expect(page.items[0]).toMatchObject({
      remoteId: original.id,
      repostedBy: { handle: '@riley' },
      author: { handle: '@samfan' },
    })
  })
})

describe('X tokens and limits', () => {
  it('refreshes once on 401 with a rotating refresh token', async () => {
    const old = credentials.refreshToken
    fake.expireAccessTokens()
    expect((await adapter().fetchPage(col('home'), undefined, 'newer')).items.length).toBeGreaterThan(0)
    expect(credentials.refreshToken).not.toBe(old)
    fake.expireAccessTokens()
    credentials = { ...credentials, refreshToken: old! }
    await expect(adapter().fetchPage(col('home'), undefined, 'newer')).rejects.toMatchObject({ kind: 'auth' })
  })

  it('x-rate-limit-* on answers; a 429 waits until the reset; malformed JSON is malformed', async () => {
    const ok = await adapter().fetchPage(col('home'), undefined, 'newer')
    expect(ok.rateLimit).toMatchObject({ limit: 180, remaining: expect.any(Number), resetAt: expect.any(Number) })
    fake.faults.set({ kind: 'rate-limit', count: 1 })
    const limited = await adapter()
      .fetchPage(col('home'), undefined, 'newer')
      .catch((e: unknown) => e)
    expect(limited).toMatchObject({ kind: 'rate-limited', details: { retryAt: ok.rateLimit!.resetAt } })
    fake.faults.set({ kind: 'malformed', count: 1 })
    await expect(adapter().fetchPage(col('home'), undefined, 'newer')).rejects.toMatchObject({ kind: 'malformed' })
  })

  it('entities past the text are ignored, not a crash', () => {
    expect(tweetHtml({ id: '1', text: 'hi', entities: { hashtags: [{ start: 5, end: 9, tag: 'x' }] } })).toBe('<p>hi</p>')
  })
})
