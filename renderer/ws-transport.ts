// The web host's side of the bridge: the contract's messages (preload/wire.ts) over one
// WebSocket. Reconnects with backoff when the socket closes (the host may restart); calls made
// while disconnected wait for the connection, up to a timeout.
import { BridgeCallError, type Transport } from '../preload/api-client'
import { ServerMessageSchema, type ClientMessage, type ResultEnvelope } from '../preload/wire'
import type { ConnectionState } from './store/ui'

/** The part of the browser WebSocket this transport uses (tests pass a fake). */
export interface SocketLike {
  send(data: string): void
  close(): void
  onopen: ((ev: unknown) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface ConnectionSource {
  get(): ConnectionState
  subscribe(listener: (state: ConnectionState) => void): () => void
}

export interface WsTransportOptions {
  url: string
  createSocket?: (url: string) => SocketLike
  timers?: Timers
  /** How long a call made while disconnected waits for a connection before it fails. */
  queueTimeoutMs?: number
  /** Reconnect delays: doubles from initialMs up to maxMs. */
  backoff?: { initialMs: number; maxMs: number }
  onProtocolError?: (message: string) => void
}

export interface WsTransport extends Transport {
  connection: ConnectionSource
  /** Closes the socket for good: no reconnect; pending calls fail. */
  close(): void
}

export const UNREACHABLE_MESSAGE = 'Crosstalk main process unreachable'

interface Pending {
  resolve(envelope: ResultEnvelope): void
  reject(error: Error): void
}

interface Queued {
  id: number
  data: string
  timer: unknown
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
}

export function createWebSocketTransport(options: WsTransportOptions): WsTransport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike)
  const timers = options.timers ?? defaultTimers
  const queueTimeoutMs = options.queueTimeoutMs ?? 15_000
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 10_000 }
  const reportProtocolError = options.onProtocolError ?? ((m: string) => console.warn(`bridge: ${m}`))

  let state: ConnectionState = 'connecting'
  let socket: SocketLike | null = null
  let open = false
  let started = false
  let closedForGood = false
  let attempt = 0
  let reconnectTimer: unknown = null
  let nextId = 1
  const pending = new Map<number, Pending>()
  const queue: Queued[] = []
  const eventListeners = new Set<(event: string, payload: unknown) => void>()
  const stateListeners = new Set<(state: ConnectionState) => void>()

  const setState = (next: ConnectionState) => {
    if (next === state) return
    state = next
    for (const l of [...stateListeners]) l(next)
  }

  const failCall = (id: number, message: string) => {
    const p = pending.get(id)
    if (!p) return
    pending.delete(id)
    p.reject(new BridgeCallError('unreachable', message))
  }

  const flushQueue = () => {
    while (open && socket && queue.length > 0) {
      const q = queue.shift()!
      timers.clearTimeout(q.timer)
      sendNow(q.id, q.data)
    }
  }

  const sendNow = (id: number, data: string) => {
    try {
      socket!.send(data)
    } catch (e) {
      failCall(id, `${UNREACHABLE_MESSAGE}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  const onMessage = (raw: unknown) => {
    let json: unknown
    try {
      json = JSON.parse(typeof raw === 'string' ? raw : String(raw))
    } catch {
      return reportProtocolError('a message that is not JSON was ignored')
    }
    const parsed = ServerMessageSchema.safeParse(json)
    if (!parsed.success) return reportProtocolError('a message of unknown shape was ignored')
    const msg = parsed.data
    if (msg.t === 'result') {
      const p = pending.get(msg.id)
      if (!p) return
      pending.delete(msg.id)
      p.resolve(msg.envelope)
    } else {
      for (const l of [...eventListeners]) l(msg.event, msg.payload)
    }
  }

  const connect = () => {
    reconnectTimer = null
    let s: SocketLike
    try {
      s = createSocket(options.url)
    } catch {
      return scheduleReconnect()
    }
    socket = s
    s.onopen = () => {
      if (socket !== s) return
      open = true
      attempt = 0
      setState('connected')
      flushQueue()
    }
    s.onmessage = (ev) => {
      if (socket === s) onMessage(ev.data)
    }
    s.onerror = () => {
      // A close event always follows; that is where we react.
    }
    s.onclose = () => {
      if (socket !== s) return
      socket = null
      open = false
      // Calls already sent will never be answered by this socket.
      for (const id of [...pending.keys()]) {
        if (!queue.some((q) => q.id === id)) failCall(id, `${UNREACHABLE_MESSAGE}: the connection was lost`)
      }
      if (closedForGood) return
      setState('disconnected')
      scheduleReconnect()
    }
  }

  const scheduleReconnect = () => {
    if (closedForGood) return
    const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt)
    attempt++
    reconnectTimer = timers.setTimeout(connect, delay)
  }

  const ensureStarted = () => {
    if (started || closedForGood) return
    started = true
    connect()
  }

  return {
    connection: {
      get: () => state,
      subscribe(listener) {
        stateListeners.add(listener)
        return () => stateListeners.delete(listener)
      },
    },
    call(method, args) {
      ensureStarted()
      return new Promise<unknown>((resolve, reject) => {
        if (closedForGood) return reject(new BridgeCallError('unreachable', UNREACHABLE_MESSAGE))
        const id = nextId++
        const message: ClientMessage = { t: 'call', id, method, args }
        pending.set(id, { resolve, reject })
        const data = JSON.stringify(message)
        if (open && socket) return sendNow(id, data)
        const timer = timers.setTimeout(() => {
          const at = queue.findIndex((q) => q.id === id)
          if (at >= 0) queue.splice(at, 1)
          failCall(id, UNREACHABLE_MESSAGE)
        }, queueTimeoutMs)
        queue.push({ id, data, timer })
      })
    },
    // Listening alone does not open the socket: events flow only after a call (app.ready).
    subscribe(listener) {
      eventListeners.add(listener)
      return () => eventListeners.delete(listener)
    },
    close() {
      closedForGood = true
      if (reconnectTimer !== null) timers.clearTimeout(reconnectTimer)
      for (const q of queue.splice(0)) timers.clearTimeout(q.timer)
      for (const id of [...pending.keys()]) failCall(id, UNREACHABLE_MESSAGE)
      socket?.close()
      socket = null
      open = false
      setState('disconnected')
    },
  }
}
