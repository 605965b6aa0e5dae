// Share inside, for real: an outside Mastodon item is shared into a Chatter group through the
// core's outbox, lands in the fake org once, and a second core on another data directory (another
// machine signed in to the same org) rebuilds the link from the group feed alone; then the
// answer goes outside as a reply, and "resolved" is posted to the internal thread.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Item } from '../../../preload/model'
import {
  answerOutsideDraft,
  isResolved,
  resolvedDraft,
  shareInsideDraft,
  sharedOrigin,
} from '../../../renderer/crossing/share-inside'
import { indexDiscussions } from '../../../renderer/crossing/links'
import { startFakeChatter, type FakeChatter } from '../../fakes/chatter/server'
import { startFakeMastodon, type FakeMastodon } from '../../fakes/mastodon/server'
import { startCore, type HarnessCore } from '../main/core/outbox/core-harness'

let mastodon: FakeMastodon
let chatter: FakeChatter
const dirs: string[] = []
const cores: HarnessCore[] = []

async function core() {
  const dir = mkdtempSync(join(tmpdir(), 'crosstalk-crossing-'))
  dirs.push(dir)
  const c = startCore(dir, { pollIntervalMs: 60_000 })
  cores.push(c)
  await c.start()
  return c
}
/** Collects the items a core emits (what the renderer would cache). */
const itemsOf = (c: HarnessCore) =>
  c.events.filter((e) => e.event === 'items').flatMap((e) => (e.payload as { items: Item[] }).items)
async function until<T>(get: () => T | undefined, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = get()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

beforeEach(async () => {
  mastodon = await startFakeMastodon()
  chatter = await startFakeChatter({ consumerKey: 'crosstalk-demo-key' })
})
afterEach(async () => {
  for (const c of cores.splice(0)) await c.stop()
  await mastodon.close()
  await chatter.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('the bridge between outside and inside', () => {
  it('share inside → linked both ways on another machine → answer outside → resolved', async () => {
    const complaint = mastodon.addStatus({ text: 'Your export has been broken for two days. Anyone there?' })
    const a = await core()
    const masto = await a.handlers['accounts.signIn']({ network: 'mastodon', server: mastodon.url })
    const sf = await a.handlers['accounts.signIn']({ network: 'chatter', loginHost: chatter.url, clientId: 'crosstalk-demo-key' })
    const outside = await until(() => itemsOf(a).find((i) => i.remoteId === complaint.id), 'the complaint in the home column')
    const group = chatter.groups[0]!

    // Share inside, mentioning a colleague: the assignment.
    const colleague = chatter.colleagues.find((c) => c.name === 'Priya Natarajan')!
    const draft = shareInsideDraft(outside, {
      accountId: sf.id,
      group,
      note: 'Can you take this one?',
      colleagues: [colleague],
      networkName: 'Mastodon',
    })
    expect(draft.text.startsWith('@Priya Natarajan Can you take this one?')).toBe(true)
    const shared = await a.handlers['outbox.submit'](draft)
    const sent = await a.entryIn(shared.id, ['sent', 'failed'])
    expect(sent, JSON.stringify(sent.error)).toMatchObject({ state: 'sent' })

    // Another machine, signed in to the same org only, reads the group and finds the link.
    const b = await core()
    const sf2 = await b.handlers['accounts.signIn']({
      network: 'chatter',
      loginHost: chatter.url,
      clientId: 'crosstalk-demo-key',
    })
    await b.handlers['columns.add']({ accountId: sf2.id, kind: 'group', target: group.id })
    const internalPost = await until(
      () => itemsOf(b).find((i) => i.side === 'internal' && sharedOrigin(i.text) === outside.url),
      'the shared post in the group',
    )
    const discussions = indexDiscussions(itemsOf(b)).get(outside.url!)
    expect(discussions).toEqual([{ internalItemId: internalPost.id, threadId: internalPost.threadId ?? internalPost.id }])
    expect(internalPost.text).toContain('Your export has been broken for two days.')

    // Answer outside from the internal discussion: a public reply to the original.
    const answer = answerOutsideDraft(outside, masto.id, {
      ...internalPost,
      text: 'Sorry! A fix ships today; details in our status page.',
    })
    const replied = await a.entryIn((await a.handlers['outbox.submit'](answer)).id, ['sent', 'failed'])
    expect(replied.state).toBe('sent')
    const thread = await a.handlers['threads.fetch']({ itemId: outside.id })
    expect(thread.items.map((i) => i.text)).toContain('Sorry! A fix ships today; details in our status page.')

    // Resolved, for the whole team, in the internal thread.
    const internalOnA = await until(() => itemsOf(b).find((i) => i.id === internalPost.id), 'internal post')
    const resolved = await b.entryIn(
      (await b.handlers['outbox.submit'](resolvedDraft(internalOnA, sf2.id, 'answered publicly'))).id,
      ['sent', 'failed'],
    )
    expect(resolved.state).toBe('sent')
    const internalThread = await b.handlers['threads.fetch']({ itemId: internalPost.id })
    expect(isResolved(internalThread.items)).toBe(true)
  }, 60_000)
})
