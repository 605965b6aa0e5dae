// Calls with a bearer token that may expire: on a 401 the token is refreshed once (one refresh in
// flight, shared by concurrent calls), stored, and the call retried once; a second 401 or a
// refused refresh is NetworkFailure('auth') with the network's "sign in again" message.
import { NetworkFailure, isNetworkFailure } from '../core/errors'
import type { AdapterContext, Credentials } from './types'

export interface BearerSession {
  /** Runs `send` with the current access token, refreshing once on a 401. */
  call<T>(send: (accessToken: string) => Promise<T>): Promise<T>
}

export function createBearerSession(
  ctx: Pick<AdapterContext, 'credentials'>,
  refresh: (current: Credentials) => Promise<Credentials>,
  ended: string,
): BearerSession {
  let refreshing: Promise<string> | undefined
  return {
    async call(send) {
      const c = await ctx.credentials.get()
      if (!c.accessToken) throw new NetworkFailure('auth', ended)
      try {
        return await send(c.accessToken)
      } catch (error) {
        if (!(isNetworkFailure(error) && error.kind === 'auth')) throw error
      }
      refreshing ??= (async () => {
        const current = await ctx.credentials.get()
        // Another call refreshed meanwhile: use its token.
        if (current.accessToken !== c.accessToken && current.accessToken) return current.accessToken
        const fresh = await refresh(current)
        await ctx.credentials.set(fresh)
        return fresh.accessToken!
      })().finally(() => {
        refreshing = undefined
      })
      try {
        return await send(await refreshing)
      } catch (error) {
        if (isNetworkFailure(error) && error.kind === 'auth') throw new NetworkFailure('auth', ended, { status: 401 })
        throw error
      }
    },
  }
}
