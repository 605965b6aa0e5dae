// The web host's logger: everything to stderr, because stdout carries exactly one line (the
// address to open) that scripts and the end-to-end tests read.
import type { Logger } from '../core/capabilities'

export function createStderrLogger(write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const log = (level: string) => (message: string, extra?: Record<string, unknown>) =>
    write(`[crosstalk] ${level}${message}${describe(extra)}\n`)
  return { info: log(''), warn: log('warning: '), error: log('error: ') }
}

function describe(extra: Record<string, unknown> | undefined): string {
  if (!extra || Object.keys(extra).length === 0) return ''
  try {
    return ` ${JSON.stringify(extra)}`
  } catch {
    return ` ${String(extra)}`
  }
}
