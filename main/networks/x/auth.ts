// Signing in to X with OAuth 2.0 (authorization code + PKCE S256 + state) as a public client
// with the user's own client id; offline.access gives a refresh token, which rotates on every
// refresh, and media.write lets posts carry images. The scopes X granted are kept with the tokens,
// so an account signed in before Crosstalk asked for media.write is told to sign in again.
// Signing out revokes the token.
import type { SignInRequest } from '../../../preload/contract'
import { NetworkFailure, UserError } from '../../core/errors'
import type { Http } from '../../core/http/client'
import type { Credentials, SignInContext, SignInResult, SignOutContext } from '../types'
import { xRateLimit } from './rate-limit'
import { MeSchema, TokenSchema } from './schemas'

export const SCOPES = 'tweet.read users.read tweet.write like.write media.write offline.access'
export const SESSION_ENDED = 'X ended this session; sign in again.'

export interface XEndpoints extends Record<string, string> {
  authorize: string
  api: string
}

export async function signIn(ctx: SignInContext, request: SignInRequest, e: XEndpoints): Promise<SignInResult> {
  const clientId = (request.clientId ?? '').trim()
  if (!/^[A-Za-z0-9_-]{10,}$/.test(clientId))
    throw new UserError(
      'invalid-client-id',
      'Enter the OAuth 2.0 Client ID of your X app (Developer Portal → your app → Keys and tokens).',
    )
  const auth = await ctx.beginAuthorization()
  try {
    const authorize = new URL(`${e.authorize}/i/oauth2/authorize`)
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: auth.redirectUri,
      scope: SCOPES,
      state: auth.state,
      code_challenge: auth.codeChallenge,
      code_challenge_method: 'S256',
    }).toString()
    const code = await auth.complete(authorize.toString())
    const { data: token } = await ctx.http.json(
      {
        url: `${e.api}/2/oauth2/token`,
        method: 'POST',
        form: {
          code,
          grant_type: 'authorization_code',
          client_id: clientId,
          redirect_uri: auth.redirectUri,
          code_verifier: auth.codeVerifier,
        },
        rateLimit: xRateLimit,
      },
      TokenSchema,
    )
    const { data: me } = await ctx.http.json(
      {
        url: `${e.api}/2/users/me`,
        searchParams: { 'user.fields': 'profile_image_url' },
        headers: { authorization: `Bearer ${token.access_token}` },
        rateLimit: xRateLimit,
      },
      MeSchema,
    )
    return {
      account: {
        id: `x:${me.data.id}`,
        network: 'x',
        side: 'external',
        handle: `@${me.data.username}`,
        displayName: me.data.name,
        avatarUrl: me.data.profile_image_url,
      },
      credentials: {
        accessToken: token.access_token,
        refreshToken: token.refresh_token ?? '',
        clientId,
        userId: me.data.id,
        // What X granted (the token answer lists it); asked-for scopes when it does not say.
        scope: token.scope ?? SCOPES,
      },
    }
  } finally {
    auth.close()
  }
}

export async function refreshTokens(http: Http, e: XEndpoints, c: Credentials): Promise<Credentials> {
  if (!c.refreshToken || !c.clientId) throw new NetworkFailure('auth', SESSION_ENDED)
  try {
    const { data } = await http.json(
      {
        url: `${e.api}/2/oauth2/token`,
        method: 'POST',
        form: { grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId },
        rateLimit: xRateLimit,
      },
      TokenSchema,
    )
    return {
      ...c,
      accessToken: data.access_token,
      refreshToken: data.refresh_token ?? c.refreshToken,
      ...(data.scope !== undefined ? { scope: data.scope } : {}),
    }
  } catch (error) {
    if (error instanceof NetworkFailure && (error.kind === 'permanent' || error.kind === 'auth'))
      throw new NetworkFailure('auth', SESSION_ENDED)
    throw error
  }
}

export async function signOut(ctx: SignOutContext, e: XEndpoints): Promise<void> {
  const { accessToken, clientId } = ctx.credentials
  if (!accessToken || !clientId) return
  await ctx.http.text({
    url: `${e.api}/2/oauth2/revoke`,
    method: 'POST',
    form: { token: accessToken, client_id: clientId, token_type_hint: 'access_token' },
  })
}
