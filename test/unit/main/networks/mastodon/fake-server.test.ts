// The fake Mastodon itself must behave like the real server where our adapter could tell the
// difference: OAuth errors, paging semantics, Link headers, auth and control endpoints.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { s256 } from '../../../../fakes/common/pkce'
import { startFakeMastodon, type FakeMastodon } from '../../../../fakes/mastodon/server'

let fake: FakeMastodon
beforeEach(async () => {
  fake = await startFakeMastodon()
})
afterEach(() => fake.close())

const REDIRECT = 'http://127.0.0.1:53682/callback'
const VERIFIER = 'v'.repeat(43)

const post = (path: string, body: Record<string, string>) =>
  fetch(`${fake.url}${path}`, { method: 'POST', body: new URLSearchParams(body), redirect: 'manual' })

async function registerApp(scopes = 'read write') {
  const res = await post('/api/v1/apps', { client_name: 'Test', redirect_uris: REDIRECT, scopes })
  expect(res.status).toBe(200)
  return (await res.json()) as { client_id: string; client_secret: string; redirect_uris: string[]; scopes: string[] }
}

async function approvedCode(clientId: string, extra: Record<string, string> = {}) {
  const res = await post('/oauth/authorize', {
    client_id: clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'read',
    state: 's1',
    code_challenge: s256(VERIFIER),
    code_challenge_method: 'S256',
    decision: 'approve',
    ...extra,
  })
  expect(res.status).toBe(302)
  return new URL(res.headers.get('location')!).searchParams.get('code')!
}

async function token(clientId: string, clientSecret: string) {
  const code = await approvedCode(clientId)
  const res = await post('/oauth/token', {
    grant_type: 'authorization_code',
    code,
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uri: REDIRECT,
    code_verifier: VERIFIER,
  })
  return ((await res.json()) as { access_token: string }).access_token
}

describe('app registration and OAuth', () => {
  it('registers an app with the documented fields and refuses bad input with 422', async () => {
    const app = await registerApp()
    expect(app).toMatchObject({ name: 'Test', scopes: ['read', 'write'], redirect_uris: [REDIRECT], client_secret_expires_at: 0 })
    expect((await post('/api/v1/apps', { client_name: 'Test' })).status).toBe(422)
    const bad = await post('/api/v1/apps', { client_name: 'Test', redirect_uris: 'not a uri' })
    expect(bad.status).toBe(422)
    expect(await bad.json()).toEqual({ error: 'Validation failed: Redirect URI must be an absolute URI.' })
    expect((await post('/api/v1/apps', { client_name: 'Test', redirect_uris: REDIRECT, scopes: 'read everything' })).status).toBe(
      422,
    )
  })

  it('never redirects to an unknown client or an unregistered redirect URI', async () => {
    const app = await registerApp()
    const q = (p: Record<string, string>) =>
      fetch(`${fake.url}/oauth/authorize?${new URLSearchParams(p)}`, { redirect: 'manual' })
    const unknown = await q({ client_id: 'nope', redirect_uri: REDIRECT, response_type: 'code' })
    expect(unknown.status).toBe(401)
    expect(unknown.headers.get('location')).toBeNull()
    const elsewhere = await q({ client_id: app.client_id, redirect_uri: 'http://127.0.0.1:9/other', response_type: 'code' })
    expect(elsewhere.status).toBe(400)
    expect(elsewhere.headers.get('location')).toBeNull()
  })

  it.each([
    [{ code_challenge_method: 'plain' }, 'invalid_code_challenge_method'],
    [{ scope: 'read admin:write' }, 'invalid_scope'],
    [{ response_type: 'token' }, 'unsupported_response_type'],
  ])('redirects other authorization errors back with state (%j)', async (override, error) => {
    const app = await registerApp()
    const params = {
      client_id: app.client_id,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'read',
      state: 'xyz',
      code_challenge: s256(VERIFIER),
      code_challenge_method: 'S256',
      ...override,
    }
    const res = await fetch(`${fake.url}/oauth/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' })
    expect(res.status).toBe(302)
    const back = new URL(res.headers.get('location')!)
    expect(back.origin + back.pathname).toBe(REDIRECT)
    expect(back.searchParams.get('error')).toBe(error)
    expect(back.searchParams.get('state')).toBe('xyz')
  })

  it('answers token errors as Doorkeeper does and uses each code once', async () => {
    const app = await registerApp()
    const code = await approvedCode(app.client_id)
    const base = {
      grant_type: 'authorization_code',
      code,
      client_id: app.client_id,
      client_secret: app.client_secret,
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
    }
    const wrongSecret = await post('/oauth/token', { ...base, client_secret: 'x' })
    expect(wrongSecret.status).toBe(401)
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' })
    const wrongRedirect = await post('/oauth/token', { ...base, redirect_uri: 'http://127.0.0.1:9/other' })
    expect(wrongRedirect.status).toBe(400)
    expect(await wrongRedirect.json()).toMatchObject({ error: 'invalid_grant' })
    const ok = await post('/oauth/token', base)
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ token_type: 'Bearer', scope: 'read', created_at: expect.any(Number) })
    const again = await post('/oauth/token', base)
    expect(again.status).toBe(400)
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' })
    expect((await post('/oauth/token', { ...base, grant_type: 'password' })).status).toBe(400)
  })

  it('lets only the owning app revoke a token', async () => {
    const a = await registerApp()
    const b = await registerApp()
    const t = await token(a.client_id, a.client_secret)
    expect((await post('/oauth/revoke', { client_id: b.client_id, client_secret: b.client_secret, token: t })).status).toBe(403)
    expect(fake.tokens().revoked).toEqual([])
    const ok = await post('/oauth/revoke', { client_id: a.client_id, client_secret: a.client_secret, token: t })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({})
    expect(fake.tokens().revoked).toEqual([t])
  })
})

describe('API', () => {
  let auth: Record<string, string>
  beforeEach(async () => {
    const app = await registerApp()
    auth = { authorization: `Bearer ${await token(app.client_id, app.client_secret)}` }
  })
  const get = (path: string, headers: Record<string, string> = auth) => fetch(`${fake.url}${path}`, { headers })
  const ids = async (res: Response) => ((await res.json()) as { id: string }[]).map((s) => s.id)

  it('needs a token for home and notifications but not for hashtags; every answer carries X-RateLimit-*', async () => {
    const anon = await get('/api/v1/timelines/home', {})
    expect(anon.status).toBe(401)
    expect(await anon.json()).toEqual({ error: 'The access token is invalid' })
    expect(anon.headers.get('x-ratelimit-limit')).toBe('300')
    expect(Date.parse(anon.headers.get('x-ratelimit-reset')!)).not.toBeNaN()
    expect((await get('/api/v1/notifications', {})).status).toBe(401)
    expect((await get('/api/v1/timelines/tag/community', {})).status).toBe(200)
  })

  it('pages like Mastodon: since_id gives the newest above, min_id the ones immediately above', async () => {
    const all = await ids(await get('/api/v1/timelines/public?limit=40'))
    const floor = all[10]!
    const since = await ids(await get(`/api/v1/timelines/public?limit=3&since_id=${floor}`))
    expect(since).toEqual(all.slice(0, 3))
    const min = await ids(await get(`/api/v1/timelines/public?limit=3&min_id=${floor}`))
    expect(min).toEqual(all.slice(7, 10))
    const max = await ids(await get(`/api/v1/timelines/public?limit=3&max_id=${floor}`))
    expect(max).toEqual(all.slice(11, 14))
    expect((await get('/api/v1/timelines/public?limit=-1')).status).toBe(400)
    expect(await ids(await get('/api/v1/timelines/public?limit=500'))).toHaveLength(Math.min(40, all.length))
  })

  it('sends full-URL Link headers that keep the filter, and none for an empty page', async () => {
    const res = await get('/api/v1/notifications?types[]=mention&limit=2')
    const page = (await res.json()) as { id: string; type: string }[]
    expect(page.map((n) => n.type)).toEqual(['mention', 'mention'])
    const link = res.headers.get('link')!
    const next = new URL(/<([^>]+)>; rel="next"/.exec(link)![1]!)
    const prev = new URL(/<([^>]+)>; rel="prev"/.exec(link)![1]!)
    expect(next.origin).toBe(fake.url)
    expect(next.searchParams.get('max_id')).toBe(page[1]!.id)
    expect(next.searchParams.getAll('types[]')).toEqual(['mention'])
    expect(prev.searchParams.get('min_id')).toBe(page[0]!.id)
    const empty = await get(`/api/v1/notifications?types[]=mention&min_id=${page[0]!.id}`)
    expect(await empty.json()).toEqual([])
    expect(empty.headers.get('link')).toBeNull()
  })

  it('adds statuses through the control endpoint: replies join the thread, mentions notify', async () => {
    const root = fake.addStatus({ text: 'Root post' })
    const res = await fetch(`${fake.url}/__fake/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inReplyToId: root.id, mentionMe: true, author: 'carol' }),
    })
    const reply = (await res.json()) as { id: string; in_reply_to_id: string; account: { username: string } }
    expect(reply).toMatchObject({ in_reply_to_id: root.id, account: { username: 'carol' } })
    const context = (await (await get(`/api/v1/statuses/${root.id}/context`)).json()) as { descendants: { id: string }[] }
    expect(context.descendants.map((s) => s.id)).toEqual([reply.id])
    const mentions = (await (await get('/api/v1/notifications?types[]=mention&limit=1')).json()) as { status: { id: string } }[]
    expect(mentions[0]!.status.id).toBe(reply.id)

    const bad = await fetch(`${fake.url}/__fake/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"author":"nobody"}',
    })
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as { error: string }).error).toContain('nobody')
  })

  it('switches faults on and off over HTTP', async () => {
    const on = await fetch(`${fake.url}/__fake/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"kind":"unavailable","retryAfterSeconds":7}',
    })
    expect(on.status).toBe(200)
    const down = await get('/api/v1/timelines/home')
    expect(down.status).toBe(503)
    expect(down.headers.get('retry-after')).toBe('7')
    await fetch(`${fake.url}/__fake/faults`, { method: 'DELETE' })
    expect((await get('/api/v1/timelines/home')).status).toBe(200)
    const invalid = await fetch(`${fake.url}/__fake/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"kind":"meteor"}',
    })
    expect(invalid.status).toBe(422)
  })
})
