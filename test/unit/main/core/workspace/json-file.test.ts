// Atomic JSON files: round trip, a crash between temp write and rename, corrupt files moved
// aside (never deleted), serialized and coalesced writes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { Logger } from '../../../../../main/core/capabilities'
import { createJsonFile } from '../../../../../main/core/workspace/json-file'
import { AccountsFileSchema } from '../../../../../main/core/workspace/schemas'
import { createManualClock } from '../polling/manual-clock'

let dir: string
let warnings: string[]
const logger: Logger = { info: () => {}, warn: (m) => void warnings.push(m), error: () => {} }
const clock = createManualClock(Date.parse('2025-06-01T12:34:56.789Z'))

const ListSchema = z.array(z.object({ id: z.string(), n: z.number() }))
const file = (name = 'list.json') => createJsonFile({ dir, name, schema: ListSchema, empty: () => [], clock, logger })

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-json-'))
  warnings = []
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('json file', () => {
  it('a missing file loads as the empty value', async () => {
    expect(await file().load()).toEqual([])
    expect(warnings).toEqual([])
  })

  it('round trip: what is saved loads back, and the directory is created on demand', async () => {
    dir = join(dir, 'nested', 'data')
    const f = file()
    await f.save([{ id: 'a', n: 1 }])
    expect(await file().load()).toEqual([{ id: 'a', n: 1 }])
    expect(readdirSync(dir)).toEqual(['list.json'])
  })

  it('a crash between the temp write and the rename leaves the old file intact (and the stale temp is cleaned up)', async () => {
    const f = file()
    await f.save([{ id: 'old', n: 1 }])
    // What a crash mid-save leaves behind: a complete or partial temp file, never renamed.
    writeFileSync(join(dir, 'list.json.tmp-99999-1'), '[{"id":"new","n":')
    expect(await file().load()).toEqual([{ id: 'old', n: 1 }])
    expect(readdirSync(dir)).toEqual(['list.json'])
  })

  it('a file that is not JSON is moved aside to <name>.corrupt-<timestamp>, with a warning, and loads as empty', async () => {
    writeFileSync(join(dir, 'list.json'), '{ this is not json')
    expect(await file().load()).toEqual([])
    const aside = 'list.json.corrupt-2025-06-01T12-34-56-789Z'
    expect(readdirSync(dir)).toEqual([aside])
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('{ this is not json')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('not valid JSON')
    expect(warnings[0]).toContain(aside)
  })

  it('a file of the wrong shape is moved aside too, and a second one on the same instant does not overwrite the first', async () => {
    writeFileSync(join(dir, 'list.json'), '[{"id": 1}]')
    expect(await file().load()).toEqual([])
    writeFileSync(join(dir, 'list.json'), '{"id": "x"}')
    expect(await file().load()).toEqual([])
    expect(readdirSync(dir).sort()).toEqual([
      'list.json.corrupt-2025-06-01T12-34-56-789Z',
      'list.json.corrupt-2025-06-01T12-34-56-789Z-1',
    ])
    expect(readFileSync(join(dir, 'list.json.corrupt-2025-06-01T12-34-56-789Z'), 'utf8')).toBe('[{"id": 1}]')
    expect(warnings[0]).toContain('unexpected content')
  })

  it('after moving a corrupt file aside, the next save writes a good one', async () => {
    writeFileSync(join(dir, 'list.json'), 'garbage')
    const f = file()
    await f.load()
    await f.save([{ id: 'fresh', n: 2 }])
    expect(await file().load()).toEqual([{ id: 'fresh', n: 2 }])
  })

  it('writes are serialized and coalesced: the last value wins and nothing interleaves', async () => {
    const f = file()
    const saves = Array.from({ length: 20 }, (_, i) => f.save([{ id: `v${i}`, n: i }]))
    await Promise.all(saves)
    expect(await file().load()).toEqual([{ id: 'v19', n: 19 }])
    expect(readdirSync(dir)).toEqual(['list.json'])
  })

  it('a failed write rejects that save, leaves the old file, and later saves still work', async () => {
    const f = file()
    await f.save([{ id: 'kept', n: 1 }])
    // A value JSON cannot encode makes the write fail before anything touches the disk.
    const cyclic: { id: string; n: number; self?: unknown }[] = [{ id: 'x', n: 1 }]
    cyclic[0]!.self = cyclic
    await expect(f.save(cyclic)).rejects.toThrow()
    expect(await file().load()).toEqual([{ id: 'kept', n: 1 }])
    await f.save([{ id: 'next', n: 2 }])
    await f.flush()
    expect(await file().load()).toEqual([{ id: 'next', n: 2 }])
  })

  it('accounts.json never holds more than Account fields', async () => {
    const f = createJsonFile({ dir, name: 'accounts.json', schema: AccountsFileSchema, empty: () => [], clock, logger })
    writeFileSync(
      join(dir, 'accounts.json'),
      JSON.stringify([{ id: 'a', network: 'mastodon', side: 'external', handle: '@a', displayName: 'A', accessToken: 'leak' }]),
    )
    expect(JSON.stringify(await f.load())).not.toContain('leak')
  })
})
