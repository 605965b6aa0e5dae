// The login-host half of the fake: Salesforce's OAuth 2.0 web server flow with PKCE
// (/services/oauth2/authorize, /token, /revoke), the "Allow Access?" consent page, and the
// session (access token) bookkeeping the data API checks.
import { randomBytes, createHmac } from 'node:crypto'
import { consentPage, consentRedirect } from '../common/consent'
import { verifyPkce } from '../common/pkce'
import { json, type FakeRequest, type FakeResponse, type Router } from '../common/server'
import type { ChatterStore } from './data'

export interface OAuthOptions {
  consumerKey: string
  /** Access tokens expire after this many seconds (Salesforce: the org's session timeout). */
  tokenLifetimeSeconds?: number
  /** The fake's own origin, known once it listens. */
  base: () => string
  now?: () => number
}

export interface Sessions {
  /** True when the Authorization header carries a live access token. */
  check(authorization: string | undefined): boolean
  expireAll(): void
  tokens(): { issued: string[]; revoked: string[] }
}

interface AccessToken {
  issuedAt: number
  refreshToken?: string
  expired: boolean
  revoked: boolean
}

const CONSENT_PATH = '/setup/secur/RemoteAccessAuthorizationPage.apexp'
const random = (bytes = 24) => randomBytes(bytes).toString('base64url')
const oauthError = (error: string, description: string, status = 400): FakeResponse =>
  json({ error, error_description: description }, status)

export function isLoopbackRedirect(uri: string): boolean {
  try {
    const u = new URL(uri)
    return u.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname)
  } catch {
    return false
  }
}

export function installOAuth(router: Router, store: ChatterStore, options: OAuthOptions): Sessions {
  const now = options.now ?? Date.now
  const pending = new Map<string, { clientId: string; redirectUri: string; state?: string; challenge?: string; scope: string }>()
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge?: string; scope: string; expiresAt: number }>()
  const refreshTokens = new Map<string, { clientId: string; scope: string; revoked: boolean }>()
  const accessTokens = new Map<string, AccessToken>()
  const issued: string[] = []
  const revoked: string[] = []

  function tokenBody(accessToken: string, scope: string, refreshToken?: string) {
    const base = options.base()
    const id = `${base}/id/${store.orgId}/${store.me.id}`
    const issuedAt = String(now())
    return {
      access_token: accessToken,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      signature: createHmac('sha256', options.consumerKey)
        .update(id + issuedAt)
        .digest('base64'),
      scope,
      instance_url: base,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    }
  }

  function issueAccess(refreshToken?: string): string {
    const token = `${store.orgId.slice(0, 15)}!${random(32)}`
    accessTokens.set(token, { issuedAt: now(), refreshToken, expired: false, revoked: false })
    issued.push(token)
    return token
  }

  router.on('GET', '/services/oauth2/authorize', (req) => {
    const q = req.url.searchParams
    const redirectUri = q.get('redirect_uri') ?? ''
    if (!isLoopbackRedirect(redirectUri)) {
      return {
        status: 400,
        text: errorPage('redirect_uri_mismatch', 'redirect_uri must match configuration'),
        contentType: 'text/html; charset=utf-8',
      }
    }
    const state = q.get('state') ?? undefined
    const fail = (error: string, description: string) =>
      consentRedirect(redirectUri, { error, error_description: description, ...(state ? { state } : {}) })
    if (q.get('client_id') !== options.consumerKey) return fail('invalid_client_id', 'client identifier invalid')
    if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'response type not supported')
    const challenge = q.get('code_challenge') ?? undefined
    const method = q.get('code_challenge_method') ?? 'S256'
    if (challenge && method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256')
    const scope = q.get('scope') ?? 'api refresh_token'
    const txn = random(16)
    pending.set(txn, { clientId: options.consumerKey, redirectUri, state, challenge, scope })
    return {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      text: consentPage({ title: 'Allow Access?', appName: 'Crosstalk', scopes: scope, action: CONSENT_PATH, hidden: { txn } }),
    }
  })

  router.on('POST', CONSENT_PATH, (req) => {
    const txn = typeof req.body.txn === 'string' ? req.body.txn : ''
    const p = pending.get(txn)
    if (!p)
      return {
        status: 400,
        text: errorPage('invalid_request', 'This authorization request expired. Start again.'),
        contentType: 'text/html; charset=utf-8',
      }
    pending.delete(txn)
    const state: Record<string, string> = p.state ? { state: p.state } : {}
    if (req.body.decision !== 'approve')
      return consentRedirect(p.redirectUri, {
        error: 'access_denied',
        error_description: 'end-user denied authorization',
        ...state,
      })
    const code = `aPrx${random(24)}`
    codes.set(code, {
      clientId: p.clientId,
      redirectUri: p.redirectUri,
      challenge: p.challenge,
      scope: p.scope,
      expiresAt: now() + 15 * 60_000,
    })
    return consentRedirect(p.redirectUri, { code, ...state })
  })

  router.on('POST', '/services/oauth2/token', (req) => token(req))

  function token(req: FakeRequest): FakeResponse {
    const b = req.body
    if (b.grant_type === 'authorization_code') {
      const code = typeof b.code === 'string' ? codes.get(b.code) : undefined
      if (b.client_id !== options.consumerKey) return oauthError('invalid_client_id', 'client identifier invalid')
      if (!code || code.expiresAt < now()) return oauthError('invalid_grant', 'invalid authorization code')
      codes.delete(b.code as string)
      if (b.redirect_uri !== code.redirectUri) return oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration')
      if (code.challenge && b.code_verifier === undefined) return oauthError('invalid_grant', 'invalid code verifier')
      if (!verifyPkce(code.challenge, b.code_verifier)) return oauthError('invalid_request', 'invalid code verifier')
      const scopes = code.scope.split(/\s+/)
      const refresh = scopes.includes('refresh_token') || scopes.includes('full') ? `5Aep${random(32)}` : undefined
      if (refresh) refreshTokens.set(refresh, { clientId: code.clientId, scope: code.scope, revoked: false })
      return json(tokenBody(issueAccess(refresh), code.scope, refresh))
    }
    if (b.grant_type === 'refresh_token') {
      const rt = typeof b.refresh_token === 'string' ? refreshTokens.get(b.refresh_token) : undefined
      if (b.client_id !== options.consumerKey) return oauthError('invalid_client_id', 'client identifier invalid')
      if (!rt || rt.revoked) return oauthError('invalid_grant', 'expired access/refresh token')
      // Like Salesforce without refresh-token rotation: a new access token, no new refresh token.
      return json(tokenBody(issueAccess(b.refresh_token as string), rt.scope))
    }
    return oauthError('unsupported_grant_type', 'grant type not supported')
  }

  router.on('POST', '/services/oauth2/revoke', (req) => {
    const t = typeof req.body.token === 'string' ? req.body.token : ''
    const rt = refreshTokens.get(t)
    if (rt) {
      rt.revoked = true
      revoked.push(t)
      for (const [access, info] of accessTokens) {
        if (info.refreshToken === t && !info.revoked) {
          info.revoked = true
          revoked.push(access)
        }
      }
      return { status: 200 }
    }
    const at = accessTokens.get(t)
    if (at) {
      if (!at.revoked) revoked.push(t)
      at.revoked = true
      return { status: 200 }
    }
    return oauthError('invalid_token', 'invalid token')
  })

  const lifetimeMs = options.tokenLifetimeSeconds === undefined ? Infinity : options.tokenLifetimeSeconds * 1000
  return {
    check(authorization) {
      const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(authorization ?? '')
      const info = m ? accessTokens.get(m[1]!) : undefined
      return !!info && !info.revoked && !info.expired && now() - info.issuedAt < lifetimeMs
    },
    expireAll() {
      for (const info of accessTokens.values()) info.expired = true
    },
    tokens: () => ({ issued: [...issued], revoked: [...revoked] }),
  }
}

function errorPage(error: string, description: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><main><h1>Remote Access Error</h1><p>error=${esc(error)}&amp;error_description=${esc(description)}</p></main></body></html>`
}
