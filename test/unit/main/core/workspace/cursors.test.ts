import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../../../../main/core/capabilities'
import { createCursorStore } from '../../../../../main/core/workspace/cursors'
import { createWorkspaceFiles } from '../../../../../main/core/workspace/files'
import { createManualClock } from '../polling/manual-clock'

let dir: string
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'crosstalk-cursors-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('cursor store', () => {
  it('keeps entries in memory, writes them behind to cursors.json, and loads them back', async () => {
    const files = createWorkspaceFiles({ dataDir: dir, clock: createManualClock(), logger: silentLogger })
    const store = createCursorStore(files.cursors, silentLogger)
    await store.load()
    const entry = { cursor: { newer: 'n1', older: 'o1' }, hasMore: true, lastSyncedAt: '2025-06-01T12:00:00.000Z' }
    store.set('c1', entry)
    store.set('c2', { cursor: {} })
    expect(store.get('c1')).toEqual(entry)
    store.delete('c2')
    store.delete('never-there')
    expect(store.get('c2')).toBeUndefined()
    await files.flush()
    expect(JSON.parse(readFileSync(join(dir, 'cursors.json'), 'utf8'))).toEqual({ c1: entry })

    const reloaded = createCursorStore(
      createWorkspaceFiles({ dataDir: dir, clock: createManualClock(), logger: silentLogger }).cursors,
      silentLogger,
    )
    await reloaded.load()
    expect(reloaded.get('c1')).toEqual(entry)
    expect(reloaded.get('toString')).toBeUndefined()
  })

  it('retainOnly drops the entries of columns that are gone', async () => {
    const files = createWorkspaceFiles({ dataDir: dir, clock: createManualClock(), logger: silentLogger })
    const store = createCursorStore(files.cursors, silentLogger)
    await store.load()
    store.set('keep', { cursor: { newer: 'n' } })
    store.set('gone', { cursor: { newer: 'm' } })
    store.retainOnly(['keep', 'unknown'])
    expect(store.get('gone')).toBeUndefined()
    expect(store.get('keep')).toEqual({ cursor: { newer: 'n' } })
    await files.flush()
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'cursors.json'), 'utf8')))).toEqual(['keep'])
  })
})
