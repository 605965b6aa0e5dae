// Signing in to a WordPress site with an application password: the person approves Crosstalk
// on the site's own authorize-application.php page, which sends the browser back to our loopback
// listener with user_login and a new application password. Signing out deletes that password.
import type { SignInRequest } from '../../../preload/contract'
import { NetworkFailure, UserError } from '../../core/errors'
import type { Http } from '../../core/http/client'
import type { SignInContext, SignInResult, SignOutContext } from '../types'
import { basicAuth, restRequest, restRootFromLink } from './rest'
import { AppPasswordSchema, RestIndexSchema, UserSchema } from './schemas'

/** One app id for every Crosstalk install, so a site lists "Crosstalk" passwords together. */
export const APP_ID = '6f4d3c5e-8a1b-4c2d-9e7f-0a1b2c3d4e5f'
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

export function normalizeSite(input: string | undefined): URL {
  const raw = (input ?? '').trim()
  if (!raw) throw new UserError('invalid-server', 'Enter your blog’s address, for example https://blog.example.com.')
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`)
  } catch {
    throw new UserError('invalid-server', `"${raw}" is not a web address.`)
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw new UserError('invalid-server', `${url.host} must be reached over https:// (application passwords require it).`)
  url.hash = ''
  url.search = ''
  return url
}

/** The site's REST root: from its Link header, else the conventional /wp-json/. */
export async function discoverRestRoot(http: Http, site: URL): Promise<string> {
  const res = await http.text({ url: site.toString() })
  return restRootFromLink(res.headers.get('link')) ?? new URL('wp-json/', site.toString().replace(/\/?$/, '/')).toString()
}

export async function signIn(ctx: SignInContext, request: SignInRequest): Promise<SignInResult> {
  const site = normalizeSite(request.server)
  const root = await discoverRestRoot(ctx.http, site)
  const { data: index } = await ctx.http.json(restRequest(root, '/'), RestIndexSchema)
  const authorize = !Array.isArray(index.authentication)
    ? index.authentication?.['application-passwords']?.endpoints.authorization
    : undefined
  if (!authorize)
    throw new UserError(
      'app-passwords-unavailable',
      `${index.name} does not offer application passwords. WordPress turns them off on sites without https (unless WP_ENVIRONMENT_TYPE is "local") and a plugin may disable them.`,
    )
  const auth = await ctx.beginAuthorization()
  try {
    if (!auth.completeRaw) throw new Error('This sign-in needs a listener that returns the whole callback.')
    // Our state rides in both return URLs: an answer without it is refused by the listener.
    const back = `${auth.redirectUri}?state=${encodeURIComponent(auth.state)}`
    const page = new URL(authorize)
    page.searchParams.set('app_name', 'Crosstalk')
    page.searchParams.set('app_id', APP_ID)
    page.searchParams.set('success_url', back)
    page.searchParams.set('reject_url', `${back}&success=false`)
    const answer = await auth.completeRaw(page.toString())
    const user = answer.get('user_login')
    const password = answer.get('password')
    if (!user || !password) throw new UserError('sign-in-failed', `${site.host} came back without an application password.`)
    const authorization = basicAuth(user, password)
    const { data: me } = await ctx.http.json(
      { ...restRequest(root, '/wp/v2/users/me', { context: 'edit' }), headers: { authorization } },
      UserSchema,
    )
    // Which application password this is, so signing out deletes exactly it.
    let uuid = ''
    try {
      const { data } = await ctx.http.json(
        { ...restRequest(root, '/wp/v2/users/me/application-passwords/introspect'), headers: { authorization } },
        AppPasswordSchema,
      )
      uuid = data.uuid
    } catch (error) {
      if (!(error instanceof NetworkFailure)) throw error
    }
    return {
      account: {
        id: `wordpress:${site.host}${site.pathname.replace(/\/$/, '')}:${me.id}`,
        network: 'wordpress',
        side: 'external',
        handle: `${user}@${site.host}`,
        displayName: index.name,
        avatarUrl: me.avatar_urls?.['96'] ?? me.avatar_urls?.['48'],
        server: root,
      },
      credentials: { user, password, uuid },
    }
  } finally {
    auth.close()
  }
}

export async function signOut(ctx: SignOutContext): Promise<void> {
  const { user, password, uuid } = ctx.credentials
  if (!ctx.account.server || !user || !password || !uuid) return
  await ctx.http.json(
    {
      ...restRequest(ctx.account.server, `/wp/v2/users/me/application-passwords/${encodeURIComponent(uuid)}`),
      method: 'DELETE',
      headers: { authorization: basicAuth(user, password) },
    },
    AppPasswordSchema.partial().loose(),
  )
}
