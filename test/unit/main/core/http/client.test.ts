import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createHttp } from '../../../../../main/core/http/client'
import { chatterRateLimit, mastodonRateLimit } from '../../../../../main/core/http/rate-limit'
import { NetworkFailure } from '../../../../../main/core/errors'

// A loopback server whose answer each test chooses by path.
let server: Server
let base: string
const answers: Record<string, { status: number; headers?: Record<string, string>; body: string }> = {
  '/ok': { status: 200, headers: { 'x-ratelimit-remaining': '7' }, body: '{"id":"1","n":2}' },
  '/bad-json': { status: 200, body: '{"id": ' },
  '/bad-shape': { status: 200, body: '{"id": 1}' },
  '/limited': { status: 429, headers: { 'retry-after': '42' }, body: '{"error":"Too many requests"}' },
  '/chatter-503': {
    status: 503,
    headers: { 'retry-after': '10' },
    body: '[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"Limit exceeded"}]',
  },
  '/unauthorized': { status: 401, body: '{"error":"The access token is invalid"}' },
  '/gone': { status: 404, body: '{"error":"Record not found"}' },
  '/boom': { status: 502, body: 'Bad gateway' },
  '/empty': { status: 204, body: '' },
  '/not-modified': { status: 304, body: '' },
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/echo')) {
      let body = ''
      req.on('data', (c: Buffer) => (body += c))
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ method: req.method, url: req.url, body, type: req.headers['content-type'] ?? '' }))
      })
      return
    }
    const a = answers[req.url ?? ''] ?? { status: 500, body: 'no such answer' }
    res.writeHead(a.status, a.headers)
    res.end(a.body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const Thing = z.object({ id: z.string(), n: z.number() })
const NOW = Date.parse('2026-11-23T12:00:00Z')
const http = createHttp({ now: () => NOW })

async function failure(p: Promise<unknown>): Promise<NetworkFailure> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(NetworkFailure)
  return e as NetworkFailure
}

describe('createHttp', () => {
  it('parses a good answer and its rate-limit headers', async () => {
    const r = await http.json({ url: `${base}/ok`, rateLimit: mastodonRateLimit }, Thing)
    expect(r.data).toEqual({ id: '1', n: 2 })
    expect(r.rateLimit.remaining).toBe(7)
  })

  it('sends form bodies and search params, dropping undefined values', async () => {
    const r = await http.json(
      { url: `${base}/echo`, method: 'POST', form: { a: '1', b: undefined }, searchParams: { q: 'x y', skip: undefined } },
      z.object({ method: z.string(), url: z.string(), body: z.string(), type: z.string() }),
    )
    expect(r.data.method).toBe('POST')
    expect(r.data.url).toBe('/echo?q=x+y')
    expect(r.data.body).toBe('a=1')
    expect(r.data.type).toContain('application/x-www-form-urlencoded')
  })

  it('turns malformed JSON into a malformed failure', async () => {
    const f = await failure(http.json({ url: `${base}/bad-json` }, Thing))
    expect(f.kind).toBe('malformed')
    expect(f.message).toMatch(/malformed JSON/)
  })

  it('turns a changed shape into a malformed failure naming the field', async () => {
    const f = await failure(http.json({ url: `${base}/bad-shape` }, Thing))
    expect(f.kind).toBe('malformed')
    expect(f.message).toMatch(/id/)
  })

  it('429 is rate-limited with the Retry-After time', async () => {
    const f = await failure(http.json({ url: `${base}/limited` }, Thing))
    expect(f.kind).toBe('rate-limited')
    expect(f.details.retryAt).toBe(NOW + 42_000)
    expect(f.message).toMatch(/Too many requests/)
  })

  it("Chatter's 503 is rate-limited when the network's parser says so, transient otherwise", async () => {
    const limited = await failure(http.json({ url: `${base}/chatter-503`, rateLimit: chatterRateLimit }, Thing))
    expect(limited.kind).toBe('rate-limited')
    expect(limited.details.retryAt).toBe(NOW + 10_000)
    const plain = await failure(http.json({ url: `${base}/chatter-503` }, Thing))
    expect(plain.kind).toBe('transient')
  })

  it('classifies 401, 404 and 502', async () => {
    expect((await failure(http.json({ url: `${base}/unauthorized` }, Thing))).kind).toBe('auth')
    const gone = await failure(http.json({ url: `${base}/gone` }, Thing))
    expect(gone.kind).toBe('permanent')
    expect(gone.details.status).toBe(404)
    expect((await failure(http.json({ url: `${base}/boom` }, Thing))).kind).toBe('transient')
  })

  it('an empty body parses as {} and 304 is returned, not thrown', async () => {
    expect((await http.json({ url: `${base}/empty` }, z.object({}))).status).toBe(204)
    expect((await http.text({ url: `${base}/not-modified` })).status).toBe(304)
  })

  it('an unreachable host is offline', async () => {
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((r) => closed.close(() => r()))
    const f = await failure(http.json({ url: `http://127.0.0.1:${port}/x` }, Thing))
    expect(f.kind).toBe('offline')
    expect(f.message).toMatch(/Could not reach 127\.0\.0\.1/)
    // The socket's code travels along: the outbox knows nothing can have been sent.
    expect(f.details.code).toBe('ECONNREFUSED')
  })
})
