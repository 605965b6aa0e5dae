// A loopback TCP proxy that can be switched off and on, on the same port: off means connections
// are refused (ECONNREFUSED), the way a network that is gone looks to the app, while the fake
// behind it keeps its state.
import { createServer, connect, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

export interface TcpProxy {
  url: string
  up(): Promise<void>
  down(): Promise<void>
  close(): Promise<void>
}

export async function startTcpProxy(target: URL): Promise<TcpProxy> {
  let server: Server | undefined
  let port = 0
  const sockets = new Set<Socket>()

  async function up(): Promise<void> {
    if (server) return
    const s = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname)
      for (const sock of [client, upstream]) {
        sockets.add(sock)
        sock.on('close', () => sockets.delete(sock))
        sock.on('error', () => {
          client.destroy()
          upstream.destroy()
        })
      }
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', resolve))
    port = (s.address() as AddressInfo).port
    server = s
  }

  async function down(): Promise<void> {
    const s = server
    server = undefined
    for (const sock of sockets) sock.destroy()
    sockets.clear()
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()))
  }

  await up()
  return { url: `http://127.0.0.1:${port}`, up, down, close: down }
}
