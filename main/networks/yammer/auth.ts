// Signing in to Viva Engage (Yammer) through the Microsoft identity platform v2: authorization
// code + PKCE S256 + state with the organisation's own app registration (client id + tenant),
// loopback redirect, public client (no secret). The refresh token rotates on every refresh.
// There is no revocation endpoint for v2 tokens: signing out forgets them.
import type { SignInRequest } from '../../../preload/contract'
import { NetworkFailure, UserError } from '../../core/errors'
import type { Http } from '../../core/http/client'
import type { Credentials, SignInContext, SignInResult } from '../types'
import { CurrentUserSchema, TokenSchema } from './schemas'

export const SCOPES = 'https://api.yammer.com/user_impersonation offline_access'
export const SESSION_ENDED = 'Viva Engage ended this session; sign in again.'

export interface YammerEndpoints extends Record<string, string> {
  identity: string
  api: string
}

const TENANT = /^([a-z0-9-]+(\.[a-z0-9-]+)+|[0-9a-f-]{36}|common|organizations)$/i

export function checkTenant(raw: string | undefined): string {
  const t = (raw ?? '').trim()
  if (!TENANT.test(t))
    throw new UserError(
      'invalid-tenant',
      'Enter your tenant: its domain (contoso.onmicrosoft.com), its directory ID, or "organizations".',
    )
  return t
}

const tokenUrl = (e: YammerEndpoints, tenant: string) => `${e.identity}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`

/** Microsoft error answers ({error, error_description: "AADSTS…"}) as messages a person can act on. */
function explain(error: unknown): never {
  if (
    error instanceof NetworkFailure &&
    error.kind === 'permanent' &&
    /AADSTS700016|invalid_client|unauthorized_client/i.test(error.message)
  )
    throw new UserError(
      'invalid-client-id',
      'Microsoft does not know that application (client) ID in this tenant. Check the app registration.',
    )
  throw error
}

export async function signIn(ctx: SignInContext, request: SignInRequest, e: YammerEndpoints): Promise<SignInResult> {
  const clientId = (request.clientId ?? '').trim()
  if (!/^[0-9a-f-]{36}$/i.test(clientId) && !/^[\w.-]{8,}$/.test(clientId))
    throw new UserError('invalid-client-id', 'Enter the application (client) ID of your organisation’s app registration.')
  const tenant = checkTenant(request.tenant)
  const auth = await ctx.beginAuthorization()
  try {
    const authorize = new URL(`${e.identity}/${encodeURIComponent(tenant)}/oauth2/v2.0/authorize`)
    authorize.search = new URLSearchParams({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: auth.redirectUri,
      response_mode: 'query',
      scope: SCOPES,
      state: auth.state,
      code_challenge: auth.codeChallenge,
      code_challenge_method: 'S256',
    }).toString()
    const code = await auth.complete(authorize.toString())
    const { data: token } = await ctx.http
      .json(
        {
          url: tokenUrl(e, tenant),
          method: 'POST',
          form: {
            client_id: clientId,
            grant_type: 'authorization_code',
            code,
            redirect_uri: auth.redirectUri,
            code_verifier: auth.codeVerifier,
            scope: SCOPES,
          },
        },
        TokenSchema,
      )
      .catch(explain)
    const { data: me } = await ctx.http.json(
      { url: `${e.api}/api/v1/users/current.json`, headers: { authorization: `Bearer ${token.access_token}` } },
      CurrentUserSchema,
    )
    return {
      account: {
        id: `yammer:${me.network_id ?? tenant}:${me.id}`,
        network: 'yammer',
        side: 'internal',
        handle: me.email ?? me.full_name,
        displayName: me.full_name,
        avatarUrl: me.mugshot_url,
        server: me.network_name,
      },
      credentials: { accessToken: token.access_token, refreshToken: token.refresh_token ?? '', clientId, tenant },
    }
  } finally {
    auth.close()
  }
}

/** Trades the refresh token for new tokens (the old refresh token stops working). */
export async function refreshTokens(http: Http, e: YammerEndpoints, c: Credentials): Promise<Credentials> {
  if (!c.refreshToken || !c.clientId || !c.tenant) throw new NetworkFailure('auth', SESSION_ENDED)
  try {
    const { data } = await http.json(
      {
        url: tokenUrl(e, c.tenant),
        method: 'POST',
        form: { client_id: c.clientId, grant_type: 'refresh_token', refresh_token: c.refreshToken, scope: SCOPES },
      },
      TokenSchema,
    )
    return { ...c, accessToken: data.access_token, refreshToken: data.refresh_token ?? c.refreshToken }
  } catch (error) {
    if (error instanceof NetworkFailure && (error.kind === 'permanent' || error.kind === 'auth'))
      throw new NetworkFailure('auth', SESSION_ENDED)
    throw error
  }
}
