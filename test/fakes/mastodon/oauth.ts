// App registration and OAuth 2.0 as Mastodon (Doorkeeper) does it: POST /api/v1/apps,
// GET/POST /oauth/authorize (consent page, PKCE S256 only), POST /oauth/token, POST /oauth/revoke.
import { randomBytes } from 'node:crypto'
import { consentPage, consentRedirect } from '../common/consent'
import { verifyPkce } from '../common/pkce'
import { json, type FakeRequest, type FakeResponse, type Router } from '../common/server'

interface App {
  id: string
  name: string
  website: string | null
  redirectUris: string[]
  scopes: string[]
  clientId: string
  clientSecret: string
}

interface AuthorizeRequest {
  app: App
  redirectUri: string
  scopes: string[]
  state?: string
  challenge?: string
}

interface Grant {
  clientId: string
  redirectUri: string
  scopes: string[]
  challenge?: string
  expiresAt: number
}

export interface TokenRecord {
  token: string
  clientId: string
  scopes: string[]
  /** false for client_credentials (app-only) tokens. */
  user: boolean
  createdAt: number
  revoked: boolean
}

const TOP_SCOPES = ['read', 'write', 'follow', 'push', 'profile']
const validScope = (s: string) => TOP_SCOPES.includes(s) || /^(read|write|admin:read|admin:write):[a-z_]+$/.test(s)
const splitScopes = (s: unknown, fallback = 'read') => (typeof s === 'string' && s.trim() ? s.trim().split(/[\s+]+/) : [fallback])
const secret = () => randomBytes(32).toString('base64url')

const ERRORS = {
  invalid_request:
    'The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.',
  invalid_client:
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  invalid_grant:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  unsupported_grant_type: 'The authorization grant type is not supported by the authorization server.',
  invalid_scope: 'The requested scope is invalid, unknown, or malformed.',
  unsupported_response_type: 'The authorization server does not support this response type.',
  invalid_code_challenge_method: 'The code challenge method must be S256.',
  access_denied: 'The resource owner or authorization server denied the request.',
  invalid_redirect_uri: 'The requested redirect uri is malformed or doesn\u2019t match client redirect URI.',
} as const
type OAuthError = keyof typeof ERRORS
const oauthError = (error: OAuthError, status: number, description: string = ERRORS[error]) =>
  json({ error, error_description: description }, status)

const errorPage = (error: OAuthError): FakeResponse => ({
  status: 400,
  contentType: 'text/html; charset=utf-8',
  text: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An error has occurred</title></head><body><main><h1>An error has occurred</h1><p>${ERRORS[error]}</p><p><code>${error}</code></p></main></body></html>`,
})

export function createOAuth(now: () => number) {
  const apps = new Map<string, App>()
  const grants = new Map<string, Grant>()
  const tokens = new Map<string, TokenRecord>()
  let nextAppId = 563_419

  const field = (req: FakeRequest, name: string): string | undefined => {
    const v = req.body[name] ?? req.url.searchParams.get(name) ?? undefined
    return typeof v === 'string' ? v : undefined
  }

  /** client_id/client_secret from the body or HTTP Basic, as Doorkeeper accepts them. */
  function clientFrom(req: FakeRequest): App | undefined {
    let id = field(req, 'client_id')
    let sec = field(req, 'client_secret')
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '')
    if (basic?.[1]) {
      const [u, p] = Buffer.from(basic[1], 'base64').toString('utf8').split(':')
      id = decodeURIComponent(u ?? '')
      sec = decodeURIComponent(p ?? '')
    }
    const app = id ? apps.get(id) : undefined
    return app && app.clientSecret === sec ? app : undefined
  }

  /** Validates an authorization request (query of GET, form of POST). Errors that may not redirect render a page. */
  function checkAuthorize(req: FakeRequest): AuthorizeRequest | { refused: FakeResponse } {
    const app = apps.get(field(req, 'client_id') ?? '')
    if (!app) return { refused: { ...errorPage('invalid_client'), status: 401 } }
    const redirectUri = field(req, 'redirect_uri')
    if (!redirectUri || !app.redirectUris.includes(redirectUri)) return { refused: errorPage('invalid_redirect_uri') }
    const state = field(req, 'state')
    const fail = (error: OAuthError) => ({
      refused: consentRedirect(redirectUri, {
        error,
        error_description: ERRORS[error],
        ...(state !== undefined ? { state } : {}),
      }),
    })
    if (field(req, 'response_type') !== 'code') return fail('unsupported_response_type')
    const scopes = splitScopes(field(req, 'scope'))
    if (!scopes.every((s) => app.scopes.includes(s))) return fail('invalid_scope')
    const challenge = field(req, 'code_challenge')
    if (challenge !== undefined && (field(req, 'code_challenge_method') ?? 'plain') !== 'S256')
      return fail('invalid_code_challenge_method')
    return { app, redirectUri, scopes, state, challenge }
  }

  function issue(clientId: string, scopes: string[], user: boolean): TokenRecord {
    const rec: TokenRecord = { token: secret(), clientId, scopes, user, createdAt: now(), revoked: false }
    tokens.set(rec.token, rec)
    return rec
  }
  const tokenJson = (t: TokenRecord) =>
    json({ access_token: t.token, token_type: 'Bearer', scope: t.scopes.join(' '), created_at: Math.floor(t.createdAt / 1000) })

  function register(
    router: Router,
    apiRoute: (method: string, path: string, handler: (req: FakeRequest) => FakeResponse) => void,
  ) {
    apiRoute('POST', '/api/v1/apps', (req) => {
      const name = req.body.client_name
      const raw = req.body.redirect_uris
      const website = typeof req.body.website === 'string' && req.body.website ? req.body.website : null
      if (typeof name !== 'string' || !name.trim())
        return json({ error: "Validation failed: Application name can't be blank" }, 422)
      const uris = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split('\n') : [])
        .map((u) => String(u).trim())
        .filter(Boolean)
      if (uris.length === 0) return json({ error: "Validation failed: Redirect URI can't be blank" }, 422)
      for (const u of uris) {
        if (u === 'urn:ietf:wg:oauth:2.0:oob') continue
        try {
          const parsed = new URL(u)
          if (parsed.hash) return json({ error: 'Validation failed: Redirect URI cannot contain a fragment.' }, 422)
        } catch {
          return json({ error: 'Validation failed: Redirect URI must be an absolute URI.' }, 422)
        }
      }
      const scopes = splitScopes(req.body.scopes)
      if (!scopes.every(validScope))
        return json({ error: "Validation failed: Scopes doesn't match configured on the server." }, 422)
      const app: App = {
        id: String(nextAppId++),
        name: name.trim(),
        website,
        redirectUris: uris,
        scopes,
        clientId: secret(),
        clientSecret: secret(),
      }
      apps.set(app.clientId, app)
      return json({
        id: app.id,
        name: app.name,
        website: app.website,
        scopes: app.scopes,
        redirect_uri: app.redirectUris.join('\n'),
        redirect_uris: app.redirectUris,
        client_id: app.clientId,
        client_secret: app.clientSecret,
        client_secret_expires_at: 0,
        vapid_key: 'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=',
      })
    })

    // The signed-in person on this fake is always the instance's `me`; the page asks only for consent.
    router.on('GET', '/oauth/authorize', (req) => {
      const checked = checkAuthorize(req)
      if ('refused' in checked) return checked.refused
      const hidden: Record<string, string> = {
        client_id: checked.app.clientId,
        redirect_uri: checked.redirectUri,
        response_type: 'code',
        scope: checked.scopes.join(' '),
      }
      if (checked.state !== undefined) hidden.state = checked.state
      if (checked.challenge !== undefined) {
        hidden.code_challenge = checked.challenge
        hidden.code_challenge_method = 'S256'
      }
      return {
        status: 200,
        contentType: 'text/html; charset=utf-8',
        text: consentPage({
          title: 'Authorization required',
          appName: checked.app.name,
          scopes: checked.scopes.join(' '),
          action: '/oauth/authorize',
          hidden,
        }),
      }
    })

    router.on('POST', '/oauth/authorize', (req) => {
      const checked = checkAuthorize(req)
      if ('refused' in checked) return checked.refused
      const state: Record<string, string> = checked.state !== undefined ? { state: checked.state } : {}
      if (req.body.decision !== 'approve')
        return consentRedirect(checked.redirectUri, { error: 'access_denied', error_description: ERRORS.access_denied, ...state })
      const code = secret()
      grants.set(code, {
        clientId: checked.app.clientId,
        redirectUri: checked.redirectUri,
        scopes: checked.scopes,
        challenge: checked.challenge,
        expiresAt: now() + 10 * 60_000,
      })
      return consentRedirect(checked.redirectUri, { code, ...state })
    })

    router.on('POST', '/oauth/token', (req) => {
      const grantType = field(req, 'grant_type')
      if (!grantType) return oauthError('invalid_request', 400, 'Missing required parameter: grant_type.')
      if (grantType !== 'authorization_code' && grantType !== 'client_credentials')
        return oauthError('unsupported_grant_type', 400)
      const app = clientFrom(req)
      if (!app) return oauthError('invalid_client', 401)
      if (grantType === 'client_credentials') {
        const scopes = splitScopes(field(req, 'scope'))
        if (!scopes.every((s) => app.scopes.includes(s))) return oauthError('invalid_scope', 400)
        return tokenJson(issue(app.clientId, scopes, false))
      }
      const code = field(req, 'code')
      if (!code) return oauthError('invalid_request', 400, 'Missing required parameter: code.')
      const grant = grants.get(code)
      if (
        !grant ||
        grant.clientId !== app.clientId ||
        grant.expiresAt < now() ||
        grant.redirectUri !== field(req, 'redirect_uri')
      )
        return oauthError('invalid_grant', 400)
      const verifier = field(req, 'code_verifier')
      if (grant.challenge !== undefined && verifier === undefined)
        return oauthError('invalid_request', 400, 'Missing required parameter: code_verifier.')
      grants.delete(code) // single use, also when the verifier is wrong
      if (!verifyPkce(grant.challenge, verifier)) return oauthError('invalid_grant', 400)
      return tokenJson(issue(app.clientId, grant.scopes, true))
    })

    router.on('POST', '/oauth/revoke', (req) => {
      const app = clientFrom(req)
      const token = field(req, 'token')
      const rec = token ? tokens.get(token) : undefined
      if (!app || !token || (rec && rec.clientId !== app.clientId))
        return json({ error: 'unauthorized_client', error_description: 'You are not authorized to revoke this token' }, 403)
      if (rec) rec.revoked = true
      return json({})
    })
  }

  return {
    register,
    /** The live token behind an Authorization header, or undefined (missing, unknown, revoked). */
    bearer(req: FakeRequest): TokenRecord | undefined {
      const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')
      const rec = m?.[1] ? tokens.get(m[1]) : undefined
      return rec && !rec.revoked ? rec : undefined
    },
    tokens: () => ({
      issued: [...tokens.values()].map((t) => t.token),
      revoked: [...tokens.values()].filter((t) => t.revoked).map((t) => t.token),
    }),
  }
}
