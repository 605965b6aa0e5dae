// Gives the app its Api: the one Electron's preload exposes as window.api, or else a WebSocket
// client to the web host. Created once in main.tsx and handed down by context.
import { createApiClient } from '../preload/api-client'
import type { Api } from '../preload/contract'
import { SECRET_PARAM, WS_PATH } from '../preload/wire'
import type { ConnectionState } from './store/ui'
import { createWebSocketTransport, type ConnectionSource, type WsTransportOptions } from './ws-transport'

export interface Bridge {
  api: Api
  connection: ConnectionSource
  close(): void
}

type BridgeWindow = Pick<Window, 'location'> & { api?: Api }

/** The web host's WebSocket address for this page: same host, the page's secret. */
export function bridgeUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const secret = new URLSearchParams(location.search).get(SECRET_PARAM) ?? ''
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}${WS_PATH}?${SECRET_PARAM}=${encodeURIComponent(secret)}`
}

const alwaysConnected: ConnectionSource = {
  get: (): ConnectionState => 'connected',
  subscribe: () => () => {},
}

export function createBridge(win: BridgeWindow = window, options: Omit<WsTransportOptions, 'url'> = {}): Bridge {
  if (win.api) return { api: win.api, connection: alwaysConnected, close: () => {} }
  const transport = createWebSocketTransport({ ...options, url: bridgeUrl(win.location) })
  return { api: createApiClient(transport), connection: transport.connection, close: () => transport.close() }
}

/** The Api alone, for callers that do not care about the connection. */
export const getApi = (win: BridgeWindow = window): Api => createBridge(win).api
