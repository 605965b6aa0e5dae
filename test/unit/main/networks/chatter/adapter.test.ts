import * as oauth from 'oauth4webapi'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Account, ColumnSpec, Item } from '../../../../../preload/model'
import { NetworkFailure, UserError } from '../../../../../main/core/errors'
import { createHttp } from '../../../../../main/core/http/client'
import { chatterNetwork } from '../../../../../main/networks/chatter'
import type { Credentials, NetworkAdapter, PageCursor, SignInContext } from '../../../../../main/networks/types'
import { driveConsent } from '../../../../fakes/common/consent-driver'
import { startFakeChatter, type FakeChatter } from '../../../../fakes/chatter/server'

const NOW = 1_700_000_000_000

/** A SignInContext that plays the browser: PKCE + state, then the consent page via driveConsent. */
function browserContext(http = createHttp(), decision: 'approve' | 'deny' = 'approve') {
  const log = { closed: 0, authorizeUrl: '' }
  const ctx: SignInContext = {
    http,
    async beginAuthorization() {
      const codeVerifier = oauth.generateRandomCodeVerifier()
      const state = oauth.generateRandomState()
      const redirectUri = 'http://127.0.0.1:53682/callback'
      return {
        redirectUri,
        state,
        codeVerifier,
        codeChallenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
        async complete(url) {
          log.authorizeUrl = url
          const back = await driveConsent(url, decision)
          if (back.searchParams.get('state') !== state) throw new Error('state mismatch')
          const error = back.searchParams.get('error')
          if (error) throw new Error(`Authorization failed: ${error} (${back.searchParams.get('error_description') ?? ''})`)
          return back.searchParams.get('code') ?? ''
        },
        close() {
          log.closed += 1
        },
      }
    },
  }
  return { ctx, log }
}

function memoryCredentials(initial: Credentials) {
  let value = { ...initial }
  const writes: Credentials[] = []
  return {
    writes,
    handle: {
      get: async () => ({ ...value }),
      set: async (c: Credentials) => {
        writes.push(c)
        value = { ...c }
      },
    },
  }
}

const column = (kind: ColumnSpec['kind'], target?: string): ColumnSpec => ({
  id: `c-${kind}`,
  accountId: 'a',
  kind,
  target,
  title: kind,
})

describe('chatter adapter against the fake', () => {
  let fake: FakeChatter
  let account: Account
  let creds: ReturnType<typeof memoryCredentials>
  let adapter: NetworkAdapter
  const http = createHttp({ now: () => NOW })

  beforeEach(async () => {
    fake = await startFakeChatter({ apiLimit: 5000 })
    const { ctx } = browserContext(http)
    const result = await chatterNetwork.signIn(ctx, { network: 'chatter', loginHost: fake.url, clientId: 'crosstalk-demo-key' })
    account = result.account
    creds = memoryCredentials(result.credentials)
    adapter = chatterNetwork.createAdapter({ account, http, credentials: creds.handle })
  })
  afterEach(async () => {
    await fake.close()
  })

  describe('sign-in', () => {
    it('signs in through the consent page and describes the account', async () => {
      const { ctx, log } = browserContext()
      const { account: a, credentials } = await chatterNetwork.signIn(ctx, {
        network: 'chatter',
        loginHost: fake.url,
        clientId: 'crosstalk-demo-key',
      })
      const orgAndUser = /^chatter:(00D[A-Za-z0-9]{15}):(005[A-Za-z0-9]{15})$/.exec(a.id)
      expect(orgAndUser?.[2]).toBe(fake.me.id)
      expect(a).toMatchObject({
        network: 'chatter',
        side: 'internal',
        displayName: 'Alex Morgan',
        handle: 'alex.morgan@acme.example',
        server: fake.url,
      })
      expect(a.avatarUrl).toBe(`${fake.url}/profilephoto/${fake.me.id}/T`)
      expect(credentials).toMatchObject({ instanceUrl: fake.url, clientId: 'crosstalk-demo-key', loginHost: fake.url })
      expect(credentials.accessToken).toBe(fake.tokens().issued.at(-1))
      expect(credentials.refreshToken).toMatch(/\S{20,}/)
      expect(log.closed).toBe(1)
      const authorize = new URL(log.authorizeUrl)
      expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
        response_type: 'code',
        client_id: 'crosstalk-demo-key',
        scope: 'api chatter_api refresh_token',
        code_challenge_method: 'S256',
      })
    })

    it('says clearly when the consumer key is wrong, and closes the listener', async () => {
      const { ctx, log } = browserContext()
      const attempt = chatterNetwork.signIn(ctx, { network: 'chatter', loginHost: fake.url, clientId: 'not-our-key' })
      await expect(attempt).rejects.toBeInstanceOf(UserError)
      await expect(attempt).rejects.toMatchObject({ code: 'invalid-client-id', message: expect.stringMatching(/consumer key/) })
      expect(log.closed).toBe(1)
    })

    it('reports a denied consent', async () => {
      const { ctx, log } = browserContext(createHttp(), 'deny')
      await expect(
        chatterNetwork.signIn(ctx, { network: 'chatter', loginHost: fake.url, clientId: 'crosstalk-demo-key' }),
      ).rejects.toMatchObject({
        code: 'access-denied',
      })
      expect(log.closed).toBe(1)
    })

    it('refuses a missing consumer key and a bad login host before opening a browser', async () => {
      const { ctx, log } = browserContext()
      await expect(chatterNetwork.signIn(ctx, { network: 'chatter', loginHost: fake.url })).rejects.toMatchObject({
        code: 'missing-client-id',
      })
      await expect(
        chatterNetwork.signIn(ctx, { network: 'chatter', loginHost: 'http://acme.my.salesforce.com', clientId: 'k' }),
      ).rejects.toMatchObject({
        code: 'invalid-login-host',
      })
      expect(log.closed).toBe(0)
    })
  })

  describe('columns', () => {
    it('fills the news feed with the newest page, newest first', async () => {
      const page = await adapter.fetchPage(column('home'), undefined, 'newer')
      expect(page.items).toHaveLength(25)
      expect(page.hasMore).toBe(true)
      expect(page.cursor.newer).toMatch(/^\/services\/data\/v62\.0\/chatter\/feeds\/news\/me\/feed-elements\?updatedSince=/)
      expect(page.cursor.older).toMatch(/[?&]page=/)
      const times = page.items.map((i) => i.createdAt)
      expect([...times].sort().reverse()).toEqual(times)
      for (const item of page.items) {
        expect(item.id).toBe(`${account.id}/${item.remoteId}`)
        expect(item.url).toBe(`${fake.url}/${item.remoteId}`)
      }
      const escaped = page.items.find((i) => i.text.includes('<script>'))
      expect(escaped?.html).toContain('&lt;script&gt;')
      expect(escaped?.html).not.toContain('<script')
    })

    it('fills the mentions column with posts that mention me or are addressed to me', async () => {
      const page = await adapter.fetchPage(column('mentions'), undefined, 'newer')
      expect(page.items.length).toBeGreaterThan(3)
      for (const item of page.items) expect(item.author.id).not.toBe(fake.me.id)
      expect(page.items.some((i) => i.html?.includes(`href="${fake.url}/${fake.me.id}">@Alex Morgan</a>`))).toBe(true)
      expect(page.items.some((i) => i.text.startsWith('Thanks for handling the forum thread'))).toBe(true)
      expect(page.items.some((i) => i.text.startsWith('Weekly community report'))).toBe(false)
    })

    it('fills a group column with that group only', async () => {
      const support = fake.groups.find((g) => g.name === 'Support')!
      const page = await adapter.fetchPage(column('group', support.id), undefined, 'newer')
      expect(page.items.length).toBeGreaterThan(3)
      for (const item of page.items) expect(item.group).toEqual({ id: support.id, name: 'Support' })
    })

    it('refuses a group column without a valid group id', async () => {
      await expect(adapter.fetchPage(column('group', '../users/me'), undefined, 'newer')).rejects.toMatchObject({
        kind: 'permanent',
      })
    })

    it('polls the updatesUrl and gets exactly what was added since', async () => {
      const first = await adapter.fetchPage(column('home'), undefined, 'newer')
      const { id } = fake.addFeedElement({ text: 'Fresh from the fake https://acme.example/x', author: 'Mei' })
      const update = await adapter.fetchPage(column('home'), first.cursor, 'newer')
      expect(update.items.map((i) => i.remoteId)).toEqual([id])
      expect(update.items[0]!.html).toContain('<a href="https://acme.example/x">')
      expect(update.cursor.older).toBe(first.cursor.older)
      expect(update.cursor.newer).not.toBe(first.cursor.newer)
      const quiet = await adapter.fetchPage(column('home'), update.cursor, 'newer')
      expect(quiet.items).toEqual([])
    })

    it('pages older until hasMore is false, without gaps or repeats', async () => {
      let page = await adapter.fetchPage(column('home'), undefined, 'newer')
      const all: Item[] = [...page.items]
      let cursor: PageCursor = page.cursor
      let guard = 0
      while (page.hasMore && guard++ < 10) {
        page = await adapter.fetchPage(column('home'), cursor, 'older')
        all.push(...page.items)
        cursor = page.cursor
      }
      expect(page.hasMore).toBe(false)
      expect(cursor.older).toBeUndefined()
      expect(new Set(all.map((i) => i.id)).size).toBe(all.length)
      expect(all.length).toBe(30)
      expect(guard).toBeGreaterThan(0)
      const times = all.map((i) => i.createdAt)
      expect([...times].sort().reverse()).toEqual(times)
      const end = await adapter.fetchPage(column('home'), cursor, 'older')
      expect(end).toMatchObject({ items: [], hasMore: false })
    })

    it('refuses a cursor that points at another host', async () => {
      const evil = { older: 'http://127.0.0.2:9/services/data/v62.0/chatter/feeds/news/me/feed-elements' }
      await expect(adapter.fetchPage(column('home'), evil, 'older')).rejects.toMatchObject({
        kind: 'malformed',
        message: expect.stringMatching(/another host/),
      })
    })
  })

  describe('threads and targets', () => {
    it('returns the element and all its comments in order', async () => {
      const home = await adapter.fetchPage(column('home'), undefined, 'newer')
      let target = home.items.find((i) => i.text.startsWith('Proposal: a community ambassadors program'))!
      const thread = await adapter.fetchThread(target.remoteId)
      expect(thread.rootId).toBe(target.id)
      expect(thread.items.map((i) => i.text)).toEqual([
        'Proposal: a community ambassadors program. Thoughts?',
        'Love it. We could start with the top 10 forum contributors.',
        'Marketing can fund swag.',
        'Happy to interview a few of them first.',
      ])
      for (const reply of thread.items.slice(1)) expect(reply).toMatchObject({ parentId: target.id, threadId: target.id })
      target = thread.items[0]!
      expect(target.counts).toEqual({ replies: 3, likes: 1 })
    })

    it('follows comment pages for long threads', async () => {
      const { id } = fake.addFeedElement({ text: 'Long thread' })
      for (let n = 1; n <= 105; n++) fake.addFeedElement({ commentOn: id, text: `reply ${n}` })
      const thread = await adapter.fetchThread(id)
      expect(thread.items).toHaveLength(106)
      expect(thread.items[1]!.text).toBe('reply 1')
      expect(thread.items[105]!.text).toBe('reply 105')
    })

    it('lists the groups as column targets', async () => {
      expect(await adapter.listTargets('group')).toEqual(
        [...fake.groups].sort((a, b) => a.name.localeCompare(b.name)).map((g) => ({ value: g.id, label: g.name })),
      )
      expect(await adapter.listTargets('home')).toEqual([])
    })
  })

  describe('sessions', () => {
    it('refreshes an expired token once, stores it and retries', async () => {
      const before = fake.tokens().issued.length
      fake.expireAccessTokens()
      const [a, b] = await Promise.all([
        adapter.fetchPage(column('home'), undefined, 'newer'),
        adapter.fetchPage(column('mentions'), undefined, 'newer'),
      ])
      expect(a.items.length).toBeGreaterThan(0)
      expect(b.items.length).toBeGreaterThan(0)
      expect(fake.tokens().issued.length).toBe(before + 1)
      expect(creds.writes).toHaveLength(1)
      expect(creds.writes[0]!.accessToken).toBe(fake.tokens().issued.at(-1))
      expect(creds.writes[0]!.refreshToken).toBeTruthy()
    })

    it('asks to sign in again when the refresh token was revoked', async () => {
      await chatterNetwork.signOut({ http, account, credentials: await creds.handle.get() })
      const refresh = (await creds.handle.get()).refreshToken!
      expect(fake.tokens().revoked).toContain(refresh)
      const attempt = adapter.fetchPage(column('home'), undefined, 'newer')
      await expect(attempt).rejects.toBeInstanceOf(NetworkFailure)
      await expect(attempt).rejects.toMatchObject({ kind: 'auth', message: 'Salesforce ended the session; sign in again.' })
      expect(creds.writes).toHaveLength(0)
    })
  })

  describe('limits and faults', () => {
    it("treats Chatter's 503 REQUEST_LIMIT_EXCEEDED as rate-limited with Retry-After", async () => {
      fake.faults.set({ kind: 'rate-limit', count: 1, retryAfterSeconds: 120 })
      await expect(adapter.fetchPage(column('home'), undefined, 'newer')).rejects.toMatchObject({
        kind: 'rate-limited',
        details: { status: 503, retryAt: NOW + 120_000 },
      })
      const page = await adapter.fetchPage(column('home'), undefined, 'newer')
      expect(page.items.length).toBe(25)
    })

    it('reads Sforce-Limit-Info into the rate limit', async () => {
      const one = await adapter.fetchPage(column('home'), undefined, 'newer')
      const two = await adapter.fetchPage(column('home'), undefined, 'newer')
      expect(one.rateLimit).toMatchObject({ limit: 5000 })
      expect(one.rateLimit!.remaining).toBeLessThan(5000)
      expect(two.rateLimit!.remaining).toBe(one.rateLimit!.remaining! - 1)
    })

    it("treats the org's exhausted daily API allowance (403 REQUEST_LIMIT_EXCEEDED) as rate-limited", async () => {
      const small = await startFakeChatter({ apiLimit: 1 })
      try {
        const { ctx } = browserContext(http)
        const signed = await chatterNetwork.signIn(ctx, {
          network: 'chatter',
          loginHost: small.url,
          clientId: 'crosstalk-demo-key',
        })
        const limited = chatterNetwork.createAdapter({
          account: signed.account,
          http,
          credentials: memoryCredentials(signed.credentials).handle,
        })
        await expect(limited.fetchPage(column('home'), undefined, 'newer')).rejects.toMatchObject({
          kind: 'rate-limited',
          details: { status: 403 },
        })
      } finally {
        await small.close()
      }
    })

    it('maps 500 to transient and broken JSON to malformed', async () => {
      fake.faults.set({ kind: 'server-error', count: 1 })
      await expect(adapter.fetchPage(column('home'), undefined, 'newer')).rejects.toMatchObject({
        kind: 'transient',
        details: { status: 500 },
      })
      fake.faults.set({ kind: 'malformed', count: 1 })
      await expect(adapter.fetchPage(column('home'), undefined, 'newer')).rejects.toMatchObject({ kind: 'malformed' })
      fake.faults.set({ kind: 'unavailable', count: 1 })
      await expect(adapter.fetchPage(column('home'), undefined, 'newer')).rejects.toMatchObject({
        kind: 'rate-limited',
        details: { status: 503 },
      })
    })
  })
})
