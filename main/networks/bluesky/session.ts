// One Bluesky session per account, shared by reads and writes: an AtpAgent on our Http's fetch,
// resumed from the keychain, refreshed by the SDK on ExpiredToken (and once here on another
// refusal), the new tokens saved back. Two agents would race to use the single-use refresh token.
import { AtpAgent, type AtpSessionData } from '@atproto/api'
import type { z } from 'zod'
import { NetworkFailure } from '../../core/errors'
import type { AdapterContext } from '../types'
import { asFailure } from './errors'

export type HeadersMap = Record<string, string | undefined>
export interface Answer<T> {
  data: T
  headers: HeadersMap
}

export interface BlueskySession {
  agent: AtpAgent
  /** One SDK call: its answer checked by our schema, its failure mapped to ours. */
  call<S extends z.ZodType>(schema: S, run: () => Promise<Answer<unknown>>): Promise<{ data: z.output<S>; headers: HeadersMap }>
}

export function createBlueskySession(ctx: AdapterContext): BlueskySession {
  const { account, http } = ctx
  if (!account.server) throw new NetworkFailure('auth', `${account.handle} has no server address; sign in again.`)
  const host = new URL(account.server).host
  let saving: Promise<void> = Promise.resolve()
  const agent = new AtpAgent({
    service: account.server,
    fetch: http.fetch,
    persistSession: (event, session) => {
      // A refreshed session replaces the stored one; a refused refresh means "sign in again".
      if ((event === 'update' || event === 'create') && session)
        saving = ctx.credentials.set({
          did: session.did,
          handle: session.handle,
          accessJwt: session.accessJwt,
          refreshJwt: session.refreshJwt,
        })
    },
  })
  let resumed = false

  async function ready(): Promise<void> {
    if (account.anonymous || resumed) return
    const c = await ctx.credentials.get()
    if (!c.accessJwt || !c.refreshJwt || !c.did || !c.handle)
      throw new NetworkFailure('auth', `No Bluesky session stored for ${account.handle}; sign in again.`)
    const session: AtpSessionData = {
      did: c.did,
      handle: c.handle,
      accessJwt: c.accessJwt,
      refreshJwt: c.refreshJwt,
      active: true,
    }
    agent.sessionManager.session = session
    resumed = true
  }

  async function call<S extends z.ZodType>(
    schema: S,
    run: () => Promise<Answer<unknown>>,
  ): Promise<{ data: z.output<S>; headers: HeadersMap }> {
    await ready()
    let res: Answer<unknown>
    try {
      res = await run()
    } catch (error) {
      const failure = asFailure(error, host, Date.now())
      // The SDK refreshes on ExpiredToken by itself; a token refused for another reason
      // (InvalidToken, a revoked session) gets one refresh here, then "sign in again".
      if (!(failure instanceof NetworkFailure && failure.kind === 'auth') || account.anonymous) throw failure
      // The SDK drops a session whose refresh it saw refused: then there is nothing to refresh.
      if (!agent.sessionManager.session) throw failure
      try {
        await agent.sessionManager.refreshSession()
        await saving
        res = await run()
      } catch (retryError) {
        const again = asFailure(retryError, host, Date.now())
        throw again instanceof NetworkFailure ? again : failure
      }
    } finally {
      await saving
    }
    const parsed = schema.safeParse(res.data)
    if (!parsed.success)
      throw new NetworkFailure(
        'malformed',
        `${host} sent an unexpected response: ${parsed.error.issues[0]?.message ?? 'bad shape'}.`,
      )
    return { data: parsed.data, headers: res.headers }
  }

  return { agent, call }
}
