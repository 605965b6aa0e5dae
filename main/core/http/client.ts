// The one HTTP client (ky). It never retries by itself: the scheduler owns retries. Every
// answer becomes parsed data or a NetworkFailure whose kind says what to do next.
import ky, { TimeoutError } from 'ky'
import type { z } from 'zod'
import { NetworkFailure } from '../errors'
import { genericRateLimit, type RateLimit, type RateLimitParser } from './rate-limit'

export interface HttpRequest {
  url: string
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  headers?: Record<string, string>
  searchParams?: Record<string, string | number | boolean | undefined> | URLSearchParams
  json?: unknown
  form?: Record<string, string | undefined>
  /** A multipart/form-data body (file uploads); fetch sets the boundary. */
  multipart?: FormData
  timeoutMs?: number
  rateLimit?: RateLimitParser
}

export interface HttpResponse<T> {
  status: number
  headers: Headers
  data: T
  rateLimit: RateLimit
}

export interface Http {
  /** Sends the request and parses a JSON body with `schema`. */
  json<S extends z.ZodType>(req: HttpRequest, schema: S): Promise<HttpResponse<z.output<S>>>
  /** Sends the request and returns the body as text (feeds, HTML). 304 is returned, not thrown. */
  text(req: HttpRequest): Promise<HttpResponse<string>>
  /**
   * A plain fetch for an official SDK that brings its own protocol code (@atproto/api): same
   * fetch, user agent and timeout; a host that cannot be reached is NetworkFailure('offline').
   * HTTP statuses are the SDK's to read.
   */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>
}

export interface HttpOptions {
  fetch?: typeof fetch
  now?: () => number
  userAgent?: string
  timeoutMs?: number
}

const RETRYABLE = new Set([408, 502, 503, 504])

export function createHttp(options: HttpOptions = {}): Http {
  const now = options.now ?? Date.now
  const userAgent = options.userAgent ?? 'Crosstalk/0.1 (+https://github.com/crosstalk)'
  const client = ky.create({
    retry: 0,
    throwHttpErrors: false,
    timeout: options.timeoutMs ?? 20_000,
    fetch: options.fetch,
    headers: { 'user-agent': userAgent },
  })

  async function send(req: HttpRequest): Promise<{ res: Response; body: string; rateLimit: RateLimit }> {
    const searchParams =
      req.searchParams instanceof URLSearchParams
        ? req.searchParams
        : req.searchParams
          ? (Object.fromEntries(Object.entries(req.searchParams).filter(([, v]) => v !== undefined)) as Record<
              string,
              string | number | boolean
            >)
          : undefined
    const body =
      req.multipart ??
      (req.form
        ? new URLSearchParams(Object.entries(req.form).filter((e): e is [string, string] => e[1] !== undefined))
        : undefined)
    let res: Response
    let text: string
    const host = safeHost(req.url)
    try {
      res = await client(req.url, {
        method: req.method ?? 'GET',
        headers: req.headers,
        searchParams,
        json: req.json,
        body,
        timeout: req.timeoutMs ?? options.timeoutMs ?? 20_000,
      })
      text = await res.text()
    } catch (error) {
      const why = error instanceof TimeoutError ? 'timed out' : describeCause(error)
      throw new NetworkFailure('offline', `Could not reach ${host} (${why}).`, causeCode(error))
    }
    const parser = req.rateLimit ?? genericRateLimit
    const rateLimit = parser(res.headers, res.status, now())
    if (res.ok || res.status === 304) return { res, body: text, rateLimit }

    const detail = errorDetail(text)
    const code = errorCode(text)
    const status = res.status
    if (status === 429 || rateLimit.limited) {
      throw new NetworkFailure('rate-limited', `${host} is rate-limiting us (HTTP ${status})${detail ? `: ${detail}` : ''}.`, {
        status,
        retryAt: rateLimit.retryAt ?? rateLimit.resetAt,
        code,
      })
    }
    if (status === 401)
      throw new NetworkFailure('auth', `${host} refused the credentials (HTTP 401)${detail ? `: ${detail}` : ''}.`, {
        status,
        code,
      })
    if (RETRYABLE.has(status) || status >= 500) {
      throw new NetworkFailure('transient', `${host} answered HTTP ${status}${detail ? `: ${detail}` : ''}.`, {
        status,
        retryAt: rateLimit.retryAt,
        code,
      })
    }
    throw new NetworkFailure('permanent', `${host} answered HTTP ${status}${detail ? `: ${detail}` : ''}.`, { status, code })
  }

  return {
    async json(req, schema) {
      const { res, body, rateLimit } = await send(req)
      let raw: unknown = {}
      if (body.trim() !== '') {
        try {
          raw = JSON.parse(body)
        } catch {
          throw new NetworkFailure('malformed', `${safeHost(req.url)} sent malformed JSON.`, { status: res.status })
        }
      }
      const parsed = schema.safeParse(raw)
      if (!parsed.success) {
        throw new NetworkFailure(
          'malformed',
          `${safeHost(req.url)} sent an unexpected response: ${summarizeIssues(parsed.error)}.`,
          {
            status: res.status,
          },
        )
      }
      return { status: res.status, headers: res.headers, data: parsed.data, rateLimit }
    },
    async text(req) {
      const { res, body, rateLimit } = await send(req)
      return { status: res.status, headers: res.headers, data: body, rateLimit }
    },
    async fetch(input, init) {
      const request = new Request(input, init)
      if (!request.headers.has('user-agent')) request.headers.set('user-agent', userAgent)
      const timeout = AbortSignal.timeout(options.timeoutMs ?? 20_000)
      try {
        return await (options.fetch ?? globalThis.fetch)(request, { signal: AbortSignal.any([request.signal, timeout]) })
      } catch (error) {
        if (request.signal.aborted) throw error
        const why = timeout.aborted ? 'timed out' : describeCause(error)
        throw new NetworkFailure('offline', `Could not reach ${safeHost(request.url)} (${why}).`, causeCode(error))
      }
    },
  }
}

export function summarizeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ')
}

function safeHost(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the server'
  }
}

/** The socket's error code (ECONNREFUSED…), which says whether the request can have left at all. */
function causeCode(error: unknown): { code?: string } {
  const code = (error as { cause?: { code?: unknown } })?.cause?.code
  return typeof code === 'string' ? { code } : {}
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : 'network error')
}

/** Pulls a human message out of common error bodies ({error}, {error_description}, [{message}], {message}). */
function errorDetail(body: string): string | undefined {
  if (!body) return undefined
  try {
    const j = JSON.parse(body) as unknown
    const first = Array.isArray(j) ? j[0] : j
    if (first && typeof first === 'object') {
      const o = first as Record<string, unknown>
      // Graph API: {error: {message, type, code}}
      const nested = o.error && typeof o.error === 'object' ? (o.error as Record<string, unknown>).message : undefined
      const msg = o.error_description ?? o.message ?? nested ?? o.error ?? o.detail
      if (typeof msg === 'string') return msg.slice(0, 300)
    }
  } catch {
    /* not JSON */
  }
  return undefined
}

/** The network's own error code, if the body has one: Graph {error:{code}}, WordPress {code}, XRPC {error}. */
function errorCode(body: string): string | undefined {
  try {
    const o = JSON.parse(body) as Record<string, unknown>
    const nested = o.error && typeof o.error === 'object' ? (o.error as Record<string, unknown>).code : undefined
    const code = nested ?? o.code ?? (typeof o.error === 'string' ? o.error : undefined)
    return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined
  } catch {
    return undefined
  }
}
