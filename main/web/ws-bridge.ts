// The contract over a WebSocket: refuses upgrades without the per-launch secret or from another
// origin, dispatches each call message through the dispatcher, answers it by id, and sends
// events to every page that has called app.ready (held in the EventQueue while none has).
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer, type RawData } from 'ws'
import type { EventName } from '../../preload/contract'
import { ClientMessageSchema, SECRET_PARAM, WS_PATH, type ServerMessage } from '../../preload/wire'
import type { Logger } from '../core/capabilities'
import type { Dispatcher } from '../core/bridge/dispatcher'
import { describeIssues } from '../core/bridge/dispatcher'
import { createEventQueue } from '../core/bridge/event-queue'
import { secretMatches } from './secret'

/** Largest message a page may send (calls are far smaller; MAX_ARGS_BYTES is checked after). */
export const MAX_MESSAGE_BYTES = 1024 * 1024

export interface WsBridgeOptions {
  dispatcher: Dispatcher
  secret: string
  /** The only Origin accepted, e.g. http://127.0.0.1:4780. */
  origin: string
  logger: Logger
}

export interface WsBridge {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  /** Sends (or holds) an already validated event. */
  publish(event: EventName, payload: unknown): void
  readyClients(): number
  close(): void
}

function refuseUpgrade(socket: Duplex, status: 403 | 404, reason: string): void {
  const text = status === 403 ? 'Forbidden' : 'Not Found'
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length + 1}\r\n\r\n${reason}\n`,
  )
  socket.destroy()
}

export function createWsBridge(opts: WsBridgeOptions): WsBridge {
  const { dispatcher, logger } = opts
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  const ready = new Set<WebSocket>()
  const queue = createEventQueue({
    logger,
    deliver: (event, payload) => {
      // A page may have gone before its close was noticed: then the event waits for the next one.
      for (const ws of ready) if (ws.readyState !== WebSocket.OPEN) ready.delete(ws)
      if (ready.size === 0) return false
      const text = JSON.stringify({ t: 'event', event, payload } satisfies ServerMessage)
      for (const ws of ready) ws.send(text)
      return true
    },
  })

  function send(ws: WebSocket, message: ServerMessage): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message))
  }

  function forget(ws: WebSocket): void {
    ready.delete(ws)
    if (ready.size === 0) queue.setReady(false)
  }

  async function onMessage(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) return logger.warn('Ignored a binary WebSocket message')
    let json: unknown
    try {
      json = JSON.parse(data.toString())
    } catch {
      return logger.warn('Ignored a WebSocket message that is not JSON')
    }
    const parsed = ClientMessageSchema.safeParse(json)
    if (!parsed.success) return logger.warn('Ignored a malformed WebSocket message', { issues: describeIssues(parsed.error) })
    const { id, method, args } = parsed.data
    const envelope = await dispatcher.dispatch(method, args)
    send(ws, { t: 'result', id, envelope })
    if (method === 'app.ready' && envelope.ok && ws.readyState === WebSocket.OPEN) {
      ready.add(ws)
      queue.setReady(true)
    }
  }

  function accept(ws: WebSocket): void {
    ws.on('message', (data, isBinary) => {
      onMessage(ws, data, isBinary).catch((error: unknown) => logger.error('WebSocket message failed', { error: String(error) }))
    })
    ws.on('close', () => forget(ws))
    ws.on('error', (error) => {
      logger.warn('WebSocket error', { error: error.message })
      forget(ws)
    })
  }

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      if (url.pathname !== WS_PATH) return refuseUpgrade(socket, 404, 'No such endpoint')
      if (!secretMatches(url.searchParams.get(SECRET_PARAM), opts.secret)) {
        logger.warn('Refused a WebSocket without the right secret', { origin: req.headers.origin ?? '(none)' })
        return refuseUpgrade(socket, 403, 'Forbidden')
      }
      if (req.headers.origin !== opts.origin) {
        logger.warn('Refused a WebSocket from a foreign origin', { origin: req.headers.origin ?? '(none)' })
        return refuseUpgrade(socket, 403, 'Forbidden')
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws))
    },
    publish: (event, payload) => queue.push(event, payload),
    readyClients: () => ready.size,
    close() {
      for (const ws of wss.clients) ws.terminate()
      ready.clear()
      queue.setReady(false)
      wss.close()
    },
  }
}
