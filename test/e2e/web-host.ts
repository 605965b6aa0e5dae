// Starts the real web host (main/web/cli.ts) as a child process, the way a person would, and
// reads the one line it prints with the address to open.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface WebHostProcess {
  url: string
  port: number
  /** Which secret store the host uses: the OS keychain, or memory when no D-Bus session exists. */
  secrets: 'keychain' | 'memory'
  stop(): Promise<void>
}

const root = fileURLToPath(new URL('../..', import.meta.url))

export const keychainAvailable = (): boolean => Boolean(process.env.DBUS_SESSION_BUS_ADDRESS)

export async function startWebHost(opts: {
  dataDir: string
  port?: number
  keychainService: string
  pollSeconds?: number
  /** CROSSTALK_ENDPOINTS for networks with fixed hosts (Yammer, X, Facebook…): point them at fakes. */
  endpoints?: Record<string, Record<string, string>>
}): Promise<WebHostProcess> {
  const useKeychain = keychainAvailable()
  const args = [
    join(root, 'main/web/cli.ts'),
    '--port',
    String(opts.port ?? 0),
    '--data-dir',
    opts.dataDir,
    '--poll-seconds',
    String(opts.pollSeconds ?? 2),
    ...(useKeychain ? ['--keychain-service', opts.keychainService] : ['--demo']),
    // A private renderer build (CROSSTALK_RENDERER_DIR) lets parallel work build without clashing.
    ...(process.env.CROSSTALK_RENDERER_DIR ? ['--renderer-dir', process.env.CROSSTALK_RENDERER_DIR] : []),
  ]
  const env = { ...process.env, CROSSTALK_ENDPOINTS: opts.endpoints ? JSON.stringify(opts.endpoints) : '' }
  const child: ChildProcess = spawn(join(root, 'node_modules/.bin/tsx'), args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString()
    if (process.env.E2E_VERBOSE) process.stderr.write(c)
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`web host did not print its address in time. stderr:\n${stderr}`)), 30_000)
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /Crosstalk is running at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out)
      if (m?.[1]) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`web host exited (${code}) before printing its address. stderr:\n${stderr}`))
    })
  })
  return {
    url,
    port: Number(new URL(url).port),
    secrets: useKeychain ? 'keychain' : 'memory',
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 5000).unref()
      }),
  }
}

/** Deletes what a spec's sign-ins left in the keychain under its own service name. */
export async function forgetKeychain(service: string): Promise<void> {
  if (!keychainAvailable()) return
  const keytar = (await import('keytar')).default
  for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account)
}
