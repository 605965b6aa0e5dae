// Facebook Login (manual flow) with the user's own app id: authorization code + PKCE S256 +
// state via the loopback redirect; the code is exchanged without an app secret (PKCE), then
// /me/accounts gives a token per Page the person manages. One Crosstalk account per person;
// each column names the Page it reads. Signing out removes the app's permissions.
import type { ZodType } from 'zod'
import type { SignInRequest } from '../../../preload/contract'
import { UserError } from '../../core/errors'
import type { Http } from '../../core/http/client'
import type { Credentials, SignInContext, SignInResult, SignOutContext } from '../types'
import { facebookRateLimit, graphFailure } from './rate-limit'
import { GRAPH_VERSION, PageListSchema, SuccessSchema, TokenSchema, UserSchema } from './schemas'

export const SCOPES = 'pages_show_list,pages_read_engagement,pages_read_user_content,pages_manage_engagement,pages_manage_posts'

export interface FacebookEndpoints extends Record<string, string> {
  dialog: string
  graph: string
}

/** Page tokens live in the credentials as "page:<id>" → token; names as "name:<id>". */
export const pageTokenKey = (pageId: string) => `page:${pageId}`

export async function graphGet<T>(
  http: Http,
  e: FacebookEndpoints,
  path: string,
  params: Record<string, string>,
  schema: ZodType<T>,
) {
  try {
    return await http.json(
      { url: `${e.graph}/${GRAPH_VERSION}/${path}`, searchParams: params, rateLimit: facebookRateLimit },
      schema,
    )
  } catch (error) {
    throw graphFailure(error, Date.now())
  }
}

export async function signIn(ctx: SignInContext, request: SignInRequest, e: FacebookEndpoints): Promise<SignInResult> {
  const appId = (request.clientId ?? '').trim()
  if (!/^\d{5,20}$/.test(appId))
    throw new UserError(
      'invalid-client-id',
      'Enter your Facebook App ID (digits only; Meta for Developers → your app → Settings → Basic).',
    )
  const auth = await ctx.beginAuthorization()
  try {
    const dialog = new URL(`${e.dialog}/${GRAPH_VERSION}/dialog/oauth`)
    dialog.search = new URLSearchParams({
      client_id: appId,
      redirect_uri: auth.redirectUri,
      state: auth.state,
      response_type: 'code',
      scope: SCOPES,
      code_challenge: auth.codeChallenge,
      code_challenge_method: 'S256',
    }).toString()
    const code = await auth.complete(dialog.toString())
    const { data: token } = await graphGet(
      ctx.http,
      e,
      'oauth/access_token',
      { client_id: appId, redirect_uri: auth.redirectUri, code_verifier: auth.codeVerifier, code },
      TokenSchema,
    )
    const { data: me } = await graphGet(ctx.http, e, 'me', { fields: 'id,name', access_token: token.access_token }, UserSchema)
    const { data: pages } = await graphGet(
      ctx.http,
      e,
      'me/accounts',
      { fields: 'id,name,access_token,picture', access_token: token.access_token },
      PageListSchema,
    )
    if (pages.data.length === 0)
      throw new UserError(
        'no-pages',
        `${me.name} manages no Facebook Page that this app may read. Grant access to your Pages when Facebook asks.`,
      )
    const credentials: Credentials = { userToken: token.access_token, appId }
    for (const p of pages.data) {
      credentials[pageTokenKey(p.id)] = p.access_token
      credentials[`name:${p.id}`] = p.name
    }
    return {
      account: {
        id: `facebook:${me.id}`,
        network: 'facebook',
        side: 'external',
        handle: pages.data.map((p) => p.name).join(', '),
        displayName: me.name,
        avatarUrl: pages.data[0]?.picture?.data.url,
      },
      credentials,
    }
  } finally {
    auth.close()
  }
}

export async function signOut(ctx: SignOutContext, e: FacebookEndpoints): Promise<void> {
  const token = ctx.credentials.userToken
  if (!token) return
  try {
    await ctx.http.json(
      {
        url: `${e.graph}/${GRAPH_VERSION}/me/permissions`,
        method: 'DELETE',
        searchParams: { access_token: token },
        rateLimit: facebookRateLimit,
      },
      SuccessSchema,
    )
  } catch (error) {
    throw graphFailure(error, Date.now())
  }
}
