// The web host's command line: `npm run web -- [--port N] [--data-dir DIR] [--demo]
// [--poll-seconds N] [--keychain-service NAME] [--renderer-dir DIR]`. Bad input is refused with
// a message that says what was wrong; nothing starts.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export interface WebCliOptions {
  port: number
  dataDir: string
  demo: boolean
  pollSeconds?: number
  keychainService?: string
  rendererDir?: string
  help: boolean
}

export const usage = (dataDir: string): string => `Usage: npm run web -- [options]
  --port N                 port on 127.0.0.1 (default: any free port)
  --data-dir DIR           where accounts and columns are kept (default: ${dataDir})
  --demo                   keep tokens in memory only (no keychain); they are lost when Crosstalk exits
  --poll-seconds N         poll every column every N seconds (at least 1), instead of each network's default
  --keychain-service NAME  keychain service name for tokens (default: Crosstalk)
  --renderer-dir DIR       the built renderer to serve (default: out/renderer)
  --help                   this text`

export class CliError extends Error {
  override readonly name = 'CliError'
}

/** Where the web host keeps its files when --data-dir is not given. */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string = homedir()): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Crosstalk')
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Crosstalk')
  const xdg = env.XDG_DATA_HOME
  // The XDG spec ignores relative values.
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share'), 'crosstalk')
}

function integer(flag: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new CliError(`${flag} needs a whole number from ${min} to ${max}, not "${raw}".`)
  }
  return Number(raw)
}

function seconds(flag: string, raw: string): number {
  const n = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN
  if (!(n >= 1 && n <= 86_400)) throw new CliError(`${flag} needs a number of seconds from 1 to 86400, not "${raw}".`)
  return n
}

function text(flag: string, raw: string): string {
  if (raw.trim() === '') throw new CliError(`${flag} needs a value.`)
  return raw
}

export function parseWebCliArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): WebCliOptions {
  const options: WebCliOptions = { port: 0, dataDir: '', demo: false, help: false }
  let dataDir: string | undefined
  const seen = new Set<string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1
    const flag = eq > 0 ? arg.slice(0, eq) : arg
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined
    if (seen.has(flag)) throw new CliError(`${flag} is given twice.`)
    seen.add(flag)
    const value = (): string => {
      if (inline !== undefined) return inline
      const next = argv[++i]
      if (next === undefined || next.startsWith('--')) throw new CliError(`${flag} needs a value.`)
      return next
    }
    const noValue = () => {
      if (inline !== undefined) throw new CliError(`${flag} takes no value.`)
    }
    switch (flag) {
      case '--port':
        options.port = integer(flag, value(), 0, 65_535)
        break
      case '--data-dir':
        dataDir = resolve(text(flag, value()))
        break
      case '--demo':
        noValue()
        options.demo = true
        break
      case '--poll-seconds':
        options.pollSeconds = seconds(flag, value())
        break
      case '--keychain-service':
        options.keychainService = text(flag, value())
        break
      case '--renderer-dir':
        options.rendererDir = resolve(text(flag, value()))
        break
      case '--help':
      case '-h':
        noValue()
        options.help = true
        break
      default:
        throw new CliError(`Unknown ${arg.startsWith('-') ? 'option' : 'argument'} "${arg}".`)
    }
  }
  if (options.demo && options.keychainService !== undefined) {
    throw new CliError('--demo keeps tokens in memory, so --keychain-service does not apply: give one or the other.')
  }
  options.dataDir = dataDir ?? defaultDataDir(env, platform)
  return options
}
