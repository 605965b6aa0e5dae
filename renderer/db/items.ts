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
    const before = cached[at]
    if (!before) return item
    const merged = before.viewer ? { ...item, viewer: { ...before.viewer, ...item.viewer } } : item
    // A network that never reads back a reply's hidden state: what the hide (a write) answered stands.
    if (item.hiddenUnread && before.moderation === 'hidden' && merged.moderation === undefined)
      return { ...merged, moderation: before.moderation }
    return merged
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

/** A moderation queue column: it lists its account's items in exactly these states. */
export interface QueueColumn {
  id: string
  accountId: string
  lists: readonly string[]
}

/**
 * Items a write created or changed: updated where cached (the network's answer is the truth),
 * added to no column, except that a moderated item moves between its account's queues
 * (approved, it leaves "held" and joins "approved comments").
 */
export async function saveDetachedItems(
  db: CrosstalkDb,
  items: readonly Item[],
  queues: readonly QueueColumn[] = [],
): Promise<void> {
  if (items.length === 0) return
  await db.transaction('rw', db.items, db.columnItems, async () => {
    const cached = await db.items.bulkGet(items.map((i) => i.id))
    await db.items.bulkPut(items.map((item, at) => ({ ...item, viewer: { ...cached[at]?.viewer, ...item.viewer } })))
    for (const item of items) {
      const state = item.moderation ?? 'approved'
      for (const q of queues) {
        if (q.accountId !== item.accountId) continue
        if (q.lists.includes(state))
          await db.columnItems.put({ columnId: q.id, itemId: item.id, createdAt: epochMs(item.createdAt) })
        else await db.columnItems.delete([q.id, item.id])
      }
    }
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
