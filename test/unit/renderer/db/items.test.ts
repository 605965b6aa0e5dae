// What writes do to the cache: items a write changed, items it deleted, likes it sent.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { createDatabase, type CrosstalkDb } from '../../../../renderer/db/database'
import { applySentAction, columnItemsQuery, removeItems, saveDetachedItems, saveItems } from '../../../../renderer/db/items'
import { makeItem } from '../fixtures'

const dbs: CrosstalkDb[] = []
function freshDb(): CrosstalkDb {
  const db = createDatabase({ name: `crosstalk-items-${Math.random().toString(36).slice(2)}` })
  dbs.push(db)
  return db
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete()
})

describe('writes in the cache', () => {
  it('updates a detached item in place without adding it to any column', async () => {
    const db = freshDb()
    await saveItems(db, 'col-a', [makeItem(1)])
    await saveDetachedItems(db, [makeItem(1, { counts: { likes: 5 } }), makeItem(2)])
    expect((await db.items.get('acct-1/1'))?.counts).toEqual({ likes: 5 })
    expect(await db.items.get('acct-1/2')).toBeDefined()
    expect((await columnItemsQuery(db, 'col-a', 10)).map((i) => i.remoteId)).toEqual(['1'])
    expect(await db.columnItems.where('columnId').equals('').count()).toBe(0)
  })

  it('drops a deleted item from the cache and from every column', async () => {
    const db = freshDb()
    await saveItems(db, 'col-a', [makeItem(1), makeItem(2)])
    await saveItems(db, 'col-b', [makeItem(1)])
    await removeItems(db, ['acct-1/1'])
    expect(await db.items.get('acct-1/1')).toBeUndefined()
    expect((await columnItemsQuery(db, 'col-a', 10)).map((i) => i.remoteId)).toEqual(['2'])
    expect(await columnItemsQuery(db, 'col-b', 10)).toEqual([])
  })

  it('records a sent like and keeps it when a later poll does not say', async () => {
    const db = freshDb()
    await saveItems(db, 'col-a', [makeItem(1, { network: 'x', viewer: { mine: false } })])
    await applySentAction(db, 'acct-1/1', 'like')
    expect((await db.items.get('acct-1/1'))?.viewer).toEqual({ mine: false, liked: true })
    await saveItems(db, 'col-a', [makeItem(1, { network: 'x', viewer: { mine: false } })])
    expect((await db.items.get('acct-1/1'))?.viewer).toEqual({ mine: false, liked: true })
    // A network that says (Mastodon's favourited) wins over what the cache knew.
    await saveItems(db, 'col-a', [makeItem(1, { viewer: { mine: false, liked: false } })])
    expect((await db.items.get('acct-1/1'))?.viewer?.liked).toBe(false)
    await applySentAction(db, 'acct-1/1', 'moderate')
    expect((await db.items.get('acct-1/1'))?.viewer?.liked).toBe(false)
  })

  it('moves a moderated comment between its account’s queues, and leaves other columns alone', async () => {
    const db = freshDb()
    const held = makeItem(1, { network: 'wordpress', moderation: 'hold' })
    await saveItems(db, 'col-held', [held])
    await saveItems(db, 'col-timeline', [held])
    const queues = [
      { id: 'col-held', accountId: 'acct-1', lists: ['hold'] },
      { id: 'col-approved', accountId: 'acct-1', lists: ['approved'] },
      { id: 'col-other-account', accountId: 'acct-9', lists: ['approved'] },
    ]
    await saveDetachedItems(db, [{ ...held, moderation: 'approved' }], queues)
    expect(await columnItemsQuery(db, 'col-held', 10)).toEqual([])
    expect((await columnItemsQuery(db, 'col-approved', 10)).map((i) => i.moderation)).toEqual(['approved'])
    expect(await columnItemsQuery(db, 'col-other-account', 10)).toEqual([])
    expect(await columnItemsQuery(db, 'col-timeline', 10)).toHaveLength(1)
  })

  it('keeps an X reply hidden when a later poll cannot say (X never reports it)', async () => {
    const db = freshDb()
    const reply = makeItem(1, { network: 'x', parentId: 'acct-1/0', hiddenUnread: true })
    await saveItems(db, 'col-a', [reply])
    await saveDetachedItems(db, [{ ...reply, moderation: 'hidden' }])
    await saveItems(db, 'col-a', [reply])
    expect((await db.items.get(reply.id))?.moderation).toBe('hidden')
    await saveDetachedItems(db, [reply]) // unhidden through Crosstalk: the write's answer stands
    expect((await db.items.get(reply.id))?.moderation).toBeUndefined()
  })
})
