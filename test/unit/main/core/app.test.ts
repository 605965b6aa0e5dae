// The core as the shells use it: createCore + handlers + events, with the test network, a
// manual clock, a memory secret store and a temp data directory. Includes the end-to-end
// check that no token ever appears in a handler result or an event.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventName } from '../../../../preload/contract'
import type { Account, ColumnSpec, ColumnStatus } from '../../../../preload/model'
import { checkWebUrl, createCore, type Core } from '../../../../main/core/app'
import type { Logger } from '../../../../main/core/capabilities'
import { NetworkFailure, UserError } from '../../../../main/core/errors'
import { createMemorySecretStore } from '../../../../main/core/secrets/memory-store'
import { keychainUnavailable, type SecretStore } from '../../../../main/core/secrets/secret-store'
import { createManualClock, type ManualClock } from './polling/manual-clock'
import { approveInBrowser, createTestNetwork, page, testItem, type TestNetwork } from './test-network'

let dir: string
let testnet: TestNetwork
let clock: ManualClock
let secrets: SecretStore
let opened: string[]
let events: { event: EventName; payload: unknown }[]
let warnings: string[]
let cores: Core[]
const logger: Logger = { info: () => {}, warn: (m) => void warnings.push(m), error: (m) => void warnings.push(`ERROR ${m}`) }

function core(overrides: Partial<Parameters<typeof createCore>[0]> = {}): Core {
  const c = createCore({
    dataDir: dir,
    secrets,
    host: 'web',
    openUrl: async (url) => {
      opened.push(url)
      // Only sign-in pages are answered, the way a person approving consent would.
      if (url.startsWith('https://testnet.invalid/')) void approveInBrowser(url).catch(() => {})
    },
    clock,
    networks: [testnet.network],
    logger,
    random: () => 1,
    pollIntervalMs: 60_000,
    ...overrides,
  })
  c.onEvent((event, payload) => events.push({ event, payload }))
  cores.push(c)
  return c
}

const eventsOf = (name: EventName) => events.filter((e) => e.event === name).map((e) => e.payload)
const lastStatus = (columnId: string) =>
  (eventsOf('column.status') as ColumnStatus[]).filter((s) => s.columnId === columnId).at(-1)
const adapter = (accountId = 'test:alice') => testnet.adapters.get(accountId)!

async function signedIn(c: Core, user = 'alice'): Promise<{ account: Account; columns: ColumnSpec[] }> {
  const account = await c.handlers['accounts.signIn']({ network: 'mastodon', server: user })
  await clock.settle()
  return { account, columns: (await c.handlers['columns.list']({})).filter((col) => col.accountId === account.id) }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-core-'))
  testnet = createTestNetwork()
  clock = createManualClock()
  secrets = createMemorySecretStore()
  opened = []
  events = []
  warnings = []
  cores = []
})
afterEach(async () => {
  for (const c of cores) await c.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('core: sign-in and polling', () => {
  it('signs in, adds the default columns, emits the changes, and starts polling them', async () => {
    const c = core()
    await c.start()
    const { account, columns } = await signedIn(c)
    expect(account).toMatchObject({ id: 'test:alice', handle: '@alice' })
    expect(columns.map((col) => col.title)).toEqual(['Home', 'Mentions'])
    expect(eventsOf('accounts.changed')).toEqual([[account]])
    expect(eventsOf('columns.changed').at(-1)).toEqual(columns)
    for (const col of columns) {
      expect(adapter().calls.filter((call) => call.columnId === col.id)).toEqual([
        { columnId: col.id, cursor: undefined, direction: 'newer' },
      ])
      expect(lastStatus(col.id)).toMatchObject({ state: 'ok', lastSyncedAt: new Date(clock.now()).toISOString() })
    }
    expect((eventsOf('items') as { columnId: string }[]).map((e) => e.columnId).sort()).toEqual(
      columns.map((col) => col.id).sort(),
    )
    expect(await c.handlers['columns.statuses']({})).toEqual(columns.map((col) => lastStatus(col.id)))

    await clock.advance(60_000)
    expect(adapter().calls).toHaveLength(4)
    expect(adapter().calls[2]!.cursor?.newer).toBeDefined()
  })

  it('refuses to sign in without a keychain, before any browser opens', async () => {
    const broken: SecretStore = { ...createMemorySecretStore(), check: () => Promise.reject(keychainUnavailable()) }
    const c = core({ secrets: broken })
    await c.start()
    await expect(c.handlers['accounts.signIn']({ network: 'mastodon', server: 'alice' })).rejects.toMatchObject({
      code: 'keychain-unavailable',
    })
    expect(opened).toEqual([])
    expect(await c.handlers['accounts.list']({})).toEqual([])
  })

  it('signing in again does not add the default columns twice', async () => {
    const c = core()
    await c.start()
    await signedIn(c)
    await signedIn(c)
    expect(await c.handlers['columns.list']({})).toHaveLength(2)
    expect(eventsOf('columns.changed').length).toBeGreaterThanOrEqual(2)
  })

  it('restarts from disk: accounts, columns and last sync times survive, and the first poll is fresh', async () => {
    const first = core()
    await first.start()
    const { columns } = await signedIn(first)
    const synced = lastStatus(columns[0]!.id)!.lastSyncedAt
    await first.stop()

    events = []
    clock = createManualClock(clock.now() + 3_600_000)
    const second = core()
    await second.start()
    expect(await second.handlers['accounts.list']({})).toMatchObject([{ id: 'test:alice' }])
    expect(await second.handlers['columns.list']({})).toEqual(columns)
    await clock.settle()
    const calls = adapter().calls
    expect(calls.map((call) => call.cursor)).toEqual([undefined, undefined])
    expect(eventsOf('column.status')[0]).toMatchObject({ columnId: columns[0]!.id, state: 'syncing', lastSyncedAt: synced })
  })

  it('app.ready reports the host and demo flag and fetches every column fresh', async () => {
    const c = core({ demo: true, host: 'electron' })
    await c.start()
    await signedIn(c)
    await clock.advance(60_000)
    expect(await c.handlers['app.ready']({})).toEqual({ host: 'electron', demo: true })
    await clock.settle()
    expect(
      adapter()
        .calls.slice(-2)
        .map((call) => call.cursor),
    ).toEqual([undefined, undefined])
  })

  it('a refused credential marks the account needsSignIn, pauses its columns, and a new sign-in resumes them', async () => {
    const c = core()
    await c.start()
    const { columns } = await signedIn(c)
    adapter().queue(columns[0]!.id, new NetworkFailure('auth', 'testnet refused the credentials (HTTP 401).'))
    await clock.advance(60_000)
    // Marking the account writes accounts.json (real disk I/O) before the event goes out.
    await vi.waitFor(() => expect(eventsOf('accounts.changed').at(-1)).toMatchObject([{ id: 'test:alice', needsSignIn: true }]))
    expect(JSON.parse(readFileSync(join(dir, 'accounts.json'), 'utf8'))).toMatchObject([{ needsSignIn: true }])
    for (const col of columns) {
      expect(lastStatus(col.id)).toMatchObject({
        state: 'error',
        reason: 'Sign in again to Testnet: testnet refused the credentials (HTTP 401).',
      })
    }
    const before = adapter().calls.length
    await clock.advance(10 * 60_000)
    expect(adapter().calls).toHaveLength(before)

    await signedIn(c)
    expect((await c.handlers['accounts.list']({}))[0]!.needsSignIn).toBeUndefined()
    for (const col of columns) expect(lastStatus(col.id)?.state).toBe('ok')
  })

  it('signs out: account, columns and cursors go, polling stops, the token is revoked and deleted', async () => {
    const c = core()
    await c.start()
    const { columns } = await signedIn(c)
    await signedIn(c, 'bob')
    await c.handlers['accounts.signOut']({ accountId: 'test:alice' })
    expect((await c.handlers['accounts.list']({})).map((a) => a.id)).toEqual(['test:bob'])
    expect((await c.handlers['columns.list']({})).every((col) => col.accountId === 'test:bob')).toBe(true)
    expect((await c.handlers['columns.statuses']({})).map((s) => s.columnId)).not.toContain(columns[0]!.id)
    expect(testnet.revoked).toEqual([testnet.tokens[0]])
    expect(await secrets.get('test:alice')).toBeNull()
    await c.stop()
    const cursors = JSON.parse(readFileSync(join(dir, 'cursors.json'), 'utf8')) as Record<string, unknown>
    expect(Object.keys(cursors)).not.toContain(columns[0]!.id)
    const aliceCalls = adapter().calls.length
    await clock.advance(10 * 60_000)
    expect(adapter().calls).toHaveLength(aliceCalls)
  })

  it('a corrupt accounts.json is moved aside and the app starts without accounts', async () => {
    writeFileSync(join(dir, 'accounts.json'), '[{"id": ')
    const c = core()
    await c.start()
    expect(await c.handlers['accounts.list']({})).toEqual([])
    expect(readdirSync(dir).some((n) => n.startsWith('accounts.json.corrupt-'))).toBe(true)
    expect(warnings.join('\n')).toContain('accounts.json could not be read')
  })
})

describe('core: columns', () => {
  it('adds a column (title from the chosen target label), polls it, refreshes and removes it', async () => {
    const c = core()
    await c.start()
    await signedIn(c)
    const spec = await c.handlers['columns.add']({ accountId: 'test:alice', kind: 'group', target: 'g1' })
    expect(spec).toMatchObject({ accountId: 'test:alice', kind: 'group', target: 'g1', title: 'Support group' })
    expect(spec.id).toMatch(/^[0-9a-f-]{36}$/)
    await clock.settle()
    expect(lastStatus(spec.id)?.state).toBe('ok')

    await c.handlers['columns.refresh']({ columnId: spec.id })
    await clock.settle()
    expect(adapter().calls.filter((call) => call.columnId === spec.id)).toHaveLength(2)

    await c.handlers['columns.remove']({ columnId: spec.id })
    expect((await c.handlers['columns.list']({})).map((col) => col.id)).not.toContain(spec.id)
    await c.handlers['columns.remove']({ columnId: spec.id }) // already gone: fine
    await clock.advance(10 * 60_000)
    expect(adapter().calls.filter((call) => call.columnId === spec.id)).toHaveLength(2)
  })

  it('explains bad column requests', async () => {
    const c = core()
    await c.start()
    await signedIn(c)
    await expect(c.handlers['columns.add']({ accountId: 'test:alice', kind: 'feed' })).rejects.toMatchObject({
      code: 'unsupported-column',
    })
    await expect(c.handlers['columns.add']({ accountId: 'test:alice', kind: 'hashtag' })).rejects.toMatchObject({
      code: 'missing-target',
    })
    await expect(c.handlers['columns.add']({ accountId: 'test:nobody', kind: 'home' })).rejects.toMatchObject({
      code: 'unknown-account',
    })
    await expect(c.handlers['columns.refresh']({ columnId: 'nope' })).rejects.toMatchObject({ code: 'unknown-column' })
    await expect(c.handlers['columns.loadMore']({ columnId: 'nope' })).rejects.toMatchObject({ code: 'unknown-column' })
    await expect(c.handlers['columns.targets']({ accountId: 'test:alice', kind: 'feed' })).rejects.toMatchObject({
      code: 'unsupported-column',
    })
  })

  it('loads older items into the column', async () => {
    const c = core()
    await c.start()
    const { columns } = await signedIn(c)
    const home = columns[0]!
    adapter().queue(home.id, page([testItem({ id: 'test:alice' }, 'old-1')], { older: undefined }, { hasMore: false }))
    expect(await c.handlers['columns.loadMore']({ columnId: home.id })).toEqual({ count: 1, hasMore: false })
    expect(eventsOf('items').at(-1)).toEqual({ columnId: home.id, items: [testItem({ id: 'test:alice' }, 'old-1')], older: true })
    expect(lastStatus(home.id)).toMatchObject({ hasMore: false })
  })

  it('lists column targets through the adapter', async () => {
    const c = core()
    await c.start()
    await signedIn(c)
    expect(await c.handlers['columns.targets']({ accountId: 'test:alice', kind: 'group' })).toEqual([
      { value: 'g1', label: 'Support group' },
    ])
  })
})

describe('core: threads, links, networks', () => {
  it('fetches a thread by item id', async () => {
    const c = core()
    await c.start()
    await signedIn(c)
    const thread = await c.handlers['threads.fetch']({ itemId: 'test:alice/42' })
    expect(thread).toEqual({
      rootId: 'test:alice/42-root',
      focusId: 'test:alice/42',
      items: [testItem({ id: 'test:alice' }, '42-root', 'the root'), testItem({ id: 'test:alice' }, '42', 'the reply')],
      fetchedAt: new Date(clock.now()).toISOString(),
    })
    await expect(c.handlers['threads.fetch']({ itemId: 'test:carol/1' })).rejects.toBeInstanceOf(UserError)
  })

  it('calls made for the user obey the account state: a 401 pauses it, a rate limit holds it', async () => {
    const c = core()
    await c.start()
    const { columns } = await signedIn(c)
    const threadCalls = () => adapter().tokensSeen.length

    // A 429 on a column holds the whole account: a thread is not fetched until the time has come.
    adapter().queue(columns[0]!.id, new NetworkFailure('rate-limited', '429', { retryAt: clock.now() + 60_000 + 30_000 }))
    await clock.advance(60_000)
    const before = threadCalls()
    await expect(c.handlers['threads.fetch']({ itemId: 'test:alice/1' })).rejects.toMatchObject({ code: 'rate-limited' })
    expect(threadCalls()).toBe(before)
    await clock.advance(30_000)
    await expect(c.handlers['threads.fetch']({ itemId: 'test:alice/1' })).resolves.toMatchObject({ focusId: 'test:alice/1' })

    // A refused credential on a user call marks the account and pauses its columns.
    await secrets.delete('test:alice')
    await expect(c.handlers['threads.fetch']({ itemId: 'test:alice/1' })).rejects.toMatchObject({ kind: 'auth' })
    await vi.waitFor(() => expect(eventsOf('accounts.changed').at(-1)).toMatchObject([{ needsSignIn: true }]))
    expect(lastStatus(columns[0]!.id)).toMatchObject({
      state: 'error',
      reason: expect.stringMatching(/^Sign in again to Testnet: /),
    })
    await expect(c.handlers['columns.targets']({ accountId: 'test:alice', kind: 'group' })).rejects.toMatchObject({
      code: 'needs-sign-in',
    })
  })

  it('opens only http and https links', async () => {
    const c = core()
    await c.handlers['links.open']({ url: 'https://example.org/a?b=c' })
    await c.handlers['links.open']({ url: 'http://example.org/' })
    expect(opened).toEqual(['https://example.org/a?b=c', 'http://example.org/'])
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url', 'mailto:a@b.c', 'ftp://x.org/']) {
      await expect(c.handlers['links.open']({ url })).rejects.toBeInstanceOf(UserError)
    }
    expect(opened).toHaveLength(2)
    expect(() => checkWebUrl('JaVaScRiPt:alert(1)')).toThrow(UserError)
  })

  it('lists the networks it was given', async () => {
    const c = core()
    expect(await c.handlers['networks.list']({})).toEqual([testnet.network.info])
  })

  it('events are parsed by the contract: fields outside the schema never leave', async () => {
    const c = core()
    await c.start()
    const { columns } = await signedIn(c)
    const leaky = { ...testItem({ id: 'test:alice' }, 'x'), accessToken: 'should-not-leave' }
    adapter().queue(columns[0]!.id, page([leaky], { newer: 'n' }))
    await clock.advance(60_000)
    const forHome = (eventsOf('items') as { columnId: string }[]).filter((e) => e.columnId === columns[0]!.id)
    expect(forHome.at(-1)).toEqual({ columnId: columns[0]!.id, items: [testItem({ id: 'test:alice' }, 'x')] })
  })

  it('stop() closes a sign-in that is still waiting for the browser', async () => {
    const c = core({ openUrl: async (url) => void opened.push(url) })
    await c.start()
    const pending = c.handlers['accounts.signIn']({ network: 'mastodon', server: 'alice' })
    pending.catch(() => {})
    while (opened.length === 0) await clock.settle()
    const redirect = new URL(new URL(opened[0]!).searchParams.get('redirect_uri')!)
    await c.stop()
    await expect(pending).rejects.toMatchObject({ code: 'sign-in-closed' })
    await expect(fetch(redirect)).rejects.toThrow()
  })
})

describe('core: tokens never cross the bridge', () => {
  it('no token appears in any handler result, event or workspace file', async () => {
    const c = core()
    await c.start()
    const results: unknown[] = []
    const call = async <T>(p: Promise<T>) => {
      const r = await p
      results.push(r)
      return r
    }
    const alice = await call(c.handlers['accounts.signIn']({ network: 'mastodon', server: 'alice' }))
    await call(c.handlers['accounts.signIn']({ network: 'mastodon', server: 'bob' }))
    await clock.settle()
    await call(c.handlers['app.ready']({}))
    await call(c.handlers['networks.list']({}))
    await call(c.handlers['accounts.list']({}))
    const columns = await call(c.handlers['columns.list']({}))
    const group = await call(c.handlers['columns.add']({ accountId: alice.id, kind: 'group', target: 'g1' }))
    await clock.settle()
    await call(c.handlers['columns.targets']({ accountId: alice.id, kind: 'group' }))
    await call(c.handlers['columns.refresh']({ columnId: columns[0]!.id }))
    await call(c.handlers['columns.loadMore']({ columnId: group.id }))
    await call(c.handlers['threads.fetch']({ itemId: `${alice.id}/7` }))
    await clock.advance(60_000)
    await call(c.handlers['columns.statuses']({}))
    adapter().queue(columns[0]!.id, new NetworkFailure('auth', 'testnet refused the credentials (HTTP 401).'))
    await clock.advance(60_000)
    await call(c.handlers['accounts.list']({}))
    await call(c.handlers['columns.statuses']({}))
    await call(c.handlers['accounts.signOut']({ accountId: 'test:bob' }))
    await c.stop()

    // The adapters did use the tokens: the check below is not vacuous.
    expect(testnet.tokens).toHaveLength(2)
    expect(adapter('test:alice').tokensSeen).toContain(testnet.tokens[0])
    expect(events.length).toBeGreaterThan(10)

    const everything = JSON.stringify({ results, events })
    const files = readdirSync(dir).map((n) => readFileSync(join(dir, n), 'utf8'))
    for (const token of testnet.tokens) {
      for (const secret of [token, `refresh-${token}`]) {
        expect(everything).not.toContain(secret)
        for (const f of files) expect(f).not.toContain(secret)
      }
    }
    expect(everything).not.toContain('SECRET')
    expect(existsSync(join(dir, 'accounts.json'))).toBe(true)
  })
})
