// The capabilities the core receives from its shell. Nothing in main/core or main/networks
// reaches for a global clock, keychain, browser or network: tests pass small fakes instead.

export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms)
    t.unref?.()
    return t
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

/** Opens a URL in the system browser (Electron) or a new tab (web host). */
export type OpenUrl = (url: string) => Promise<void>

export interface Logger {
  info(message: string, extra?: Record<string, unknown>): void
  warn(message: string, extra?: Record<string, unknown>): void
  error(message: string, extra?: Record<string, unknown>): void
}

export const consoleLogger: Logger = {
  info: (m, e) => console.log(`[crosstalk] ${m}`, e ?? ''),
  warn: (m, e) => console.warn(`[crosstalk] ${m}`, e ?? ''),
  error: (m, e) => console.error(`[crosstalk] ${m}`, e ?? ''),
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} }
