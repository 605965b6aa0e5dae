// A tiny loopback HTTP server with a router, shared by every fake network. Binds 127.0.0.1 only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeRequest {
  method: string
  url: URL
  headers: IncomingMessage['headers']
  params: Record<string, string>
  /** Parsed body: JSON object, form fields (also multipart's text fields), or {} */
  body: Record<string, unknown>
  rawBody: string
  /** The body's bytes as sent (binary uploads). */
  rawBytes: Buffer
  /** multipart/form-data file parts, by field name. */
  files: Record<string, UploadedFile>
}

export interface UploadedFile {
  filename: string
  contentType: string
  bytes: Buffer
}

export interface FakeResponse {
  status?: number
  headers?: Record<string, string>
  json?: unknown
  /** Sent as is (HTML pages, deliberately malformed JSON). */
  text?: string
  /** Sent as is (uploaded files), with contentType. */
  bytes?: Buffer
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
    const rawBytes = await readBody(req)
    const rawBody = rawBytes.toString('utf8')
    const contentType = req.headers['content-type']
    const multipart = contentType?.startsWith('multipart/form-data') ? await parseMultipart(rawBytes, contentType) : undefined
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      url,
      headers: req.headers,
      params: {},
      body: multipart?.fields ?? parseBody(rawBody, contentType),
      rawBody,
      rawBytes,
      files: multipart?.files ?? {},
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

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** multipart/form-data, parsed the way a server framework would (undici's own parser). */
async function parseMultipart(
  raw: Buffer,
  contentType: string,
): Promise<{ fields: Record<string, unknown>; files: Record<string, UploadedFile> } | undefined> {
  try {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData()
    const fields: Record<string, unknown> = {}
    const files: Record<string, UploadedFile> = {}
    const parts: [string, FormDataEntryValue][] = []
    form.forEach((value, key) => parts.push([key, value]))
    for (const [key, value] of parts) {
      if (typeof value === 'string') {
        const list = key.endsWith('[]') ? ((fields[key.slice(0, -2)] ??= []) as string[]) : undefined
        if (list) list.push(value)
        else fields[key] = value
      } else {
        files[key] = { filename: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) }
      }
    }
    return { fields, files }
  } catch {
    return undefined // a malformed body: the route sees no fields and answers as the real server would
  }
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
  let body: string | Buffer = ''
  if (r.bytes !== undefined) {
    body = r.bytes
    headers['content-type'] ??= r.contentType ?? 'application/octet-stream'
  } else if (r.text !== undefined) {
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
