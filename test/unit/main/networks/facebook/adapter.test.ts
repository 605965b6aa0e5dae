// Facebook Pages against the fake Login + Graph API on loopback, through the core's real
// loopback listener: consent with PKCE, Page tokens, feed/comments/tagged columns, cursor
// paging, threads with replies, throttling and expired tokens.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Account, ColumnSpec } from '../../../../../preload/model'
import { createLoopbackAuthorizer } from '../../../../../main/core/accounts/loopback'
import { silentLogger, systemClock } from '../../../../../main/core/capabilities'
import { createHttp } from '../../../../../main/core/http/client'
import { createFacebookNetwork } from '../../../../../main/networks/facebook'
import { facebookRateLimit } from '../../../../../main/networks/facebook/rate-limit'
import type { Credentials, NetworkAdapter, NetworkDefinition } from '../../../../../main/networks/types'
import { driveConsent } from '../../../../fakes/common/consent-driver'
import { APP_ID, PAGE_ID, startFakeFacebook, type FakeFacebook } from '../../../../fakes/facebook/server'

let fake: FakeFacebook
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
const col = (kind: ColumnSpec['kind']): ColumnSpec => ({ id: kind, accountId: account.id, kind, target: PAGE_ID, title: kind })

beforeEach(async () => {
  fake = await startFakeFacebook()
  network = createFacebookNetwork({ facebook: { dialog: fake.url, graph: fake.url } })
  const result = await network.signIn(signInContext(), { network: 'facebook', clientId: APP_ID })
  account = result.account
  credentials = result.credentials
})
afterEach(() => fake.close())

describe('Facebook sign-in', () => {
  it('gets a user token and a token per Page; the account carries none', async () => {
    expect(account).toMatchObject({ id: 'facebook:7001', displayName: 'Casey Manager', handle: 'Crosstalk Community' })
    expect(Object.keys(credentials).sort()).toEqual(['appId', `name:${PAGE_ID}`, `page:${PAGE_ID}`, 'userToken'])
    expect(await adapter().listTargets('home')).toEqual([{ value: PAGE_ID, label: 'Crosstalk Community' }])
  })
  it('refuses an app id that is not digits before any request; a denial is cancelled', async () => {
    await expect(network.signIn(signInContext(), { network: 'facebook', clientId: 'abc' })).rejects.toMatchObject({
      code: 'invalid-client-id',
    })
    await expect(network.signIn(signInContext('deny'), { network: 'facebook', clientId: APP_ID })).rejects.toMatchObject({
      code: 'sign-in-cancelled',
    })
  })
  it('sign-out removes the permissions; the Page token stops working (code 190 → sign in again)', async () => {
    await network.signOut({ http, account, credentials })
    await expect(adapter().fetchPage(col('home'), undefined, 'newer')).rejects.toMatchObject({ kind: 'auth' })
  })
})

describe('Facebook columns and threads', () => {
  it('Page feed, tagged posts and recent comments', async () => {
    const feed = await adapter().fetchPage(col('home'), undefined, 'newer')
    expect(feed.items.map((i) => i.text)).toEqual(['We just launched the new community forum! Tell us what you think.'])
    expect(feed.items[0]!.counts).toEqual({ replies: 3, likes: 3, reposts: 0 })
    expect((await adapter().fetchPage(col('tagged'), undefined, 'newer')).items[0]!.author.name).toBe('Ana Souza')
    const comments = await adapter().fetchPage(col('comments'), undefined, 'newer')
    expect(comments.items.map((i) => i.text)).toEqual([
      'Can I log in with my old account?',
      'Thanks Morgan, we are on it.',
      'Looks great, but search is slow.',
    ])
  })

  it('a poll brings only new posts; cursors page back', async () => {
    const first = await adapter().fetchPage(col('home'), undefined, 'newer')
    expect((await adapter().fetchPage(col('home'), first.cursor, 'newer')).items).toEqual([])
    for (let i = 0; i < 30; i++) fake.addPost(`post ${i}`)
    const next = await adapter().fetchPage(col('home'), first.cursor, 'newer')
    expect(next.items).toHaveLength(25)
    const top = await adapter().fetchPage(col('home'), undefined, 'newer')
    const older = await adapter().fetchPage(col('home'), top.cursor, 'older')
    expect(older.items).toHaveLength(6)
    expect(older.hasMore).toBe(false)
  })

  it('a thread is the post, its comments and their replies, from any comment', async () => {
    const comments = await adapter().fetchPage(col('comments'), undefined, 'newer')
    const reply = comments.items.find((i) => i.text === 'Thanks Morgan, we are on it.')!
    const thread = await adapter().fetchThread(reply.remoteId)
    expect(thread.items.map((i) => i.text)).toEqual([
      'We just launched the new community forum! Tell us what you think.',
      'Looks great, but search is slow.',
      'Thanks Morgan, we are on it.',
      'Can I log in with my old account?',
    ])
    expect(thread.items[2]!.parentId).toBe(thread.items[1]!.id)
  })
})

describe('Facebook limits', () => {
  it('error code 4 is rate-limited; usage headers read as remaining allowance', async () => {
    fake.faults.set({ kind: 'rate-limit', count: 1, retryAfterSeconds: 600 })
    await expect(adapter().fetchPage(col('home'), undefined, 'newer')).rejects.toMatchObject({ kind: 'rate-limited' })
    const ok = await adapter().fetchPage(col('home'), undefined, 'newer')
    expect(ok.rateLimit).toMatchObject({ limit: 100, remaining: 97 })
    const headers = new Headers({
      'x-business-use-case-usage': JSON.stringify({
        '123': [{ type: 'pages', call_count: 96, total_cputime: 10, total_time: 20, estimated_time_to_regain_access: 5 }],
      }),
    })
    expect(facebookRateLimit(headers, 200, 1_000)).toEqual({ limit: 100, remaining: 4, resetAt: 1_000 + 5 * 60_000 })
  })
  it('malformed JSON is malformed', async () => {
    fake.faults.set({ kind: 'malformed', count: 1 })
    await expect(adapter().fetchPage(col('home'), undefined, 'newer')).rejects.toMatchObject({ kind: 'malformed' })
  })
})
