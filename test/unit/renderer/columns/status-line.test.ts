import { describe, expect, it } from 'vitest'
import { statusLine } from '../../../../renderer/columns/status-line'

const opts = { locale: 'en-GB', timeZone: 'UTC' }
const now = Date.parse('2025-03-10T14:30:00Z')

describe('statusLine', () => {
  it('says Syncing… while a poll runs', () => {
    expect(statusLine({ columnId: 'c', state: 'syncing' }, 'connected', now, opts).text).toBe('Syncing…')
  })

  it('says how long ago it was updated', () => {
    expect(statusLine({ columnId: 'c', state: 'ok', lastSyncedAt: '2025-03-10T14:25:00Z' }, 'connected', now, opts).text).toBe(
      'Updated 5 min ago',
    )
    expect(statusLine({ columnId: 'c', state: 'ok', lastSyncedAt: '2025-03-10T14:29:40Z' }, 'connected', now, opts).text).toBe(
      'Updated just now',
    )
  })

  it('says until when it is rate-limited', () => {
    const line = statusLine({ columnId: 'c', state: 'rate-limited', until: '2025-03-10T14:31:05Z' }, 'connected', now, opts)
    expect(line.text).toBe('Rate-limited until 14:31:05')
    expect(line.tone).toBe('warning')
  })

  it('gives the reason of an error', () => {
    const line = statusLine(
      { columnId: 'c', state: 'error', reason: 'The server answered with a page we cannot read' },
      'connected',
      now,
      opts,
    )
    expect(line.text).toBe('Error: The server answered with a page we cannot read')
    expect(line.tone).toBe('error')
  })

  it('says when it last synced while offline, with the day when it was not today', () => {
    expect(
      statusLine({ columnId: 'c', state: 'offline', lastSyncedAt: '2025-03-10T09:05:00Z' }, 'connected', now, opts).text,
    ).toBe('Offline — last synced at 09:05')
    expect(
      statusLine({ columnId: 'c', state: 'offline', lastSyncedAt: '2025-03-08T09:05:00Z' }, 'connected', now, opts).text,
    ).toBe('Offline — last synced at 8 Mar, 09:05')
    expect(statusLine({ columnId: 'c', state: 'offline' }, 'connected', now, opts).text).toBe('Offline — never synced')
  })

  it('treats a disconnected bridge as offline whatever the last status said', () => {
    const ok = { columnId: 'c', state: 'ok' as const, lastSyncedAt: '2025-03-10T14:00:00Z' }
    expect(statusLine(ok, 'disconnected', now, opts).text).toBe('Offline — last synced at 14:00')
    expect(statusLine(undefined, 'disconnected', now, opts).text).toBe('Offline — never synced')
    // Still connecting at start-up: the cached status stands.
    expect(statusLine(ok, 'connecting', now, opts).text).toBe('Updated 30 min ago')
  })

  it('says it waits when nothing was fetched yet', () => {
    expect(statusLine(undefined, 'connected', now, opts).text).toBe('Waiting for the first sync')
    expect(statusLine({ columnId: 'c', state: 'idle' }, 'connected', now, opts).text).toBe('Waiting for the first sync')
  })
})
