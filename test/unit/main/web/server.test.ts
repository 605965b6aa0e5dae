import { request } from 'node:http'
import { connect } from 'node:net'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { ServerMessageSchema, type ServerMessage } from '../../../../preload/wire'
import { startWebHost, type WebHost } from '../../../../main/web/server'
import { account, createStandInCore, recordingLogger, type StandInCore } from '../core/bridge/stand-in-core'

const SECRET = 'test-secret-0123456789'
let dir: string
let rendererDir: string
let host: WebHost
let core: StandInCore
let logger: ReturnType<typeof recordingLogger>
const sockets: WebSocket[] = []

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crosstalk-web-'))
  rendererDir = join(dir, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Crosstalk</title>')
  await writeFile(join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)')
  await writeFile(join(rendererDir, 'assets', 'app-1234.css'), 'body{}')
  await writeFile(join(dir, 'secret.txt'), 'outside the renderer')
  core = createStandInCore('web')
  logger = recordingLogger()
  host = await startWebHost({ core, rendererDir, secret: SECRET, logger })
})

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate()
  await host.close()
  await rm(dir, { recursive: true, force: true })
})

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A request sent as is (fetch would normalise "..", which is what we want to test). */
function rawGet(path: string, opts: { host?: string; address?: string; method?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: opts.address ?? '127.0.0.1',
        port: host.port,
        path,
        method: opts.method ?? 'GET',
        headers: { host: opts.host ?? `127.0.0.1:${host.port}` },
      },
      (res) => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

const origin = () => `http://127.0.0.1:${host.port}`
const wsUrl = (secret: string | null) =>
  `ws://127.0.0.1:${host.port}/bridge${secret === null ? '' : `?k=${encodeURIComponent(secret)}`}`

/** Opens a socket; resolves with it once open, or with the HTTP status of a refused upgrade. */
function openSocket(
  url: string,
  headers: Record<string, string> = { Origin: origin() },
): Promise<{ ws: WebSocket } | { refused: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    sockets.push(ws)
    ws.once('open', () => resolve({ ws }))
    ws.once('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }))
    ws.once('error', reject)
  })
}

async function openGood(): Promise<Client> {
  const opened = await openSocket(wsUrl(SECRET))
  if (!('ws' in opened)) throw new Error(`refused with ${opened.refused}`)
  return new Client(opened.ws)
}

class Client {
  readonly messages: ServerMessage[] = []
  private waiters: (() => void)[] = []
  private nextId = 1
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(ServerMessageSchema.parse(JSON.parse(data.toString())))
      for (const w of this.waiters.splice(0)) w()
    })
  }
  async waitFor(predicate: (m: ServerMessage[]) => boolean): Promise<void> {
    while (!predicate(this.messages)) await new Promise<void>((r) => this.waiters.push(r))
  }
  async call(method: string, args: unknown) {
    const id = this.nextId++
    this.ws.send(JSON.stringify({ t: 'call', id, method, args }))
    await this.waitFor((ms) => ms.some((m) => m.t === 'result' && m.id === id))
    const found = this.messages.find((m) => m.t === 'result' && m.id === id)
    return found && found.t === 'result' ? found.envelope : undefined
  }
  events() {
    return this.messages.flatMap((m) => (m.t === 'event' ? [{ event: m.event, payload: m.payload }] : []))
  }
}

describe('web host: HTTP', () => {
  it('prints an address on 127.0.0.1 carrying the secret', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?k=${SECRET}`)
  })

  it('listens on 127.0.0.1 only: other loopback addresses are refused', async () => {
    // A server bound to 0.0.0.0 or :: would answer on 127.0.0.2 and ::1 too.
    for (const address of ['127.0.0.2', '::1']) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: host.port })
        socket.once('connect', () => {
          socket.destroy()
          resolve('connected')
        })
        socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'))
      })
      expect(outcome, address).not.toBe('connected')
    }
  })

  it('serves index.html at / with the security headers', async () => {
    const res = await rawGet(`/?k=${SECRET}`)
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>Crosstalk</title>')
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self';")
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port};`)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['x-frame-options']).toBe('DENY')
  })

  it('serves assets with their content types', async () => {
    const js = await rawGet('/assets/app-1234.js')
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.body).toBe('console.log(1)')
    const css = await rawGet('/assets/app-1234.css')
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
  })

  it('answers 404 for missing files and directories', async () => {
    expect((await rawGet('/nope.js')).status).toBe(404)
    expect((await rawGet('/assets')).status).toBe(404)
    expect((await rawGet('/assets/')).status).toBe(404)
  })

  it('refuses path traversal, encoded or not', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      `/${encodeURIComponent(join(dir, 'secret.txt'))}`,
    ]) {
      const res = await rawGet(path)
      expect(res.status, path).toBe(404)
      expect(res.body, path).not.toContain('outside the renderer')
    }
  })

  it('refuses a symlink that leads outside the renderer folder', async () => {
    const { symlink } = await import('node:fs/promises')
    await symlink(join(dir, 'secret.txt'), join(rendererDir, 'leak.txt'))
    expect((await rawGet('/leak.txt')).status).toBe(404)
  })

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const res = await rawGet('/', { host: `evil.example:${host.port}` })
    expect(res.status).toBe(421)
    expect(res.body).not.toContain('Crosstalk</title>')
  })

  it('refuses methods other than GET and HEAD', async () => {
    expect((await rawGet('/', { method: 'POST' })).status).toBe(405)
    const head = await rawGet('/', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.body).toBe('')
  })
})

describe('web host: WebSocket guard', () => {
  it('refuses a connection without the secret', async () => {
    expect(await openSocket(wsUrl(null))).toEqual({ refused: 403 })
  })

  it('refuses a connection with a wrong secret', async () => {
    expect(await openSocket(wsUrl('not-the-secret'))).toEqual({ refused: 403 })
    expect(await openSocket(wsUrl(SECRET + 'x'))).toEqual({ refused: 403 })
    expect(await openSocket(wsUrl(''))).toEqual({ refused: 403 })
  })

  it('refuses a foreign or missing Origin even with the right secret', async () => {
    for (const o of ['http://evil.example', `http://localhost:${host.port}`, `https://127.0.0.1:${host.port}`, 'null']) {
      expect(await openSocket(wsUrl(SECRET), { Origin: o }), o).toEqual({ refused: 403 })
    }
    expect(await openSocket(wsUrl(SECRET), {})).toEqual({ refused: 403 })
    expect(logger.lines.filter((l) => l.message.includes('foreign origin')).length).toBe(5)
  })

  it('refuses other paths', async () => {
    const opened = await openSocket(`ws://127.0.0.1:${host.port}/other?k=${SECRET}`)
    expect(opened).toEqual({ refused: 404 })
  })
})

describe('web host: the bridge over the WebSocket', () => {
  it('round-trips a call through the dispatcher', async () => {
    const client = await openGood()
    expect(await client.call('accounts.list', {})).toEqual({ ok: true, result: [account] })
    expect(await client.call('accounts.signOut', { accountId: 'a', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' },
    })
    expect(await client.call('accounts.steal', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } })
    expect(core.calls.map((c) => c.method)).toEqual(['accounts.list'])
  })

  it('ignores malformed messages, logs them and keeps the connection', async () => {
    const client = await openGood()
    client.ws.send('this is not json')
    client.ws.send(JSON.stringify({ t: 'call', id: 'one', method: 'accounts.list' }))
    client.ws.send(JSON.stringify({ hello: 'world' }))
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true })
    expect(await client.call('networks.list', {})).toEqual({ ok: true, result: [] })
    expect(client.messages).toHaveLength(1)
    expect(client.ws.readyState).toBe(WebSocket.OPEN)
    expect(logger.lines.filter((l) => l.level === 'warn' && l.message.startsWith('Ignored'))).toHaveLength(4)
  })

  it('closes a connection that sends more than 1 MiB in one message', async () => {
    const client = await openGood()
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)))
    client.ws.send('x'.repeat(1024 * 1024 + 1))
    expect(await closed).toBe(1009)
    expect(core.calls).toEqual([])
  })

  it('holds events until a page calls app.ready, then delivers them in order, stripped', async () => {
    const client = await openGood()
    core.emit('accounts.changed', [{ ...account, accessToken: 'leak' }])
    core.emit('items', { columnId: 'c1', items: [] })
    core.emit('column.status', { columnId: 'c1', state: 'ok' })
    // Not ready: nothing is sent (the reply to this call arrives after anything already sent).
    await client.call('networks.list', {})
    expect(client.events()).toEqual([])

    expect(await client.call('app.ready', {})).toEqual({ ok: true, result: { host: 'web', demo: false } })
    await client.waitFor(() => client.events().length === 3)
    expect(client.events()).toEqual([
      { event: 'accounts.changed', payload: [account] },
      { event: 'items', payload: { columnId: 'c1', items: [] } },
      { event: 'column.status', payload: { columnId: 'c1', state: 'ok' } },
    ])
    core.emit('columns.changed', [])
    await client.waitFor(() => client.events().length === 4)
    expect(client.events()[3]).toEqual({ event: 'columns.changed', payload: [] })
  })

  it('sends to every ready page, and holds again when the last one leaves', async () => {
    const a = await openGood()
    const b = await openGood()
    await a.call('app.ready', {})
    await b.call('app.ready', {})
    core.emit('columns.changed', [])
    await a.waitFor(() => a.events().length === 1)
    await b.waitFor(() => b.events().length === 1)

    const closedA = new Promise((r) => a.ws.once('close', r))
    const closedB = new Promise((r) => b.ws.once('close', r))
    a.ws.close()
    b.ws.close()
    await Promise.all([closedA, closedB])
    // The server sees the closes before the next message on a new connection.
    const c = await openGood()
    await c.call('networks.list', {})
    core.emit('columns.changed', [])
    await c.call('networks.list', {})
    expect(c.events()).toEqual([])
    await c.call('app.ready', {})
    await c.waitFor(() => c.events().length === 1)
    expect(c.events()).toEqual([{ event: 'columns.changed', payload: [] }])
  })

  it('drops events the contract does not know, with a log line', async () => {
    const client = await openGood()
    await client.call('app.ready', {})
    core.emit('tokens.leaked' as never, { token: 't' })
    core.emit('columns.changed', [])
    await client.waitFor(() => client.events().length === 1)
    expect(client.events()).toEqual([{ event: 'columns.changed', payload: [] }])
    expect(logger.lines.some((l) => l.level === 'error' && l.message === 'Dropped an event')).toBe(true)
  })

  it('openUrl asks the page to open http(s) links and refuses others', async () => {
    const client = await openGood()
    await client.call('app.ready', {})
    await host.openUrl('https://mastodon.example/oauth/authorize?x=1')
    await client.waitFor(() => client.events().length === 1)
    expect(client.events()).toEqual([{ event: 'open-url', payload: { url: 'https://mastodon.example/oauth/authorize?x=1' } }])
    await expect(host.openUrl('javascript:alert(1)')).rejects.toThrow(/only http and https/)
    await expect(host.openUrl('file:///etc/passwd')).rejects.toThrow(/only http and https/)
  })

  it('stops listening to the core when closed', async () => {
    expect(core.listenerCount()).toBe(1)
    await host.close()
    expect(core.listenerCount()).toBe(0)
    host = await startWebHost({ core, rendererDir, secret: SECRET, logger })
  })
})
