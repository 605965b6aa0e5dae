// Salesforce sign-in: OAuth 2.0 web server flow with PKCE (S256) in the system browser,
// redirecting to a loopback URL; refresh with the refresh token; sign-out by revoking it.
import type { SignInRequest } from '../../../preload/contract'
import { NetworkFailure, UserError, isNetworkFailure } from '../../core/errors'
import type { Http } from '../../core/http/client'
import type { Credentials, SignInContext, SignInResult, SignOutContext } from '../types'
import { API_VERSION, IDENTITY_PATH, TokenResponseSchema, UserDetailSchema } from './schemas'

export const SCOPES = 'api chatter_api refresh_token'
export const SESSION_ENDED = 'Salesforce ended the session; sign in again.'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** The credentials we keep in the keychain for one Chatter account. */
export interface ChatterCredentials {
  accessToken: string
  refreshToken?: string
  instanceUrl: string
  clientId: string
  loginHost: string
}

/**
 * 'login' → https://login.salesforce.com, 'test' → https://test.salesforce.com, otherwise a My
 * Domain URL. https only; plain http only for a loopback host (our fake).
 */
export function resolveLoginHost(input: string | undefined): string {
  const value = (input ?? 'login').trim()
  if (value === '' || value.toLowerCase() === 'login') return 'https://login.salesforce.com'
  if (value.toLowerCase() === 'test') return 'https://test.salesforce.com'
  const origin = webOrigin(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`)
  if (!origin) {
    throw new UserError(
      'invalid-login-host',
      `"${value}" is not a Salesforce login host. Enter "login", "test", or your My Domain URL such as https://yourcompany.my.salesforce.com.`,
    )
  }
  return origin
}

/** The origin of an https URL (or http on loopback), or undefined when it is neither. */
export function webOrigin(url: string): string | undefined {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return undefined
  }
  if (u.username || u.password) return undefined
  if (u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname))) return u.origin
  return undefined
}

export function readCredentials(c: Credentials): ChatterCredentials {
  const { accessToken, refreshToken, instanceUrl, clientId, loginHost } = c
  if (!accessToken || !instanceUrl || !clientId || !loginHost) {
    throw new NetworkFailure('auth', `The stored Salesforce session is incomplete. ${SESSION_ENDED}`)
  }
  return { accessToken, refreshToken, instanceUrl, clientId, loginHost }
}

export function writeCredentials(c: ChatterCredentials): Credentials {
  const out: Credentials = {
    accessToken: c.accessToken,
    instanceUrl: c.instanceUrl,
    clientId: c.clientId,
    loginHost: c.loginHost,
  }
  if (c.refreshToken) out.refreshToken = c.refreshToken
  return out
}

export async function signIn(ctx: SignInContext, request: SignInRequest): Promise<SignInResult> {
  const loginHost = resolveLoginHost(request.loginHost)
  const clientId = request.clientId?.trim()
  if (!clientId) {
    throw new UserError(
      'missing-client-id',
      'Enter the consumer key of your Salesforce connected app (Setup → App Manager → your app → View).',
    )
  }
  const auth = await ctx.beginAuthorization()
  try {
    const authorize = new URL('/services/oauth2/authorize', loginHost)
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: auth.redirectUri,
      scope: SCOPES,
      state: auth.state,
      code_challenge: auth.codeChallenge,
      code_challenge_method: 'S256',
    }).toString()
    let code: string
    try {
      code = await auth.complete(authorize.toString())
    } catch (error) {
      throw explainAuthorizeFailure(error)
    }
    const token = await exchange(ctx.http, loginHost, {
      grant_type: 'authorization_code',
      code,
      client_id: clientId,
      redirect_uri: auth.redirectUri,
      code_verifier: auth.codeVerifier,
    })
    const instanceUrl = webOrigin(token.instance_url)
    if (!instanceUrl)
      throw new NetworkFailure('malformed', `Salesforce sent an instance URL we will not use: ${token.instance_url}.`)
    const ids = IDENTITY_PATH.exec(safePath(token.id))
    if (!ids) throw new NetworkFailure('malformed', `Salesforce sent an identity URL we do not understand: ${token.id}.`)
    const { data: me } = await ctx.http.json(
      {
        url: `${instanceUrl}/services/data/${API_VERSION}/chatter/users/me`,
        headers: { authorization: `Bearer ${token.access_token}` },
      },
      UserDetailSchema,
    )
    const credentials: ChatterCredentials = {
      accessToken: token.access_token,
      refreshToken: token.refresh_token,
      instanceUrl,
      clientId,
      loginHost,
    }
    return {
      account: {
        id: `chatter:${ids[1]}:${ids[2]}`,
        network: 'chatter',
        side: 'internal',
        handle: me.username || me.email || me.id,
        displayName: me.displayName || me.name || me.username || 'Salesforce user',
        ...(me.photo?.smallPhotoUrl ? { avatarUrl: me.photo.smallPhotoUrl } : {}),
        server: instanceUrl,
      },
      credentials: writeCredentials(credentials),
    }
  } finally {
    auth.close()
  }
}

async function exchange(http: Http, loginHost: string, form: Record<string, string>) {
  try {
    const { data } = await http.json({ url: `${loginHost}/services/oauth2/token`, method: 'POST', form }, TokenResponseSchema)
    return data
  } catch (error) {
    if (isNetworkFailure(error) && error.kind === 'permanent') {
      throw new UserError('sign-in-refused', `Salesforce refused the sign-in. ${error.message}`)
    }
    throw error
  }
}

/** The loopback listener rejects with the OAuth error the browser came back with; say what it means. */
function explainAuthorizeFailure(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error)
  if (/invalid_client_id|invalid_client\b/.test(message)) {
    return new UserError(
      'invalid-client-id',
      'Salesforce does not know this consumer key. Copy it from your connected app (Setup → App Manager → View) and check the login host.',
    )
  }
  if (/access_denied/.test(message))
    return new UserError('access-denied', 'Access was not allowed in Salesforce, so you are not signed in.')
  return error
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return ''
  }
}

/**
 * New access token from the refresh token (Salesforce returns no new refresh token unless rotation
 * is on; if it does, we keep it). A refused refresh means the session is over.
 */
export async function refreshSession(http: Http, c: ChatterCredentials): Promise<ChatterCredentials> {
  if (!c.refreshToken) throw new NetworkFailure('auth', SESSION_ENDED, { status: 401 })
  let data
  try {
    ;({ data } = await http.json(
      {
        url: `${c.loginHost}/services/oauth2/token`,
        method: 'POST',
        form: { grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId },
      },
      TokenResponseSchema,
    ))
  } catch (error) {
    // 400 invalid_grant (revoked or expired refresh token) or 401: the user must sign in again.
    if (isNetworkFailure(error) && (error.kind === 'permanent' || error.kind === 'auth')) {
      throw new NetworkFailure('auth', SESSION_ENDED, { status: error.details.status })
    }
    throw error
  }
  const instanceUrl = webOrigin(data.instance_url) ?? c.instanceUrl
  return { ...c, accessToken: data.access_token, refreshToken: data.refresh_token ?? c.refreshToken, instanceUrl }
}

/** Revoking the refresh token ends the session and every access token issued from it. */
export async function signOut(ctx: SignOutContext): Promise<void> {
  const { refreshToken, accessToken, loginHost, instanceUrl } = ctx.credentials
  const token = refreshToken || accessToken
  const host = webOrigin(loginHost ?? '') ?? webOrigin(instanceUrl ?? '')
  if (!token || !host) return
  await ctx.http.text({ url: `${host}/services/oauth2/revoke`, method: 'POST', form: { token } })
}
