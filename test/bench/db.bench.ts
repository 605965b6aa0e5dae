// `npm run bench`: what one poll's worth of items costs the renderer cache. Compares the way
// saveItems writes (one transaction per batch) with one transaction per item, and measures the
// column read the live query runs. fake-indexeddb stands in for the browser's IndexedDB, so the
// figures compare approaches; they are not absolute browser timings.
import 'fake-indexeddb/auto'
import { afterAll, bench, describe } from 'vitest'
import type { Item } from '../../preload/model'
import { createDatabase } from '../../renderer/db/database'
import { columnItemsQuery, saveItems } from '../../renderer/db/items'

const BATCH = 200
let run = 0

function makeItems(n: number, prefix: string): Item[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `acct/${prefix}-${i}`,
    accountId: 'acct',
    network: 'mastodon',
    side: 'external',
    remoteId: `${prefix}-${i}`,
    author: { id: `u${i % 17}`, name: `Person ${i % 17}`, handle: `@p${i % 17}` },
    text: `Post ${i} about the release, with enough words to look like a real post on a timeline.`,
    html: `<p>Post ${i} about the <a href="https://example.com/${i}">release</a></p>`,
    createdAt: new Date(1_750_000_000_000 + i * 1000).toISOString(),
    counts: { replies: i % 3, likes: i % 11, reposts: i % 5 },
  }))
}

const dbs: ReturnType<typeof createDatabase>[] = []
const fresh = () => {
  const db = createDatabase({ name: `bench-${process.pid}-${run++}` })
  dbs.push(db)
  return db
}
afterAll(async () => {
  for (const db of dbs) await db.delete()
})

describe(`save one poll of ${BATCH} items`, () => {
  bench('one transaction per batch (saveItems)', async () => {
    await saveItems(fresh(), 'col', makeItems(BATCH, 'b'))
  })
  bench('one transaction per item', async () => {
    const db = fresh()
    for (const item of makeItems(BATCH, 'i')) await saveItems(db, 'col', [item])
  })
})

describe('read a column of 2000 cached items (first screen: 100)', async () => {
  const db = fresh()
  for (let k = 0; k < 10; k++) await saveItems(db, 'col', makeItems(BATCH, `r${k}`))
  bench('columnItemsQuery limit 100', async () => {
    await columnItemsQuery(db, 'col', 100)
  })
})
