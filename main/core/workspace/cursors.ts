// Per-column paging state, kept in memory and written behind (cursors.json). Losing the last
// write only means one page is fetched again, so callers do not wait for the disk.
import type { Logger } from '../capabilities'
import type { JsonFile } from './json-file'
import type { CursorEntry, CursorsFile } from './schemas'

export interface CursorStore {
  get(columnId: string): CursorEntry | undefined
  set(columnId: string, entry: CursorEntry): void
  delete(columnId: string): void
}

export interface PersistentCursorStore extends CursorStore {
  load(): Promise<void>
  /** Drops entries of columns that no longer exist (e.g. after columns.json was moved aside). */
  retainOnly(columnIds: Iterable<string>): void
}

export function createCursorStore(file: JsonFile<CursorsFile>, logger: Logger): PersistentCursorStore {
  let entries: CursorsFile = {}
  const persist = () => {
    file.save({ ...entries }).catch((error: unknown) => logger.error('Could not save cursors.json', { error: String(error) }))
  }
  return {
    async load() {
      entries = await file.load()
    },
    get: (columnId) => (Object.prototype.hasOwnProperty.call(entries, columnId) ? entries[columnId] : undefined),
    set(columnId, entry) {
      entries = { ...entries, [columnId]: entry }
      persist()
    },
    retainOnly(columnIds) {
      const keep = new Set(columnIds)
      const next = Object.fromEntries(Object.entries(entries).filter(([id]) => keep.has(id)))
      if (Object.keys(next).length === Object.keys(entries).length) return
      entries = next
      persist()
    },
    delete(columnId) {
      if (!Object.prototype.hasOwnProperty.call(entries, columnId)) return
      const { [columnId]: _gone, ...rest } = entries
      entries = rest
      persist()
    },
  }
}
