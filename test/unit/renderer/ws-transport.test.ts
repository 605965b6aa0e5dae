import { describe, expect, it } from 'vitest'
import { BridgeCallError, createApiClient } from '../../../preload/api-client'
import { bridgeUrl, createBridge } from '../../../renderer/bridge'
import { createWebSocketTransport, type SocketLike, type Timers } from '../../../renderer/ws-transport'
import type { Api } from '../../../preload/contract'

class FakeSocket implements SocketLike {
  sent: unknown[] = []
  closed = false
  onopen: ((ev: unknown) => void) | null = null
  onclose: ((ev: unknown) => void) | null = null
  onerror: ((ev: unknown) => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close() {
    this.closed = true
  }
  open() {
    this.onopen?.({})
  }
  drop() {
    this.onclose?.({})
  }
  receive(message: unknown) {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) })
  }
}

/** Timers the test fires by hand: no real waiting. */
function manualTimers() {
  let next = 1
  const pending = new Map<number, { fn: () => void; ms: number }>()
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = next++
      pending.set(id, { fn, ms })
      return id
    },
    clearTimeout: (id) => void pending.delete(id as number),
  }
  const fireAll = () => {
    const due = [...pending.entries()]
    pending.clear()
    for (const [, t] of due) t.fn()
    return due.map(([, t]) => t.ms)
  }
  return { timers, pending, fireAll }
}

function setup(queueTimeoutMs = 1000) {
  const sockets: FakeSocket[] = []
  const clock = manualTimers()
  const protocolErrors: string[] = []
  const transport = createWebSocketTransport({
    url: 'ws://127.0.0.1:1234/bridge?k=s3cret',
    createSocket: (url) => {
      const s = new FakeSocket(url)
      sockets.push(s)
      return s
    },
    timers: clock.timers,
    queueTimeoutMs,
    backoff: { initialMs: 100, maxMs: 400 },
    onProtocolError: (m) => protocolErrors.push(m),
  })
  const states: string[] = []
  transport.connection.subscribe((s) => states.push(s))
  return { transport, api: createApiClient(transport), sockets, clock, states, protocolErrors }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

describe('bridgeUrl', () => {
  it('uses the page host and its secret', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:5173', search: '?k=abc%2Fdef' })).toBe(
      'ws://127.0.0.1:5173/bridge?k=abc%2Fdef',
    )
    expect(bridgeUrl({ protocol: 'https:', host: 'h:1', search: '' })).toBe('wss://h:1/bridge?k=')
  })
})

describe('createBridge', () => {
  it("uses Electron's window.api when the preload exposed it", () => {
    const api = { invoke: async () => ({}), on: () => () => {} } as unknown as Api
    const bridge = createBridge({ api, location: { protocol: 'file:', host: '', search: '' } as Location })
    expect(bridge.api).toBe(api)
    expect(bridge.connection.get()).toBe('connected')
  })
})

describe('createWebSocketTransport', () => {
  it('does not open the socket until the first call, then sends calls queued while connecting', async () => {
    const { api, sockets, states } = setup()
    expect(sockets).toHaveLength(0)
    const ready = api.invoke('app.ready', {})
    expect(sockets).toHaveLength(1)
    expect(sockets[0]!.url).toBe('ws://127.0.0.1:1234/bridge?k=s3cret')
    expect(sockets[0]!.sent).toEqual([])
    sockets[0]!.open()
    expect(states).toEqual(['connected'])
    expect(sockets[0]!.sent).toEqual([{ t: 'call', id: 1, method: 'app.ready', args: {} }])
    sockets[0]!.receive({ t: 'result', id: 1, envelope: { ok: true, result: { host: 'web', demo: false } } })
    await expect(ready).resolves.toEqual({ host: 'web', demo: false })
  })

  it("turns an error envelope into a BridgeCallError with main's message", async () => {
    const { api, sockets } = setup()
    const call = api.invoke('accounts.list', {})
    sockets[0]!.open()
    sockets[0]!.receive({ t: 'result', id: 1, envelope: { ok: false, error: { code: 'user', message: 'No such account' } } })
    await expect(call).rejects.toMatchObject({ name: 'BridgeCallError', code: 'user', message: 'No such account' })
  })

  it('delivers events to listeners and ignores malformed messages', async () => {
    const { api, sockets, protocolErrors } = setup()
    const seen: unknown[] = []
    api.on('column.status', (s) => seen.push(s))
    void api.invoke('app.ready', {})
    sockets[0]!.open()
    sockets[0]!.receive('not json')
    sockets[0]!.receive({ t: 'surprise' })
    sockets[0]!.receive({ t: 'event', event: 'column.status', payload: { columnId: 'c', state: 'ok' } })
    sockets[0]!.receive({ t: 'event', event: 'items', payload: { columnId: 'c', items: [] } })
    expect(seen).toEqual([{ columnId: 'c', state: 'ok' }])
    expect(protocolErrors).toHaveLength(2)
  })

  it('fails calls in flight when the socket drops, then reconnects with growing delays', async () => {
    const { api, sockets, clock, states } = setup()
    const inFlight = api.invoke('columns.list', {})
    sockets[0]!.open()
    sockets[0]!.drop()
    await expect(inFlight).rejects.toBeInstanceOf(BridgeCallError)
    await expect(inFlight).rejects.toMatchObject({ code: 'unreachable' })
    expect(states).toEqual(['connected', 'disconnected'])
    expect(clock.fireAll()).toEqual([100])
    sockets[1]!.drop()
    expect(clock.fireAll()).toEqual([200])
    sockets[2]!.drop()
    expect(clock.fireAll()).toEqual([400])
    sockets[3]!.drop()
    expect(clock.fireAll()).toEqual([400])
    // A call made while disconnected waits and goes out once the socket opens.
    const waiting = api.invoke('accounts.list', {})
    sockets[4]!.open()
    expect(states.at(-1)).toBe('connected')
    const sent = sockets[4]!.sent as { id: number; method: string }[]
    expect(sent.map((m) => m.method)).toEqual(['accounts.list'])
    sockets[4]!.receive({ t: 'result', id: sent[0]!.id, envelope: { ok: true, result: [] } })
    await expect(waiting).resolves.toEqual([])
  })

  it('gives up on a queued call after the timeout with a clear error', async () => {
    const { api, sockets, clock } = setup(5000)
    const call = api.invoke('networks.list', {})
    sockets[0]!.drop() // never opened: the host is not there
    const delays = clock.fireAll() // the queue timeout and the reconnect
    expect(delays).toContain(5000)
    await expect(call).rejects.toThrow('Crosstalk main process unreachable')
    await flush()
    expect(sockets.length).toBe(2)
  })

  it('close() stops reconnecting and fails pending calls', async () => {
    const { transport, api, sockets, clock } = setup()
    const call = api.invoke('networks.list', {})
    transport.close()
    await expect(call).rejects.toMatchObject({ code: 'unreachable' })
    expect(sockets[0]!.closed).toBe(true)
    expect(clock.pending.size).toBe(0)
    await expect(api.invoke('networks.list', {})).rejects.toMatchObject({ code: 'unreachable' })
  })
})
