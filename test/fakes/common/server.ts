// A tiny loopback HTTP server with a router, shared by every fake network. Binds 127.0.0.1 only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeRequest {
  method: string
  url: URL
  headers: IncomingMessage['headers']
  params: Record<string, string>
  /** Parsed body: JSON object, form fields, or {} */
  body: Record<string, unknown>
  rawBody: string
}

export interface FakeResponse {
  status?: number
  headers?: Record<string, string>
  json?: unknown
  /** Sent as is (HTML pages, deliberately malformed JSON). */
  text?: string
  contentType?: string
}

export type RouteHandler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>

interface Route {
  method: string
  pattern: RegExp
  keys: string[]
  handler: RouteHandler
}

export class Router {
  private readonly routes: Route[] = []
  /** Path like '/api/v1/statuses/:id/context'. */
  on(method: string, path: string, handler: RouteHandler): this {
    const keys: string[] = []
    const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, k: string) => {
      keys.push(k)
      return '([^/]+)'
    })
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler })
    return this
  }
  match(method: string, pathname: string): { handler: RouteHandler; params: Record<string, string> } | undefined {
    for (const r of this.routes) {
      if (r.method !== method) continue
      const m = r.pattern.exec(pathname)
      if (!m) continue
      const params: Record<string, string> = {}
      r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1] ?? '')))
      return { handler: r.handler, params }
    }
    return undefined
  }
}

export interface RunningFake {
  url: string
  port: number
  close(): Promise<void>
}

/**
 * `before` runs first for every request and may answer instead of the route (faults, auth).
 * Unknown routes answer 404 JSON.
 */
export async function startFakeServer(
  router: Router,
  options: { port?: number; before?: (req: FakeRequest) => Promise<FakeResponse | undefined> | FakeResponse | undefined } = {},
): Promise<RunningFake> {
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      send(res, { status: 500, json: { error: `fake crashed: ${String(error)}` } })
    })
  })
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`)
    const rawBody = await readBody(req)
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      url,
      headers: req.headers,
      params: {},
      body: parseBody(rawBody, req.headers['content-type']),
      rawBody,
    }
    const early = await options.before?.(request)
    if (early) return send(res, early)
    const found = router.match(request.method, url.pathname)
    if (!found) return send(res, { status: 404, json: { error: 'Record not found' } })
    request.params = found.params
    send(res, await found.handler(request))
  }
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {}
  if (contentType?.includes('application/json')) {
    try {
      const v = JSON.parse(raw) as unknown
      return v && typeof v === 'object' ? (v as Record<string, unknown>) : {}
    } catch {
      return {}
    }
  }
  const out: Record<string, unknown> = {}
  for (const [k, v] of new URLSearchParams(raw)) {
    // Rails-style arrays: types[]=mention&types[]=reply
    if (k.endsWith('[]'))
      ((out[k.slice(0, -2)] as string[] | undefined) ?? ((out[k.slice(0, -2)] = [] as string[]) as string[])).push(v)
    else out[k] = v
  }
  return out
}

function send(res: ServerResponse, r: FakeResponse) {
  const headers: Record<string, string> = { ...r.headers }
  let body = ''
  if (r.text !== undefined) {
    body = r.text
    headers['content-type'] ??= r.contentType ?? 'text/plain; charset=utf-8'
  } else if (r.json !== undefined) {
    body = JSON.stringify(r.json)
    headers['content-type'] ??= 'application/json; charset=utf-8'
  }
  res.writeHead(r.status ?? 200, headers)
  res.end(body)
}

export const json = (json: unknown, status = 200, headers: Record<string, string> = {}): FakeResponse => ({
  json,
  status,
  headers,
})
