// The web host: the built renderer and the bridge, on 127.0.0.1 only. The printed address
// carries a per-launch secret; the WebSocket demands it and our own Origin (see ws-bridge.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { EventName } from '../../preload/contract'
import { SECRET_PARAM } from '../../preload/wire'
import type { Core } from '../core/app'
import { checkWebUrl } from '../core/app'
import { consoleLogger, type Logger } from '../core/capabilities'
import { contentSecurityPolicy } from '../core/bridge/csp'
import { createDispatcher } from '../core/bridge/dispatcher'
import { newSecret } from './secret'
import { createStaticFiles } from './static-files'
import { createWsBridge } from './ws-bridge'

export const WEB_HOST_ADDRESS = '127.0.0.1'

export interface WebHostOptions {
  core: Pick<Core, 'handlers' | 'onEvent'>
  /** 0 or absent: any free port. */
  port?: number
  rendererDir: string
  /** Default: 32 random bytes, base64url. */
  secret?: string
  logger?: Logger
}

export interface WebHost {
  /** What to open: http://127.0.0.1:PORT/?k=SECRET */
  url: string
  port: number
  /** Asks the page(s) to open this http(s) URL in a new tab (sign-in consent pages). */
  openUrl(url: string): Promise<void>
  close(): Promise<void>
}

export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy({ connectSrc: [`ws://${WEB_HOST_ADDRESS}:${port}`] }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  }
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${WEB_HOST_ADDRESS} is already in use: choose another with --port.`)
          : error,
      )
    }
    server.once('error', onError)
    server.listen(port, WEB_HOST_ADDRESS, () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const logger = opts.logger ?? consoleLogger
  const secret = opts.secret ?? newSecret()
  const dispatcher = createDispatcher(opts.core.handlers, { logger })
  // Routes are installed once the port is known (the headers and the accepted Origin name it).
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => void res.writeHead(503).end()
  const server = createServer((req, res) => handle(req, res))
  const port = await listen(server, opts.port ?? 0)
  const hostHeader = `${WEB_HOST_ADDRESS}:${port}`
  const origin = `http://${hostHeader}`

  const serveFile = createStaticFiles({ rendererDir: opts.rendererDir, htmlHeaders: securityHeaders(port) })
  const bridge = createWsBridge({ dispatcher, secret, origin, logger })

  handle = (req, res) => {
    // A page reached through another host name (DNS rebinding) gets nothing.
    if (req.headers.host !== hostHeader) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Use ${origin}/\n`)
      return
    }
    const { pathname } = new URL(req.url ?? '/', origin)
    serveFile(req, res, pathname).catch((error: unknown) => {
      logger.error('Could not serve a file', { path: pathname, error: String(error) })
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Internal error\n')
    })
  }
  server.on('upgrade', (req, socket, head) => {
    if (req.headers.host !== hostHeader) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    bridge.handleUpgrade(req, socket, head)
  })

  const publish = (event: EventName | string, payload: unknown) => {
    try {
      const prepared = dispatcher.prepareEvent(event, payload)
      bridge.publish(prepared.event, prepared.payload)
    } catch (error) {
      logger.error('Dropped an event', { error: error instanceof Error ? error.message : String(error) })
    }
  }
  const unsubscribe = opts.core.onEvent(publish)

  return {
    url: `${origin}/?${SECRET_PARAM}=${secret}`,
    port,
    async openUrl(url) {
      publish('open-url', { url: checkWebUrl(url) })
    },
    close() {
      unsubscribe()
      bridge.close()
      return new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}
