// The one line under a column's title that says how fresh it is. End-to-end tests look for
// these exact phrases, so they live in one pure function.
import type { ColumnStatus } from '../../preload/model'
import type { ConnectionState } from '../store/ui'
import { formatClock, formatRelative, type TimeFormatOptions } from '../common/time'

export type StatusTone = 'neutral' | 'ok' | 'busy' | 'warning' | 'error'

export interface StatusLine {
  text: string
  tone: StatusTone
}

function offline(status: ColumnStatus | undefined, now: number, opts: TimeFormatOptions): StatusLine {
  const text = status?.lastSyncedAt
    ? `Offline — last synced at ${formatClock(status.lastSyncedAt, now, opts)}`
    : 'Offline — never synced'
  return { text, tone: 'warning' }
}

export function statusLine(
  status: ColumnStatus | undefined,
  connection: ConnectionState,
  now: number,
  opts: TimeFormatOptions = {},
): StatusLine {
  // Without main, nothing is being fetched: every column is offline, whatever it said last.
  if (connection === 'disconnected') return offline(status, now, opts)
  switch (status?.state) {
    case undefined:
    case 'idle':
      return status?.lastSyncedAt
        ? { text: `Updated ${formatRelative(status.lastSyncedAt, now)}`, tone: 'neutral' }
        : { text: 'Waiting for the first sync', tone: 'neutral' }
    case 'syncing':
      return { text: 'Syncing…', tone: 'busy' }
    case 'ok':
      return { text: `Updated ${formatRelative(status.lastSyncedAt ?? now, now)}`, tone: 'ok' }
    case 'rate-limited':
      return {
        text: status.until
          ? `Rate-limited until ${formatClock(status.until, now, { ...opts, seconds: true })}`
          : 'Rate-limited: waiting before the next try',
        tone: 'warning',
      }
    case 'error':
      return { text: `Error: ${status.reason ?? 'unknown error'}`, tone: 'error' }
    case 'offline':
      return offline(status, now, opts)
  }
}
