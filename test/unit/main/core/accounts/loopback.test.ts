// The loopback OAuth listener with real HTTP requests: the test plays the browser with fetch.
import * as oauth from 'oauth4webapi'
import { afterEach, describe, expect, it } from 'vitest'
import { createLoopbackAuthorizer, SIGN_IN_TIMEOUT_MS } from '../../../../../main/core/accounts/loopback'
import { silentLogger } from '../../../../../main/core/capabilities'
import { UserError } from '../../../../../main/core/errors'
import type { LoopbackAuthorization } from '../../../../../main/networks/types'
import { createManualClock } from '../polling/manual-clock'

const AUTHORIZE = 'https://social.example/oauth/authorize?client_id=x'

let opened: string[] = []
let auths: LoopbackAuthorization[] = []
const clock = createManualClock()
const authorizer = createLoopbackAuthorizer({
  openUrl: async (url) => void opened.push(url),
  clock,
  logger: silentLogger,
})

async function begin() {
  const auth = await authorizer.begin()
  auths.push(auth)
  return auth
}

/** complete(), with the outcome observed at once (assertions come after the browser's visit). */
function completing(auth: LoopbackAuthorization): Promise<string> {
  const p = auth.complete(AUTHORIZE)
  p.catch(() => {})
  return p
}

/** The browser coming back to the redirect URI with these query parameters. */
async function browserReturns(auth: LoopbackAuthorization, params: Record<string, string>) {
  const url = new URL(auth.redirectUri)
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
  const res = await fetch(url)
  return { status: res.status, html: await res.text() }
}

afterEach(() => {
  for (const a of auths) a.close()
  auths = []
  opened = []
})

describe('loopback authorization', () => {
  it('prepares PKCE S256 and state, and listens on 127.0.0.1 with an ephemeral port', async () => {
    const auth = await begin()
    expect(auth.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/)
    expect(Number(new URL(auth.redirectUri).port)).toBeGreaterThan(0)
    expect(auth.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/)
    expect(auth.codeChallenge).toBe(await oauth.calculatePKCECodeChallenge(auth.codeVerifier))
    expect(auth.state.length).toBeGreaterThanOrEqual(32)
    const other = await begin()
    expect(other.state).not.toBe(auth.state)
    expect(other.codeVerifier).not.toBe(auth.codeVerifier)
  })

  it('opens the consent page and resolves with the code when the browser comes back with our state', async () => {
    const auth = await begin()
    const code = completing(auth)
    await clock.settle()
    expect(opened).toEqual([AUTHORIZE])
    const page = await browserReturns(auth, { code: 'the-code', state: auth.state })
    expect(page.status).toBe(200)
    expect(page.html).toContain('You are signed in to Crosstalk, you can close this tab.')
    await expect(code).resolves.toBe('the-code')
    // A second visit (reload) is told the sign-in is over.
    expect((await browserReturns(auth, { code: 'again', state: auth.state })).status).toBe(410)
  })

  it('rejects with "Sign-in was cancelled at <host>" on access_denied, and tells the browser', async () => {
    const auth = await begin()
    const code = completing(auth)
    const page = await browserReturns(auth, { error: 'access_denied', state: auth.state })
    expect(page.html).toContain('Sign-in was cancelled at social.example.')
    await expect(code).rejects.toEqual(new UserError('sign-in-cancelled', 'Sign-in was cancelled at social.example.'))
  })

  it('rejects on any other OAuth error with its description', async () => {
    const auth = await begin()
    const code = completing(auth)
    await browserReturns(auth, { error: 'invalid_scope', error_description: 'The scope <b>x</b> is unknown', state: auth.state })
    await expect(code).rejects.toMatchObject({
      code: 'sign-in-failed',
      message: expect.stringContaining('The scope <b>x</b> is unknown'),
    })
  })

  it('escapes what it echoes into the page', async () => {
    const auth = await begin()
    const code = completing(auth)
    const page = await browserReturns(auth, { error: 'x', error_description: '<script>alert(1)</script>', state: auth.state })
    expect(page.html).not.toContain('<script>alert(1)</script>')
    expect(page.html).toContain('&lt;script&gt;')
    await expect(code).rejects.toBeInstanceOf(UserError)
  })

  it('rejects on a state mismatch (stale tab or forged redirect) and does not accept the right one afterwards', async () => {
    const auth = await begin()
    const code = completing(auth)
    const page = await browserReturns(auth, { code: 'attacker-code', state: 'not-our-state' })
    expect(page.status).toBe(400)
    await expect(code).rejects.toMatchObject({ code: 'sign-in-state-mismatch' })
    expect((await browserReturns(auth, { code: 'c', state: auth.state })).status).toBe(410)
  })

  it('rejects when the browser comes back without a code', async () => {
    const auth = await begin()
    const code = completing(auth)
    await browserReturns(auth, { state: auth.state })
    await expect(code).rejects.toMatchObject({ code: 'sign-in-failed' })
  })

  it('ignores other paths (a favicon request) and keeps waiting', async () => {
    const auth = await begin()
    const code = completing(auth)
    const res = await fetch(new URL('/favicon.ico', auth.redirectUri))
    expect(res.status).toBe(404)
    await browserReturns(auth, { code: 'ok', state: auth.state })
    await expect(code).resolves.toBe('ok')
  })

  it('times out after 5 minutes on the injected clock', async () => {
    const auth = await begin()
    const code = completing(auth)
    let outcome: unknown
    code.catch((e: unknown) => (outcome = e))
    await clock.advance(SIGN_IN_TIMEOUT_MS - 1)
    expect(outcome).toBeUndefined()
    await clock.advance(1)
    expect(outcome).toMatchObject({ code: 'sign-in-timeout', message: expect.stringContaining('5 minutes') })
  })

  it('rejects when the browser cannot be opened', async () => {
    const failing = createLoopbackAuthorizer({
      openUrl: async () => {
        throw new Error('xdg-open not found')
      },
      clock,
      logger: silentLogger,
    })
    const auth = await failing.begin()
    auths.push(auth)
    await expect(auth.complete(AUTHORIZE)).rejects.toMatchObject({
      code: 'open-url-failed',
      message: expect.stringContaining('xdg-open not found'),
    })
  })

  it('close() stops listening; closeAll() closes every open listener', async () => {
    const auth = await begin()
    auth.close()
    await expect(fetch(auth.redirectUri)).rejects.toThrow()
    const a = await begin()
    const b = await begin()
    const pending = completing(a)
    authorizer.closeAll()
    await expect(pending).rejects.toMatchObject({ code: 'sign-in-closed' })
    await expect(fetch(b.redirectUri)).rejects.toThrow()
  })
})
