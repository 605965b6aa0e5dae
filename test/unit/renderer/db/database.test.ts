import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createDatabase, type CrosstalkDb } from '../../../../renderer/db/database'
import { columnItemsQuery, countItemsSince, removeColumn, saveItems } from '../../../../renderer/db/items'
import { itemQuery, saveThread, threadQuery } from '../../../../renderer/db/threads'
import { markRead, unreadCountQuery } from '../../../../renderer/db/read-state'
import { cacheColumns, cacheStatus, loadCachedWorkspace } from '../../../../renderer/db/cache'
import { homeColumn, makeItem } from '../fixtures'

let counter = 0
const dbs: CrosstalkDb[] = []
function freshDb(): CrosstalkDb {
  const db = createDatabase({ name: `crosstalk-test-${Math.random().toString(36).slice(2)}-${counter++}` })
  dbs.push(db)
  return db
}

afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete()
})

describe('saveItems', () => {
  it('saves a batch in one transaction and lists the column newest first', async () => {
    const db = freshDb()
    const items = [makeItem(1), makeItem(3), makeItem(2)]
    let transactions = 0
    const original = db.transaction.bind(db)
    ;(db as unknown as { transaction: typeof db.transaction }).transaction = ((...args: Parameters<typeof db.transaction>) => {
      transactions++
      return original(...args)
    }) as typeof db.transaction
    await saveItems(db, 'col-a', items)
    expect(transactions).toBe(1)
    const listed = await columnItemsQuery(db, 'col-a', 10)
    expect(listed.map((i) => i.remoteId)).toEqual(['3', '2', '1'])
  })

  it('orders by time, not by the text of the ISO date', async () => {
    const db = freshDb()
    // Same instant written two ways, plus one a second later with a timezone offset.
    const a = makeItem(1, { createdAt: '2025-01-01T12:00:00Z' })
    const b = makeItem(2, { createdAt: '2025-01-01T13:00:01+01:00' })
    const c = makeItem(3, { createdAt: '2025-01-01T11:59:59.500Z' })
    await saveItems(db, 'col-a', [a, b, c])
    expect((await columnItemsQuery(db, 'col-a', 10)).map((i) => i.remoteId)).toEqual(['2', '1', '3'])
  })

  it('respects the limit and keeps columns apart', async () => {
    const db = freshDb()
    await saveItems(db, 'col-a', [makeItem(1), makeItem(2), makeItem(3)])
    await saveItems(db, 'col-b', [makeItem(2), makeItem(9)])
    expect((await columnItemsQuery(db, 'col-a', 2)).map((i) => i.remoteId)).toEqual(['3', '2'])
    expect((await columnItemsQuery(db, 'col-b', 10)).map((i) => i.remoteId)).toEqual(['9', '2'])
    expect(await db.items.count()).toBe(4)
  })

  it('upserts an updated item: one row, new content, still listed once', async () => {
    const db = freshDb()
    await saveItems(db, 'col-a', [makeItem(1)])
    await saveItems(db, 'col-a', [makeItem(1, { text: 'edited', counts: { likes: 5 } })])
    const listed = await columnItemsQuery(db, 'col-a', 10)
    expect(listed).toHaveLength(1)
    expect(listed[0]!.text).toBe('edited')
    expect(listed[0]!.counts?.likes).toBe(5)
  })

  it('does nothing for an empty batch', async () => {
    const db = freshDb()
    await saveItems(db, 'col-a', [])
    expect(await db.columnItems.count()).toBe(0)
  })
})

describe('removeColumn', () => {
  it('drops the membership, read mark and status but keeps items other columns list', async () => {
    const db = freshDb()
    await saveItems(db, 'col-a', [makeItem(1), makeItem(2)])
    await saveItems(db, 'col-b', [makeItem(2)])
    await markRead(db, 'col-a', 1)
    await cacheStatus(db, { columnId: 'col-a', state: 'ok' })
    await removeColumn(db, 'col-a')
    expect(await columnItemsQuery(db, 'col-a', 10)).toEqual([])
    expect((await columnItemsQuery(db, 'col-b', 10)).map((i) => i.remoteId)).toEqual(['2'])
    expect(await db.items.count()).toBe(2)
    expect(await db.readState.get('col-a')).toBeUndefined()
    expect((await loadCachedWorkspace(db)).statuses).toEqual([])
  })
})

describe('threads', () => {
  it('round-trips a thread in reading order, with its items readable one by one', async () => {
    const db = freshDb()
    const root = makeItem(1)
    const focus = makeItem(2, { parentId: root.id })
    const reply = makeItem(3, { parentId: focus.id })
    await saveThread(db, {
      rootId: root.id,
      focusId: focus.id,
      items: [root, focus, reply],
      fetchedAt: '2025-01-02T00:00:00.000Z',
    })
    const stored = await threadQuery(db, focus.id)
    expect(stored?.rootId).toBe(root.id)
    expect(stored?.fetchedAt).toBe('2025-01-02T00:00:00.000Z')
    expect(stored?.items.map((i) => i.id)).toEqual([root.id, focus.id, reply.id])
    expect((await itemQuery(db, reply.id))?.text).toBe('Post number 3')
    expect(await threadQuery(db, 'nope')).toBeUndefined()
  })
})

describe('read state', () => {
  it('counts items newer than the read mark, all of them before any mark', async () => {
    const db = freshDb()
    await saveItems(db, 'col-a', [makeItem(1), makeItem(2), makeItem(3)])
    expect(await unreadCountQuery(db, 'col-a')).toBe(3)
    await markRead(db, 'col-a', Date.parse(makeItem(2).createdAt))
    expect(await unreadCountQuery(db, 'col-a')).toBe(1)
    expect(await countItemsSince(db, 'col-a', Date.parse(makeItem(3).createdAt))).toBe(0)
  })
})

describe('workspace cache', () => {
  it('loads what was cached and skips values of the wrong shape', async () => {
    const db = freshDb()
    await cacheColumns(db, [homeColumn])
    await cacheStatus(db, { columnId: 'col-home', state: 'ok', lastSyncedAt: '2025-01-01T00:00:00.000Z' })
    await db.columns.put({ key: 'accounts', value: [{ id: 42 }] })
    await db.columns.put({ key: 'status:broken', value: { state: 'exploded' } })
    const cached = await loadCachedWorkspace(db)
    expect(cached.columns).toEqual([homeColumn])
    expect(cached.accounts).toEqual([])
    expect(cached.statuses).toEqual([{ columnId: 'col-home', state: 'ok', lastSyncedAt: '2025-01-01T00:00:00.000Z' }])
  })
})
