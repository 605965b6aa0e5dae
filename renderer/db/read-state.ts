// When the user last caught up with each column: drives the unread badge.
import type { CrosstalkDb } from './database'
import { countItemsSince } from './items'

export async function markRead(db: CrosstalkDb, columnId: string, atMs: number): Promise<void> {
  await db.readState.put({ columnId, lastReadAt: atMs })
}

/** Items of the column newer than its read mark (all items when it was never read). */
export async function unreadCountQuery(db: CrosstalkDb, columnId: string): Promise<number> {
  const state = await db.readState.get(columnId)
  return countItemsSince(db, columnId, state?.lastReadAt)
}
