// Authorized GETs against the org's instance. On a 401 the session is refreshed once (one refresh
// in flight, shared by concurrent calls), stored, and the call retried once; a second 401 or a
// refused refresh ends in NetworkFailure('auth', "sign in again").
import type { z } from 'zod'
import { NetworkFailure, isNetworkFailure } from '../../core/errors'
import type { HttpResponse } from '../../core/http/client'
import { chatterRateLimit } from '../../core/http/rate-limit'
import type { AdapterContext } from '../types'
import { SESSION_ENDED, readCredentials, refreshSession, writeCredentials, type ChatterCredentials } from './auth'

export interface ChatterSession {
  /**
   * GET a Connect REST resource: a path relative to the instance ("/services/data/...?pageSize=25")
   * or a URL on it. The query goes in the path (ky's searchParams would replace a URL's own query).
   */
  get<S extends z.ZodType>(pathOrUrl: string, schema: S): Promise<HttpResponse<z.output<S>>>
  /** A write (POST or PATCH with a JSON or multipart body, DELETE), with the same refresh-once rule as get. */
  send<S extends z.ZodType>(
    method: 'POST' | 'PATCH' | 'DELETE',
    pathOrUrl: string,
    schema: S,
    json?: unknown,
  ): Promise<HttpResponse<z.output<S>>>
  instanceUrl(): Promise<string>
}

/**
 * Resolves a URL Salesforce gave us (nextPageUrl, updatesUrl) against the instance. Absolute
 * URLs must stay on the instance and every URL must stay under /services/data/: we never send
 * the token anywhere else.
 */
export function resolveApiUrl(instanceUrl: string, pathOrUrl: string): string {
  let url: URL
  try {
    url = new URL(pathOrUrl, instanceUrl)
  } catch {
    throw new NetworkFailure('malformed', `Salesforce sent a link we cannot read: ${pathOrUrl.slice(0, 200)}.`)
  }
  if (url.origin !== new URL(instanceUrl).origin) {
    throw new NetworkFailure('malformed', `Salesforce sent a link to another host (${url.host}); refusing to follow it.`)
  }
  if (!url.pathname.startsWith('/services/data/')) {
    throw new NetworkFailure('malformed', `Salesforce sent a link outside its API (${url.pathname}); refusing to follow it.`)
  }
  return url.toString()
}

export function createChatterSession(ctx: AdapterContext): ChatterSession {
  let refreshing: Promise<ChatterCredentials> | undefined

  /** One refresh at a time; a call that failed with an older token reuses a newer one if there is one. */
  function refresh(staleToken: string): Promise<ChatterCredentials> {
    refreshing ??= (async () => {
      const current = readCredentials(await ctx.credentials.get())
      if (current.accessToken !== staleToken) return current
      const fresh = await refreshSession(ctx.http, current)
      await ctx.credentials.set(writeCredentials(fresh))
      return fresh
    })().finally(() => {
      refreshing = undefined
    })
    return refreshing
  }

  type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'
  async function send<S extends z.ZodType>(c: ChatterCredentials, method: Method, pathOrUrl: string, schema: S, json?: unknown) {
    return ctx.http.json(
      {
        url: resolveApiUrl(c.instanceUrl, pathOrUrl),
        method,
        headers: { authorization: `Bearer ${c.accessToken}` },
        ...(json instanceof FormData ? { multipart: json } : { json }),
        rateLimit: chatterRateLimit,
      },
      schema,
    )
  }

  // A 401 means the session expired before the request was looked at: repeating it after the refresh is safe, writes included.
  async function request<S extends z.ZodType>(method: Method, pathOrUrl: string, schema: S, json?: unknown) {
    const creds = readCredentials(await ctx.credentials.get())
    try {
      return await send(creds, method, pathOrUrl, schema, json)
    } catch (error) {
      if (!(isNetworkFailure(error) && error.kind === 'auth')) throw orgLimit(error)
    }
    const fresh = await refresh(creds.accessToken)
    try {
      return await send(fresh, method, pathOrUrl, schema, json)
    } catch (error) {
      if (isNetworkFailure(error) && error.kind === 'auth') throw new NetworkFailure('auth', SESSION_ENDED, { status: 401 })
      throw orgLimit(error)
    }
  }

  return {
    get: (pathOrUrl, schema) => request('GET', pathOrUrl, schema),
    send: (method, pathOrUrl, schema, json) => request(method, pathOrUrl, schema, json),
    async instanceUrl() {
      return readCredentials(await ctx.credentials.get()).instanceUrl
    },
  }
}

/**
 * Over the org's rolling 24-hour API allowance Salesforce answers 403 REQUEST_LIMIT_EXCEEDED
 * ("TotalRequests Limit exceeded."): that is a limit to wait out, not a permanent refusal.
 */
function orgLimit(error: unknown): unknown {
  if (
    isNetworkFailure(error) &&
    error.kind === 'permanent' &&
    error.details.status === 403 &&
    /limit exceeded/i.test(error.message)
  ) {
    return new NetworkFailure('rate-limited', `The Salesforce org has used up its API requests for now. ${error.message}`, {
      status: 403,
    })
  }
  return error
}
