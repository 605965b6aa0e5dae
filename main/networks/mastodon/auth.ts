// Signing in to a Mastodon server: register this app on the instance (POST /api/v1/apps), send
// the person to the consent page (authorization code + PKCE S256 + state, loopback redirect),
// trade the code for a token, and ask who we are. Signing out revokes the token.
import type { SignInRequest } from '../../../preload/contract'
import { UserError } from '../../core/errors'
import { mastodonRateLimit } from '../../core/http/rate-limit'
import type { SignInContext, SignInResult, SignOutContext } from '../types'
import { AccountSchema, CredentialApplicationSchema, EmptySchema, InstanceSchema, TokenSchema } from './schemas'

export const SCOPES = 'read write'
export const CLIENT_NAME = 'Crosstalk'
const WEBSITE = 'https://github.com/crosstalk'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * "mastodon.social", "https://mastodon.social/@someone" → "https://mastodon.social". Plain http
 * only for loopback hosts (test servers); anything else gets a UserError saying what is wrong.
 */
export function normalizeServer(input: string | undefined): URL {
  const raw = (input ?? '').trim()
  if (raw === '') throw new UserError('invalid-server', 'Enter the address of your Mastodon server, for example mastodon.social.')
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new UserError('invalid-server', `"${raw}" is not a server address. Enter something like mastodon.social.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UserError('invalid-server', `"${raw}" is not a web address. Enter something like mastodon.social.`)
  if (url.username || url.password)
    throw new UserError('invalid-server', 'The server address must not contain a user name or password.')
  if (!url.hostname.includes('.') && !LOOPBACK_HOSTS.has(url.hostname))
    throw new UserError('invalid-server', `"${raw}" is not a server address. Enter something like mastodon.social.`)
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname))
    throw new UserError(
      'invalid-server',
      `${url.host} must be reached over https://. Plain http:// is only allowed for servers on this computer.`,
    )
  return new URL(url.origin)
}

export async function signIn(ctx: SignInContext, request: SignInRequest): Promise<SignInResult> {
  const server = normalizeServer(request.server)
  if (request.anonymous) return addPublicServer(ctx, server)
  const origin = server.origin
  const auth = await ctx.beginAuthorization()
  try {
    const { data: app } = await ctx.http.json(
      {
        url: `${origin}/api/v1/apps`,
        method: 'POST',
        json: { client_name: CLIENT_NAME, redirect_uris: auth.redirectUri, scopes: SCOPES, website: WEBSITE },
        rateLimit: mastodonRateLimit,
      },
      CredentialApplicationSchema,
    )

    const authorizeUrl = new URL(`${origin}/oauth/authorize`)
    authorizeUrl.search = new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: auth.redirectUri,
      scope: SCOPES,
      state: auth.state,
      code_challenge: auth.codeChallenge,
      code_challenge_method: 'S256',
    }).toString()
    const code = await auth.complete(authorizeUrl.toString())

    const { data: token } = await ctx.http.json(
      {
        url: `${origin}/oauth/token`,
        method: 'POST',
        form: {
          grant_type: 'authorization_code',
          code,
          client_id: app.client_id,
          client_secret: app.client_secret,
          redirect_uri: auth.redirectUri,
          code_verifier: auth.codeVerifier,
          scope: SCOPES,
        },
      },
      TokenSchema,
    )

    const { data: me } = await ctx.http.json(
      {
        url: `${origin}/api/v1/accounts/verify_credentials`,
        headers: { authorization: `Bearer ${token.access_token}` },
        rateLimit: mastodonRateLimit,
      },
      AccountSchema,
    )

    const host = server.host
    return {
      account: {
        id: `mastodon:${host}:${me.id}`,
        network: 'mastodon',
        side: 'external',
        handle: `@${me.acct}@${host}`,
        displayName: me.display_name.trim() !== '' ? me.display_name : me.username,
        ...(me.avatar ? { avatarUrl: me.avatar } : {}),
        server: origin,
      },
      credentials: { accessToken: token.access_token, clientId: app.client_id, clientSecret: app.client_secret },
    }
  } finally {
    auth.close()
  }
}

export async function signOut(ctx: SignOutContext): Promise<void> {
  const { accessToken, clientId, clientSecret } = ctx.credentials
  if (!ctx.account.server)
    throw new UserError('invalid-account', `${ctx.account.handle} has no server address; nothing to revoke.`)
  if (!accessToken || !clientId || !clientSecret)
    throw new UserError('invalid-account', `${ctx.account.handle} has no stored token to revoke.`)
  await ctx.http.json(
    {
      url: `${ctx.account.server}/oauth/revoke`,
      method: 'POST',
      form: { client_id: clientId, client_secret: clientSecret, token: accessToken },
    },
    EmptySchema,
  )
}

/**
 * A server's public timelines without an account: check it is a Mastodon server that answers
 * /api/v2/instance, and keep nothing but its address. No browser, no token, no keychain.
 */
async function addPublicServer(ctx: SignInContext, server: URL): Promise<SignInResult> {
  const { data: instance } = await ctx.http.json(
    { url: `${server.origin}/api/v2/instance`, rateLimit: mastodonRateLimit },
    InstanceSchema,
  )
  return {
    account: {
      id: `mastodon:public@${server.host}`,
      network: 'mastodon',
      side: 'external',
      handle: instance.domain,
      displayName: `${instance.title} (public)`,
      avatarUrl: instance.thumbnail?.url,
      server: server.origin,
      anonymous: true,
    },
    credentials: {},
  }
}
