// Threads as last fetched: the items go to the shared items table, the order to `threads`.
import type { Item, Thread } from '../../preload/model'
import type { CrosstalkDb, ThreadRow } from './database'

export async function saveThread(db: CrosstalkDb, thread: Thread): Promise<void> {
  const row: ThreadRow = {
    focusId: thread.focusId,
    rootId: thread.rootId,
    itemIds: thread.items.map((i) => i.id),
    fetchedAt: thread.fetchedAt,
  }
  await db.transaction('rw', db.items, db.threads, async () => {
    await db.items.bulkPut([...thread.items])
    await db.threads.put(row)
  })
}

export interface StoredThread {
  rootId: string
  focusId: string
  fetchedAt: string
  /** In reading order; items missing from the store are skipped. */
  items: Item[]
}

/** The saved copy of the thread opened from `focusId`, or undefined if none was saved. */
export async function threadQuery(db: CrosstalkDb, focusId: string): Promise<StoredThread | undefined> {
  const row = await db.threads.get(focusId)
  if (!row) return undefined
  const items = await db.items.bulkGet(row.itemIds)
  return {
    rootId: row.rootId,
    focusId: row.focusId,
    fetchedAt: row.fetchedAt,
    items: items.filter((i): i is Item => i !== undefined),
  }
}

export const itemQuery = (db: CrosstalkDb, itemId: string): Promise<Item | undefined> => db.items.get(itemId)
