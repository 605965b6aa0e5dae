// Items and which columns list them. Writes are one transaction per batch so a column never
// shows half a poll; reads are plain functions meant to run inside useLiveQuery.
import { Dexie } from 'dexie'
import type { Item } from '../../preload/model'
import type { ColumnItemRow, CrosstalkDb } from './database'

const epochMs = (iso: string): number => {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? 0 : ms
}

/**
 * What the cache knew of the viewer's relation survives an update that does not say (X and
 * Viva Engage never tell whether you liked a post; the like you sent does).
 */
async function withKnownViewer(db: CrosstalkDb, items: readonly Item[]): Promise<Item[]> {
  const cached = await db.items.bulkGet(items.map((i) => i.id))
  return items.map((item, at) => {
    const known = cached[at]?.viewer
    return known ? { ...item, viewer: { ...known, ...item.viewer } } : item
  })
}

/** Upserts the items and records that the column lists them, in one transaction. */
export async function saveItems(db: CrosstalkDb, columnId: string, items: readonly Item[]): Promise<void> {
  if (items.length === 0) return
  const rows: ColumnItemRow[] = items.map((item) => ({ columnId, itemId: item.id, createdAt: epochMs(item.createdAt) }))
  await db.transaction('rw', db.items, db.columnItems, async () => {
    await db.items.bulkPut(await withKnownViewer(db, items))
    await db.columnItems.bulkPut(rows)
  })
}

/** Items a write created or changed: updated where cached, added to no column (threads find them). */
export async function saveDetachedItems(db: CrosstalkDb, items: readonly Item[]): Promise<void> {
  if (items.length === 0) return
  await db.transaction('rw', db.items, async () => {
    await db.items.bulkPut(await withKnownViewer(db, items))
  })
}

/** Items deleted through the outbox leave the cache and every column. */
export async function removeItems(db: CrosstalkDb, itemIds: readonly string[]): Promise<void> {
  if (itemIds.length === 0) return
  await db.transaction('rw', db.items, db.columnItems, async () => {
    await db.items.bulkDelete([...itemIds])
    await db.columnItems
      .where('itemId')
      .anyOf([...itemIds])
      .delete()
  })
}

/** Records what a sent like/repost (or its undoing) changed, on the cached item. */
export async function applySentAction(db: CrosstalkDb, itemId: string, action: string): Promise<void> {
  const change: Partial<Record<'liked' | 'reposted', boolean>> | undefined = {
    like: { liked: true },
    unlike: { liked: false },
    repost: { reposted: true },
    unrepost: { reposted: false },
  }[action]
  if (!change) return
  await db.transaction('rw', db.items, async () => {
    const item = await db.items.get(itemId)
    if (item) await db.items.put({ ...item, viewer: { ...item.viewer, ...change } })
  })
}

/** The column's items, newest first, at most `limit` of them. */
export async function columnItemsQuery(db: CrosstalkDb, columnId: string, limit: number): Promise<Item[]> {
  const rows = await db.columnItems
    .where('[columnId+createdAt]')
    .between([columnId, Dexie.minKey], [columnId, Dexie.maxKey])
    .reverse()
    .limit(limit)
    .toArray()
  const items = await db.items.bulkGet(rows.map((r) => r.itemId))
  return items.filter((i): i is Item => i !== undefined)
}

/** How many of the column's items were created after `sinceMs` (all of them when undefined). */
export async function countItemsSince(db: CrosstalkDb, columnId: string, sinceMs: number | undefined): Promise<number> {
  if (sinceMs === undefined) return db.columnItems.where('columnId').equals(columnId).count()
  return db.columnItems.where('[columnId+createdAt]').between([columnId, sinceMs], [columnId, Dexie.maxKey], false, true).count()
}

/** The newest createdAt (epoch ms) the column lists, if any. */
export async function newestItemTime(db: CrosstalkDb, columnId: string): Promise<number | undefined> {
  const row = await db.columnItems
    .where('[columnId+createdAt]')
    .between([columnId, Dexie.minKey], [columnId, Dexie.maxKey])
    .last()
  return row?.createdAt
}

/** Forgets a column: its membership, read state and cached status. Items stay (other columns may list them). */
export async function removeColumn(db: CrosstalkDb, columnId: string): Promise<void> {
  await db.transaction('rw', db.columnItems, db.readState, db.columns, async () => {
    await db.columnItems.where('columnId').equals(columnId).delete()
    await db.readState.delete(columnId)
    await db.columns.delete(statusKey(columnId))
  })
}

export const statusKey = (columnId: string): string => `status:${columnId}`
