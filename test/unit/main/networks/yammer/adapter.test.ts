// Viva Engage (Yammer) against the fake Microsoft identity platform + Yammer API on loopback,
// through the core's real loopback listener: consent, columns, paging, threads, token rotation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Account, ColumnSpec } from '../../../../../preload/model'
import { createLoopbackAuthorizer } from '../../../../../main/core/accounts/loopback'
import { silentLogger, systemClock } from '../../../../../main/core/capabilities'
import { createHttp } from '../../../../../main/core/http/client'
import { createYammerNetwork } from '../../../../../main/networks/yammer'
import { yammerDate } from '../../../../../main/networks/yammer/mapping'
import type { Credentials, NetworkAdapter, NetworkDefinition } from '../../../../../main/networks/types'
import { driveConsent } from '../../../../fakes/common/consent-driver'
import { CLIENT_ID, TENANT, startFakeYammer, type FakeYammer } from '../../../../fakes/yammer/server'

let fake: FakeYammer
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
  fake = await startFakeYammer()
  network = createYammerNetwork({ yammer: { identity: fake.url, api: fake.url } })
  const result = await network.signIn(signInContext(), { network: 'yammer', clientId: CLIENT_ID, tenant: TENANT })
  account = result.account
  credentials = result.credentials
})
afterEach(() => fake.close())

describe('Viva Engage sign-in', () => {
  it('signs in through the Microsoft consent page with PKCE; the account is inside and carries no token', () => {
    expect(account).toMatchObject({
      id: 'yammer:77:1001',
      network: 'yammer',
      side: 'internal',
      displayName: 'Alex Morgan',
      handle: 'alex.morgan@contoso.com',
    })
    expect(Object.keys(credentials).sort()).toEqual(['accessToken', 'clientId', 'refreshToken', 'tenant'])
    expect(JSON.stringify(account)).not.toContain(credentials.accessToken!)
  })

  it('refuses a bad tenant before any request, an unknown client id clearly, and a denial as cancelled', async () => {
    await expect(
      network.signIn(signInContext(), { network: 'yammer', clientId: CLIENT_ID, tenant: 'not a tenant' }),
    ).rejects.toMatchObject({ code: 'invalid-tenant' })
    await expect(
      network.signIn(signInContext('deny'), { network: 'yammer', clientId: CLIENT_ID, tenant: TENANT }),
    ).rejects.toMatchObject({ code: 'sign-in-cancelled' })
  })
})

describe('Viva Engage columns and threads', () => {
  it('my feed: messages with senders and groups from references, inside', async () => {
    const page = await adapter().fetchPage(col('home'), undefined, 'newer')
    const root = page.items.find((i) => i.text.startsWith('Customers on Mastodon'))!
    expect(root).toMatchObject({ side: 'internal', author: { name: 'Priya Natarajan' }, group: { id: '501', name: 'Support' } })
    expect(page.items.find((i) => i.text === 'On it, drafting a reply now.')).toMatchObject({
      parentId: root.id,
      threadId: root.id,
      author: { name: 'Jordan Blake' },
    })
  })

  it('received and group columns; groups are offered as targets', async () => {
    expect((await adapter().fetchPage(col('received'), undefined, 'newer')).items.map((i) => i.text)).toEqual([
      'Alex, can you share the community numbers?',
    ])
    expect(await adapter().listTargets('group')).toEqual([
      { value: '501', label: 'Support' },
      { value: '502', label: 'Community Team' },
    ])
    expect((await adapter().fetchPage(col('group', '502'), undefined, 'newer')).items.map((i) => i.text)).toEqual([
      'Release notes are ready for review.',
    ])
  })

  it('polls with newer_than and pages back with older_than', async () => {
    const first = await adapter().fetchPage(col('home'), undefined, 'newer')
    expect((await adapter().fetchPage(col('home'), first.cursor, 'newer')).items).toEqual([])
    fake.addMessage({ text: 'Fresh news' })
    expect((await adapter().fetchPage(col('home'), first.cursor, 'newer')).items.map((i) => i.text)).toEqual(['Fresh news'])
    for (let i = 0; i < 30; i++) fake.addMessage({ text: `m${i}` })
    const top = await adapter().fetchPage(col('home'), undefined, 'newer')
    expect(top.items).toHaveLength(20)
    expect(top.hasMore).toBe(true)
    const older = await adapter().fetchPage(col('home'), top.cursor, 'older')
    expect(older.items).toHaveLength(15)
    expect(older.hasMore).toBe(false)
  })

  it('a thread in reading order, from any of its messages', async () => {
    const reply = fake.messages.find((m) => m.repliedToId !== null)!
    const thread = await adapter().fetchThread(String(reply.id))
    expect(thread.items.map((i) => i.text)).toEqual([
      'Customers on Mastodon ask about the outage: can someone answer?',
      'On it, drafting a reply now.',
    ])
    expect(thread.rootId).toBe(`${account.id}/${reply.threadId}`)
  })
})

describe('Viva Engage tokens and failures', () => {
  it('refreshes once on 401 (the refresh token rotates), then a second failure means sign in again', async () => {
    const old = credentials.refreshToken
    fake.expireAccessTokens()
    expect((await adapter().fetchPage(col('home'), undefined, 'newer')).items.length).toBeGreaterThan(0)
    expect(fake.tokens().refreshed).toBe(1)
    expect(credentials.refreshToken).not.toBe(old)
    fake.expireAccessTokens()
    credentials = { ...credentials, refreshToken: old! } // a used refresh token
    await expect(adapter().fetchPage(col('home'), undefined, 'newer')).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('sign in again'),
    })
  })

  it('429 with Retry-After is rate-limited; malformed JSON is malformed', async () => {
    fake.faults.set({ kind: 'rate-limit', count: 1, retryAfterSeconds: 10 })
    await expect(adapter().fetchPage(col('home'), undefined, 'newer')).rejects.toMatchObject({ kind: 'rate-limited' })
    fake.faults.set({ kind: 'malformed', count: 1 })
    await expect(adapter().fetchPage(col('home'), undefined, 'newer')).rejects.toMatchObject({ kind: 'malformed' })
  })

  it('reads Yammer dates', () => {
    expect(yammerDate('2025/03/01 10:00:00 +0000')).toBe('2025-03-01T10:00:00.000Z')
    expect(yammerDate('2025/03/01 12:00:00 +0200')).toBe('2025-03-01T10:00:00.000Z')
  })
})
