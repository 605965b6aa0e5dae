// The renderer's IndexedDB (Dexie): what the UI paints from before main answers, and what it
// keeps reading when the networks are gone. Created by a factory so tests use their own name.
import { Dexie, type EntityTable } from 'dexie'
import type { DraftAttachment, Item } from '../../preload/model'

/** A column lists an item: compound key [columnId+itemId]; createdAt is epoch ms so it sorts. */
export interface ColumnItemRow {
  columnId: string
  itemId: string
  createdAt: number
}

/** A thread as last fetched, stored by the item it was opened from. */
export interface ThreadRow {
  focusId: string
  rootId: string
  itemIds: string[]
  fetchedAt: string
}

/** Cached workspace pieces (columns, accounts, networks, one row per column status). */
export interface CacheRow {
  key: string
  value: unknown
}

export interface ReadStateRow {
  columnId: string
  /** Epoch ms: items created after this are unread. */
  lastReadAt: number
}

/** What the composer held when it was closed without sending, by what it was writing (a new post, a reply to …). */
export interface SavedDraftRow {
  key: string
  text: string
  accountIds: string[]
  attachments: DraftAttachment[]
  savedAt: number
}

export type CrosstalkDb = Dexie & {
  items: EntityTable<Item, 'id'>
  columnItems: Dexie.Table<ColumnItemRow, [string, string]>
  threads: EntityTable<ThreadRow, 'focusId'>
  columns: EntityTable<CacheRow, 'key'>
  readState: EntityTable<ReadStateRow, 'columnId'>
  drafts: EntityTable<SavedDraftRow, 'key'>
}

export interface DatabaseOptions {
  /** Database name; tests pass a fresh one each time. */
  name?: string
  /** Alternative IndexedDB implementation (fake-indexeddb in tests). */
  indexedDB?: IDBFactory
  IDBKeyRange?: typeof IDBKeyRange
}

export function createDatabase(options: DatabaseOptions = {}): CrosstalkDb {
  const dexieOptions = options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : undefined
  const db = new Dexie(options.name ?? 'crosstalk', dexieOptions) as CrosstalkDb
  db.version(1).stores({
    items: 'id, accountId, createdAt',
    columnItems: '[columnId+itemId], columnId, [columnId+createdAt]',
    threads: 'focusId',
    columns: 'key',
    readState: 'columnId',
  })
  // v2: find an item's column rows by item id (an item deleted through the outbox leaves every column).
  db.version(2).stores({ columnItems: '[columnId+itemId], columnId, [columnId+createdAt], itemId' })
  // v3: the composer's unsent text survives closing it, a reload and a crash.
  db.version(3).stores({ drafts: 'key' })
  return db
}
