// The column registry: validation against the network's kinds, defaults once, duplicates,
// removal, and concurrent changes that must not lose one another.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Account, ColumnSpec } from '../../../../../preload/model'
import { silentLogger } from '../../../../../main/core/capabilities'
import { UserError } from '../../../../../main/core/errors'
import { createColumnRegistry } from '../../../../../main/core/workspace/columns'
import { createJsonFile } from '../../../../../main/core/workspace/json-file'
import { ColumnsFileSchema } from '../../../../../main/core/workspace/schemas'
import { createTestNetwork } from '../test-network'
import { createManualClock } from '../polling/manual-clock'

const alice: Account = { id: 'test:alice', network: 'mastodon', side: 'external', handle: '@alice', displayName: 'Alice' }
const bob: Account = { ...alice, id: 'test:bob', handle: '@bob' }
const { network } = createTestNetwork()
let dir: string
let changes: ColumnSpec[][]

const registry = () => {
  let n = 0
  const file = createJsonFile({
    dir,
    name: 'columns.json',
    schema: ColumnsFileSchema,
    empty: () => [],
    clock: createManualClock(),
    logger: silentLogger,
  })
  return createColumnRegistry({ file, onChange: (c) => changes.push(c), newId: () => `col-${++n}` })
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-columns-'))
  changes = []
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('column registry', () => {
  it('a public source adds only the kinds its network shows everyone, and gets the public defaults', async () => {
    const { network: pub } = createTestNetwork()
    pub.info.columnKinds = pub.info.columnKinds.map((k) => (k.kind === 'hashtag' ? { ...k, public: true } : k))
    pub.info.publicDefaultColumns = [{ kind: 'hashtag', target: 'news' }]
    const visitor: Account = { ...alice, id: 'test:public@x', anonymous: true }
    const r = registry()
    await r.load()
    await expect(r.add(visitor, pub, { accountId: visitor.id, kind: 'home' })).rejects.toEqual(
      new UserError('sign-in-required', 'A Home column needs a signed-in Testnet account. Without signing in: Hashtag.'),
    )
    expect(await r.addDefaults(visitor, pub)).toEqual([
      expect.objectContaining({ kind: 'hashtag', target: 'news', accountId: visitor.id }),
    ])
    expect(await r.add(visitor, pub, { accountId: visitor.id, kind: 'hashtag', target: 'events' })).toMatchObject({
      title: '#events',
    })
  })

  it('a network may normalize a target, and its refusal reaches the user unchanged', async () => {
    const { network: strict } = createTestNetwork()
    strict.normalizeTarget = (_kind, target) => {
      if (target.includes(' ')) throw new UserError('invalid-target', 'No spaces, please.')
      return target.toLowerCase()
    }
    const r = registry()
    await expect(r.add(alice, strict, { accountId: alice.id, kind: 'hashtag', target: 'a b' })).rejects.toEqual(
      new UserError('invalid-target', 'No spaces, please.'),
    )
    expect((await r.add(alice, strict, { accountId: alice.id, kind: 'hashtag', target: 'Events' })).target).toBe('events')
  })

  it('adds a column with its network title, persists it and reports the change', async () => {
    const r = registry()
    await r.load()
    const spec = await r.add(alice, network, { accountId: alice.id, kind: 'hashtag', target: ' community ' })
    expect(spec).toEqual({ id: 'col-1', accountId: alice.id, kind: 'hashtag', target: 'community', title: '#community' })
    expect(changes).toEqual([[spec]])
    const again = registry()
    await again.load()
    expect(again.list()).toEqual([spec])
  })

  it('a given title (or title hint) wins over the network title', async () => {
    const r = registry()
    expect((await r.add(alice, network, { accountId: alice.id, kind: 'group', target: 'g1' }, 'Support group')).title).toBe(
      'Support group',
    )
    expect((await r.add(alice, network, { accountId: alice.id, kind: 'home', title: 'Mine' }, 'hint')).title).toBe('Mine')
  })

  it('refuses a kind the network does not offer, a missing target and an unexpected target, with clear messages', async () => {
    const r = registry()
    await expect(r.add(alice, network, { accountId: alice.id, kind: 'feed' })).rejects.toEqual(
      new UserError('unsupported-column', 'Testnet has no "feed" column. It offers: Home, Mentions, Hashtag, Group.'),
    )
    await expect(r.add(alice, network, { accountId: alice.id, kind: 'hashtag' })).rejects.toEqual(
      new UserError('missing-target', 'A Hashtag column needs a hashtag.'),
    )
    await expect(r.add(alice, network, { accountId: alice.id, kind: 'home', target: 'x' })).rejects.toMatchObject({
      code: 'unexpected-target',
    })
    expect(r.list()).toEqual([])
    expect(changes).toEqual([])
  })

  it('refuses the same column twice for one account, but not for another account', async () => {
    const r = registry()
    await r.add(alice, network, { accountId: alice.id, kind: 'home' })
    await expect(r.add(alice, network, { accountId: alice.id, kind: 'home' })).rejects.toMatchObject({ code: 'duplicate-column' })
    await r.add(bob, network, { accountId: bob.id, kind: 'home' })
    expect(r.list()).toHaveLength(2)
  })

  it("adds the network's default columns only when the account has none", async () => {
    const r = registry()
    const added = await r.addDefaults(alice, network)
    expect(added.map((c) => [c.kind, c.title])).toEqual([
      ['home', 'Home'],
      ['mentions', 'Mentions'],
    ])
    expect(await r.addDefaults(alice, network)).toEqual([])
    expect(r.forAccount(alice.id)).toHaveLength(2)
  })

  it('removes one column or all of an account', async () => {
    const r = registry()
    await r.addDefaults(alice, network)
    await r.addDefaults(bob, network)
    const first = r.list()[0]!
    expect(await r.remove(first.id)).toEqual(first)
    expect(await r.remove(first.id)).toBeUndefined()
    expect((await r.removeForAccount(alice.id)).map((c) => c.kind)).toEqual(['mentions'])
    expect(r.list().every((c) => c.accountId === bob.id)).toBe(true)
    const again = registry()
    await again.load()
    expect(again.list()).toEqual(r.list())
  })

  it('concurrent adds all survive', async () => {
    const r = registry()
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((tag) => r.add(alice, network, { accountId: alice.id, kind: 'hashtag', target: tag })),
    )
    expect(r.list().map((c) => c.target)).toEqual(['a', 'b', 'c', 'd'])
    const again = registry()
    await again.load()
    expect(again.list()).toHaveLength(4)
  })
})
