// THE PROOF: a process is killed after the server committed a post but before the app saw the
// answer; a new core on the same data directory finishes the job, and the post exists once.
// For real: the submitting core runs in a child process (tsx crash-child.ts), the fake is told
// to commit the next write and never answer it, the parent SIGKILLs the child, then starts its
// own core on the same data directory.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { itemId } from '../../../../../main/networks/types'
import { startFakeChatter, type FakeChatter } from '../../../../fakes/chatter/server'
import { startFakeMastodon, type FakeMastodon } from '../../../../fakes/mastodon/server'
import { spawnSubmitter, startCore, waitFor, type Child, type HarnessCore } from './core-harness'

let dir: string
let cores: HarnessCore[]
let children: Child[]
let fakes: { close(): Promise<void> }[]

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-crash-'))
  cores = []
  children = []
  fakes = []
})
afterEach(async () => {
  for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL')
  for (const c of cores) await c.stop()
  for (const f of fakes) await f.close()
  rmSync(dir, { recursive: true, force: true })
})

const outboxOnDisk = () =>
  JSON.parse(readFileSync(join(dir, 'outbox.json'), 'utf8')) as {
    entries: { id: string; state: string; idempotencyKey: string }[]
  }

/** Signs in with a core of our own, then stops it: the child and the restarted core find the account on disk. */
async function signIn(request: Parameters<HarnessCore['handlers']['accounts.signIn']>[0]) {
  const core = startCore(dir)
  await core.start()
  const account = await core.handlers['accounts.signIn'](request)
  await core.stop()
  return account
}

/** Runs the child until the fake has committed its write and the answer hangs; then kills it. */
async function submitAndKill(draft: Parameters<typeof spawnSubmitter>[1], committed: () => boolean) {
  const child = spawnSubmitter(dir, draft)
  children.push(child)
  const entryId = await child.entryId
  await waitFor(committed, 'the server to commit the write')
  // What the child left on disk: the entry as 'sending', written before the request left.
  const onDisk = outboxOnDisk().entries.find((e) => e.id === entryId)
  expect(onDisk?.state).toBe('sending')
  child.process.kill('SIGKILL')
  expect(await child.exited).toBe('SIGKILL')
  return { entryId, key: onDisk!.idempotencyKey }
}

describe('exactly once across a crash', () => {
  it('Mastodon: the restarted core resends under the same Idempotency-Key and the server returns the first status', async () => {
    const fake: FakeMastodon = await startFakeMastodon()
    fakes.push(fake)
    const account = await signIn({ network: 'mastodon', server: fake.url })
    const text = `Crash-proof announcement ${Date.now()}`
    const withText = () => fake.writes.ownStatuses().filter((s) => s.text === text)

    fake.writes.stall(1)
    const { entryId, key } = await submitAndKill({ accountId: account.id, text }, () => withText().length === 1)
    const committed = withText()[0]!
    const statusPosts = () => fake.writes.log.filter((l) => l.method === 'POST' && l.path === '/api/v1/statuses')
    expect(statusPosts()).toEqual([{ method: 'POST', path: '/api/v1/statuses', status: 0, idempotencyKey: key }])

    const core = startCore(dir)
    cores.push(core)
    await core.start()
    const entry = await core.entryIn(entryId, ['sent', 'failed'])

    expect(entry).toMatchObject({ state: 'sent', attempts: 2, result: { itemId: itemId(account.id, committed.id) } })
    expect(withText()).toHaveLength(1)
    // The second request did reach the server, under the same key, and was answered with the first status.
    expect(statusPosts()).toEqual([
      { method: 'POST', path: '/api/v1/statuses', status: 0, idempotencyKey: key },
      { method: 'POST', path: '/api/v1/statuses', status: 200, idempotencyKey: key },
    ])
  })

  it('Chatter: the restarted core finds the post in the user’s feed and does not post again', async () => {
    const fake: FakeChatter = await startFakeChatter()
    fakes.push(fake)
    const account = await signIn({ network: 'chatter', loginHost: fake.url, clientId: 'crosstalk-demo-key' })
    const group = fake.groups[0]!
    const text = `Crash-proof note for the support group ${Date.now()}`
    const withText = () => fake.writes.myPosts().filter((p) => p.text === text)

    fake.writes.stall(1)
    const { entryId } = await submitAndKill(
      { accountId: account.id, text, target: { kind: 'group', id: group.id, name: group.name } },
      () => withText().length === 1,
    )
    const committed = withText()[0]!
    expect(committed.parentId).toBe(group.id)

    const core = startCore(dir)
    cores.push(core)
    await core.start()
    const entry = await core.entryIn(entryId, ['sent', 'failed'])

    expect(entry).toMatchObject({ state: 'sent', attempts: 2, result: { itemId: itemId(account.id, committed.id) } })
    expect(withText()).toHaveLength(1)
    // Exactly one POST of a feed item ever reached the org: the one the killed process sent.
    expect(fake.writes.log.filter((l) => l.method === 'POST' && l.path.endsWith('/chatter/feed-elements'))).toEqual([
      { method: 'POST', path: expect.stringMatching(/\/chatter\/feed-elements$/), status: 0 },
    ])
  })

  it('Chatter without the crash: a write that never reached the server is sent after the restart', async () => {
    const fake: FakeChatter = await startFakeChatter()
    fakes.push(fake)
    const account = await signIn({ network: 'chatter', loginHost: fake.url, clientId: 'crosstalk-demo-key' })
    const text = `Killed before the post left ${Date.now()}`
    // The org takes the request but never gets to it: the child dies waiting, and nothing was made.
    fake.writes.stall(1, 'before-commit')
    const { entryId } = await submitAndKill({ accountId: account.id, text }, () =>
      fake.writes.log.some((l) => l.method === 'POST' && l.status === 0),
    )
    expect(fake.writes.myPosts().filter((p) => p.text === text)).toHaveLength(0)

    const core = startCore(dir)
    cores.push(core)
    await core.start()
    const entry = await core.entryIn(entryId, ['sent', 'failed'])
    expect(entry.state).toBe('sent')
    expect(fake.writes.myPosts().filter((p) => p.text === text)).toHaveLength(1)
  })
})
