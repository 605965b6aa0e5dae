// The Mastodon adapter against the fake instance on loopback: sign-in through the real consent
// page, columns, paging, threads, rate limits, faults and revocation.
import * as oauth from 'oauth4webapi'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Account, ColumnSpec } from '../../../../../preload/model'
import { NetworkFailure, UserError } from '../../../../../main/core/errors'
import { createHttp, type Http } from '../../../../../main/core/http/client'
import { normalizeServer } from '../../../../../main/networks/mastodon/auth'
import { mastodonNetwork } from '../../../../../main/networks/mastodon'
import { parseLinkHeader } from '../../../../../main/networks/mastodon/adapter'
import type { Credentials, LoopbackAuthorization, NetworkAdapter, Page, SignInContext } from '../../../../../main/networks/types'
import { driveConsent } from '../../../../fakes/common/consent-driver'
import { startFakeMastodon, type FakeMastodon } from '../../../../fakes/mastodon/server'

interface TestSignIn extends SignInContext {
  authorizeUrls: string[]
  closed: number
}

/** Plays the loopback listener: drives the consent page and checks state, as the core's flow does. */
function signInContext(http: Http, options: { decision?: 'approve' | 'deny'; wrongVerifier?: boolean } = {}): TestSignIn {
  const ctx: TestSignIn = {
    http,
    authorizeUrls: [],
    closed: 0,
    async beginAuthorization(): Promise<LoopbackAuthorization> {
      const codeVerifier = oauth.generateRandomCodeVerifier()
      const codeChallenge = await oauth.calculatePKCECodeChallenge(codeVerifier)
      const state = oauth.generateRandomState()
      return {
        redirectUri: 'http://127.0.0.1:53682/callback',
        state,
        codeVerifier: options.wrongVerifier ? oauth.generateRandomCodeVerifier() : codeVerifier,
        codeChallenge,
        async complete(authorizeUrl) {
          ctx.authorizeUrls.push(authorizeUrl)
          const back = await driveConsent(authorizeUrl, options.decision ?? 'approve')
          if (back.searchParams.get('state') !== state) throw new Error('state mismatch')
          const error = back.searchParams.get('error')
          if (error) throw new UserError('sign-in-refused', `Sign-in was refused (${error}).`)
          const code = back.searchParams.get('code')
          if (!code) throw new Error('no code in the redirect')
          return code
        },
        close() {
          ctx.closed += 1
        },
      }
    },
  }
  return ctx
}

const NOW = Date.parse('2025-03-04T10:00:30.000Z')

let fake: FakeMastodon
let http: Http
let account: Account
let credentials: Credentials
let adapter: NetworkAdapter

const column = (kind: ColumnSpec['kind'], target?: string): ColumnSpec => ({
  id: `col-${kind}`,
  accountId: account.id,
  kind,
  target,
  title: mastodonNetwork.columnTitle(kind, target),
})

async function failure(p: Promise<unknown>): Promise<NetworkFailure> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(NetworkFailure)
  return e as NetworkFailure
}

const idsDescending = (page: Page) => {
  const ids = page.items.map((i) => BigInt(i.remoteId))
  return ids.every((id, i) => i === 0 || id < ids[i - 1]!)
}

async function signedIn(options: Parameters<typeof startFakeMastodon>[0] = {}) {
  fake = await startFakeMastodon(options)
  http = createHttp({ now: () => NOW })
  const result = await mastodonNetwork.signIn(signInContext(http), { network: 'mastodon', server: fake.url })
  account = result.account
  credentials = result.credentials
  adapter = mastodonNetwork.createAdapter({
    account,
    http,
    credentials: { get: async () => credentials, set: async (c) => void (credentials = c) },
  })
}

afterEach(async () => {
  await fake?.close()
})

describe('sign-in', () => {
  beforeEach(async () => {
    fake = await startFakeMastodon()
    http = createHttp()
  })

  it('registers the app, passes the consent page with PKCE and state, and learns who we are', async () => {
    const ctx = signInContext(http)
    const { account, credentials } = await mastodonNetwork.signIn(ctx, { network: 'mastodon', server: fake.url })
    const host = new URL(fake.url).host
    expect(account).toEqual({
      id: `mastodon:${host}:${fake.me.id}`,
      network: 'mastodon',
      side: 'external',
      handle: `@sam@${host}`,
      displayName: fake.me.display_name,
      avatarUrl: fake.me.avatar,
      server: fake.url,
    })
    expect(account.id).not.toContain('/')
    expect(fake.tokens().issued).toEqual([credentials.accessToken])
    expect(credentials.clientId).toBeTruthy()
    expect(credentials.clientSecret).toBeTruthy()
    const authorize = new URL(ctx.authorizeUrls[0]!)
    expect(authorize.pathname).toBe('/oauth/authorize')
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: credentials.clientId,
      redirect_uri: 'http://127.0.0.1:53682/callback',
      scope: 'read write',
      code_challenge_method: 'S256',
    })
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(authorize.searchParams.get('state')).toBeTruthy()
    expect(ctx.closed).toBe(1)
  })

  it('stops with an error when the person denies access', async () => {
    const ctx = signInContext(http, { decision: 'deny' })
    await expect(mastodonNetwork.signIn(ctx, { network: 'mastodon', server: fake.url })).rejects.toThrow(/access_denied/)
    expect(fake.tokens().issued).toEqual([])
    expect(ctx.closed).toBe(1)
  })

  it('gets no token when the PKCE verifier does not match the challenge', async () => {
    const ctx = signInContext(http, { wrongVerifier: true })
    const e = await failure(mastodonNetwork.signIn(ctx, { network: 'mastodon', server: fake.url }))
    expect(e.kind).toBe('permanent')
    expect(e.details.status).toBe(400)
    expect(e.message).toMatch(/authorization grant is invalid/)
    expect(fake.tokens().issued).toEqual([])
    expect(ctx.closed).toBe(1)
  })

  it('refuses a bad server address before opening anything', async () => {
    const ctx = signInContext(http)
    await expect(mastodonNetwork.signIn(ctx, { network: 'mastodon', server: 'http://mastodon.social' })).rejects.toMatchObject({
      name: 'UserError',
      code: 'invalid-server',
    })
    expect(ctx.authorizeUrls).toEqual([])
    expect(ctx.closed).toBe(0)
  })
})

describe('normalizeServer', () => {
  it.each([
    ['mastodon.social', 'https://mastodon.social'],
    ['  https://mastodon.social/@Gargron  ', 'https://mastodon.social'],
    ['HTTPS://Mastodon.Social/', 'https://mastodon.social'],
    ['http://127.0.0.1:4001', 'http://127.0.0.1:4001'],
    ['http://localhost:3000/', 'http://localhost:3000'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
  ])('%s → %s', (input, origin) => {
    expect(normalizeServer(input).origin).toBe(origin)
  })

  it.each([
    '',
    '   ',
    'http://mastodon.social',
    'ftp://mastodon.social',
    'not a server',
    'https://user:pw@mastodon.social',
    'mastodon',
  ])('refuses %j with a UserError', (input) => {
    let error: unknown
    try {
      normalizeServer(input)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).code).toBe('invalid-server')
    expect((error as UserError).message.length).toBeGreaterThan(10)
  })
})

describe('columns', () => {
  beforeEach(() => signedIn())

  it('fills home, newest first, with the rate-limit headers read', async () => {
    const page = await adapter.fetchPage(column('home'), undefined, 'newer')
    expect(page.items.length).toBeGreaterThan(25)
    expect(idsDescending(page)).toBe(true)
    expect(page.items.some((i) => i.repostedBy)).toBe(true)
    expect(page.items.some((i) => i.warning)).toBe(true)
    expect(page.items.some((i) => i.attachments?.length)).toBe(true)
    expect(page.items.every((i) => i.id === `${account.id}/${i.remoteId}`)).toBe(true)
    expect(page.cursor.newer).toBe(page.items[0]!.remoteId)
    expect(page.cursor.older).toBe(page.items[page.items.length - 1]!.remoteId)
    expect(page.rateLimit).toMatchObject({ limit: 300, remaining: expect.any(Number) })
    const next = await adapter.fetchPage(column('home'), undefined, 'newer')
    expect(next.rateLimit!.remaining).toBe(page.rateLimit!.remaining! - 1)
    expect(next.rateLimit!.resetAt).toBeGreaterThan(0)
  })

  it('fills mentions with the statuses that mention the user', async () => {
    const page = await adapter.fetchPage(column('mentions'), undefined, 'newer')
    expect(page.items.length).toBeGreaterThanOrEqual(2)
    expect(page.items.every((i) => i.text.includes('@sam'))).toBe(true)
    expect(idsDescending(page)).toBe(true)
  })

  it('fills a hashtag column, with or without the #', async () => {
    const page = await adapter.fetchPage(column('hashtag', '#community'), undefined, 'newer')
    expect(page.items.length).toBeGreaterThanOrEqual(3)
    expect(page.items.every((i) => /#community\b/i.test(i.text))).toBe(true)
    const bare = await adapter.fetchPage(column('hashtag', 'community'), undefined, 'newer')
    expect(bare.items.map((i) => i.remoteId)).toEqual(page.items.map((i) => i.remoteId))
    expect(mastodonNetwork.columnTitle('hashtag', '#community')).toBe('#community')
  })

  it('says clearly when a column cannot exist', async () => {
    await expect(adapter.fetchPage(column('hashtag', ' # '), undefined, 'newer')).rejects.toMatchObject({
      code: 'invalid-target',
    })
    await expect(adapter.fetchPage(column('group', 'x'), undefined, 'newer')).rejects.toMatchObject({
      code: 'unsupported-column',
    })
    expect(await adapter.listTargets('hashtag')).toEqual([])
  })

  it('pages newer from the cursor: exactly what was posted since, then nothing', async () => {
    for (const [col, input] of [
      [column('home'), { text: 'Fresh off the press' }],
      [column('hashtag', 'community'), { tag: 'community' }],
      [column('mentions'), { mentionMe: true }],
    ] as const) {
      const first = await adapter.fetchPage(col, undefined, 'newer')
      const posted = fake.addStatus(input)
      const newer = await adapter.fetchPage(col, first.cursor, 'newer')
      expect(newer.items.map((i) => i.remoteId)).toEqual([posted.id])
      expect(newer.cursor.older).toBe(first.cursor.older)
      const none = await adapter.fetchPage(col, newer.cursor, 'newer')
      expect(none.items).toEqual([])
      expect(none.cursor).toEqual(newer.cursor)
    }
  })

  it('pages older until nothing remains, without gaps or repeats', async () => {
    for (let i = 0; i < 50; i++) fake.addStatus({ text: `Filler ${i}` })
    const seen: string[] = []
    let page = await adapter.fetchPage(column('home'), undefined, 'newer')
    seen.push(...page.items.map((i) => i.remoteId))
    expect(page.items).toHaveLength(40)
    let pages = 1
    while (page.hasMore) {
      page = await adapter.fetchPage(column('home'), page.cursor, 'older')
      seen.push(...page.items.map((i) => i.remoteId))
      pages += 1
      expect(pages).toBeLessThan(10)
    }
    expect(page.items).toEqual([])
    expect(new Set(seen).size).toBe(seen.length)
    const big = seen.map(BigInt)
    expect(big.every((id, i) => i === 0 || id < big[i - 1]!)).toBe(true)
    const all = (
      await fetch(`${fake.url}/api/v1/timelines/home?limit=40`, {
        headers: { authorization: `Bearer ${credentials.accessToken}` },
      })
    ).headers
    expect(all.get('link')).toContain('rel="next"')
    expect(seen.length).toBeGreaterThan(80)
  })
})

describe('threads', () => {
  beforeEach(() => signedIn())

  it('returns ancestors, the status and its replies in reading order', async () => {
    const home = await adapter.fetchPage(column('home'), undefined, 'newer')
    const middle = home.items.find((i) => i.text.includes('Same here on a monorepo'))!
    const thread = await adapter.fetchThread(middle.remoteId)
    const starts = thread.items.map((i) => i.text.replace(/^(@\w+ )+/, '').slice(0, 24))
    expect(starts).toEqual([
      'Has anyone seen `acme sy',
      'Thanks for flagging! Cou',
      'Same here on a monorepo.',
      'Yes! The lock file in .a',
      'I documented the workaro',
      'Could be the same race w',
    ])
    expect(thread.rootId).toBe(thread.items[0]!.id)
    expect(thread.items[1]!.parentId).toBe(thread.items[0]!.id)
    expect(thread.items[5]!.parentId).toBe(middle.id)
  })

  it('opens the boosted status’s conversation for a boost', async () => {
    const home = await adapter.fetchPage(column('home'), undefined, 'newer')
    const boost = home.items.find((i) => i.repostedBy)!
    const thread = await adapter.fetchThread(boost.remoteId)
    expect(thread.items.map((i) => i.id)).toContain(boost.threadId)
    expect(thread.items.some((i) => i.repostedBy)).toBe(false)
  })

  it('reports a missing status as a permanent failure', async () => {
    const e = await failure(adapter.fetchThread('1'))
    expect(e.kind).toBe('permanent')
    expect(e.details.status).toBe(404)
  })
})

describe('failures', () => {
  it('a 429 storm becomes rate-limited with the time from Retry-After', async () => {
    await signedIn()
    fake.faults.set({ kind: 'rate-limit', retryAfterSeconds: 120, count: 2 })
    for (let i = 0; i < 2; i++) {
      const e = await failure(adapter.fetchPage(column('home'), undefined, 'newer'))
      expect(e.kind).toBe('rate-limited')
      expect(e.details.retryAt).toBe(NOW + 120_000)
    }
    const ok = await adapter.fetchPage(column('home'), undefined, 'newer')
    expect(ok.items.length).toBeGreaterThan(0)
  })

  it('the server’s own limit answers 429 with the reset time when the budget is spent', async () => {
    await signedIn({ rateLimit: { limit: 4, windowSeconds: 60 }, now: () => NOW })
    // verify_credentials during sign-in used one request of this token's budget.
    const remaining: (number | undefined)[] = []
    for (let i = 0; i < 3; i++) remaining.push((await adapter.fetchPage(column('home'), undefined, 'newer')).rateLimit?.remaining)
    expect(remaining).toEqual([2, 1, 0])
    const e = await failure(adapter.fetchPage(column('mentions'), undefined, 'newer'))
    expect(e.kind).toBe('rate-limited')
    expect(e.details.retryAt).toBe(Date.parse('2025-03-04T10:01:00.000Z'))
  })

  it.each([
    ['unavailable', 503, 'transient'],
    ['server-error', 500, 'transient'],
  ] as const)('%s becomes a %s failure', async (kind, status, expected) => {
    await signedIn()
    fake.faults.set({ kind, count: 1 })
    const e = await failure(adapter.fetchPage(column('home'), undefined, 'newer'))
    expect(e.kind).toBe(expected)
    expect(e.details.status).toBe(status)
  })

  it('malformed JSON becomes a malformed failure', async () => {
    await signedIn()
    fake.faults.set({ kind: 'malformed', count: 1 })
    const e = await failure(adapter.fetchPage(column('mentions'), undefined, 'newer'))
    expect(e.kind).toBe('malformed')
  })

  it('signing out revokes the token: the next call is refused as auth', async () => {
    await signedIn()
    await mastodonNetwork.signOut({ http, account, credentials })
    expect(fake.tokens().revoked).toEqual([credentials.accessToken])
    const e = await failure(adapter.fetchPage(column('home'), undefined, 'newer'))
    expect(e.kind).toBe('auth')
    expect(e.message).toMatch(/access token is invalid/)
  })
})

describe('parseLinkHeader', () => {
  it('reads next and prev in any order and ignores what it cannot parse', () => {
    const links = parseLinkHeader(
      '<https://m.example/api/v1/timelines/home?min_id=9>; rel="prev",  <https://m.example/api/v1/timelines/home?max_id=3&limit=40>; rel="next", <nonsense>; rel="last"',
    )
    expect(links.next?.searchParams.get('max_id')).toBe('3')
    expect(links.prev?.searchParams.get('min_id')).toBe('9')
    expect(parseLinkHeader(null)).toEqual({})
    expect(parseLinkHeader('garbage')).toEqual({})
    expect(parseLinkHeader('<not a url>; rel="next"')).toEqual({})
  })
})
