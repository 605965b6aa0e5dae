// Signing in to Bluesky with an app password: com.atproto.server.createSession on the user's
// PDS (or the bsky.social entryway), keeping the access and refresh JWTs in the keychain.
// Signing out deletes the session (com.atproto.server.deleteSession with the refresh JWT).
// atproto OAuth (@atproto/oauth-client-node) is not used yet: it needs DPoP-bound tokens,
// pushed authorization requests and a published client-metadata document, which a loopback
// desktop client can only do as a limited "localhost" development client.
import { AtpAgent } from '@atproto/api'
import type { SignInRequest } from '../../../preload/contract'
import { UserError } from '../../core/errors'
import type { SignInContext, SignInResult, SignOutContext } from '../types'
import { asFailure } from './errors'
import { ProfileBasicSchema, SessionSchema } from './schemas'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** "bsky.social" → https://bsky.social; plain http only for a server on this computer. */
export function normalizeService(input: string | undefined): URL {
  const raw = (input ?? '').trim() || 'bsky.social'
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`)
  } catch {
    throw new UserError('invalid-server', `"${raw}" is not a server address. Enter bsky.social or your PDS.`)
  }
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname))
    throw new UserError('invalid-server', `${url.host} must be reached over https://.`)
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UserError('invalid-server', `"${raw}" is not a web address.`)
  return new URL(url.origin)
}

/** An app password looks like xxxx-xxxx-xxxx-xxxx; anything else is probably the account password. */
const APP_PASSWORD = /^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/i

export async function signIn(ctx: SignInContext, request: SignInRequest, appview: string): Promise<SignInResult> {
  if (request.anonymous) {
    return {
      account: {
        id: 'bluesky:public',
        network: 'bluesky',
        side: 'external',
        handle: new URL(appview).host,
        displayName: 'Bluesky (public)',
        server: appview,
        anonymous: true,
      },
      credentials: {},
    }
  }
  const service = normalizeService(request.server)
  const identifier = (request.identifier ?? '').trim().replace(/^@/, '')
  const password = request.password ?? ''
  if (!identifier) throw new UserError('missing-field', 'Enter your Bluesky handle, for example alice.bsky.social.')
  if (!password) throw new UserError('missing-field', 'Enter an app password (Settings → Privacy and security → App passwords).')
  if (!APP_PASSWORD.test(password.trim()))
    throw new UserError(
      'not-an-app-password',
      'That does not look like an app password (xxxx-xxxx-xxxx-xxxx). Create one in Bluesky under Settings → Privacy and security → App passwords; never give Crosstalk your account password.',
    )
  const agent = new AtpAgent({ service, fetch: ctx.http.fetch })
  let session
  try {
    const res = await agent.login({ identifier, password: password.trim() })
    session = SessionSchema.parse(res.data)
  } catch (error) {
    const failure = asFailure(error, service.host, Date.now())
    if ('kind' in failure && (failure as { kind: string }).kind === 'auth')
      throw new UserError('sign-in-refused', 'Bluesky did not accept that handle and app password.')
    throw failure
  }
  let profile: { displayName?: string; avatar?: string } = {}
  try {
    const res = await agent.app.bsky.actor.getProfile({ actor: session.did })
    profile = ProfileBasicSchema.parse(res.data)
  } catch {
    // The account is signed in even when its profile cannot be read right now.
  }
  return {
    account: {
      id: `bluesky:${session.did}`,
      network: 'bluesky',
      side: 'external',
      handle: `@${session.handle}`,
      displayName: profile.displayName || session.handle,
      avatarUrl: profile.avatar,
      server: service.origin,
    },
    credentials: { did: session.did, handle: session.handle, accessJwt: session.accessJwt, refreshJwt: session.refreshJwt },
  }
}

export async function signOut(ctx: SignOutContext): Promise<void> {
  if (ctx.account.anonymous || !ctx.account.server) return
  const { refreshJwt } = ctx.credentials
  if (!refreshJwt) return
  const agent = new AtpAgent({ service: ctx.account.server, fetch: ctx.http.fetch })
  try {
    await agent.com.atproto.server.deleteSession(undefined, { headers: { authorization: `Bearer ${refreshJwt}` } })
  } catch (error) {
    throw asFailure(error, new URL(ctx.account.server).host, Date.now())
  }
}
