// Viva Engage writes through the core's outbox against the fake: a message into a group with a
// mention, a reply in a thread, like and unlike, delete one's own message; an uncertain message
// is found among the sent ones instead of being posted twice.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttp } from '../../../../../main/core/http/client'
import { createYammerNetwork } from '../../../../../main/networks/yammer'
import { CLIENT_ID, TENANT, startFakeYammer, type FakeYammer } from '../../../../fakes/yammer/server'
import { startCore, type HarnessCore } from '../../core/outbox/core-harness'

let fake: FakeYammer
let core: HarnessCore
let dir: string
const endpoints = () => ({ yammer: { identity: fake.url, api: fake.url } })

beforeEach(async () => {
  fake = await startFakeYammer()
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-yammer-writes-'))
  core = startCore(dir, { pollIntervalMs: 60_000, endpoints: endpoints() })
  await core.start()
})
afterEach(async () => {
  await core.stop()
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

const done = async (p: Promise<{ id: string }>) => core.entryIn((await p).id, ['sent', 'failed'])

describe('Viva Engage writes through the outbox', () => {
  it('posts to a group with a mention, replies, likes, unlikes and deletes', async () => {
    const account = await core.handlers['accounts.signIn']({ network: 'yammer', clientId: CLIENT_ID, tenant: TENANT })
    const text = '@Priya Natarajan can you check the export complaint?'
    const posted = await done(
      core.handlers['outbox.submit']({
        accountId: account.id,
        text,
        target: { kind: 'group', id: '501', name: 'Support' },
        mentions: [{ start: 0, end: '@Priya Natarajan'.length, id: '1002', name: 'Priya Natarajan' }],
      }),
    )
    expect(posted.state).toBe('sent')
    const mine = fake.messages.find((m) => m.text === text)!
    expect(mine).toMatchObject({ groupId: 501, senderId: 1001 })

    const root = fake.messages[0]!
    expect(
      (
        await done(
          core.handlers['outbox.submit']({
            accountId: account.id,
            replyTo: `${account.id}/${root.id}`,
            text: 'Answered publicly.',
          }),
        )
      ).state,
    ).toBe('sent')
    expect(fake.messages.find((m) => m.text === 'Answered publicly.')).toMatchObject({
      repliedToId: root.id,
      threadId: root.threadId,
    })

    expect((await done(core.handlers['items.act']({ itemId: `${account.id}/${root.id}`, action: 'like' }))).state).toBe('sent')
    expect(root.likes).toBe(1)
    expect((await done(core.handlers['items.act']({ itemId: `${account.id}/${root.id}`, action: 'unlike' }))).state).toBe('sent')
    expect(root.likes).toBe(0)
    expect((await done(core.handlers['items.act']({ itemId: `${account.id}/${mine.id}`, action: 'remove' }))).state).toBe('sent')
    expect(fake.messages.some((m) => m.id === mine.id)).toBe(false)
  })

  it('an uncertain message is found among the sent ones', async () => {
    const account = await core.handlers['accounts.signIn']({ network: 'yammer', clientId: CLIENT_ID, tenant: TENANT })
    fake.addMessage({ text: 'Maybe posted already', senderId: 1001, groupId: 501 })
    const secrets = JSON.parse(readFileSync(join(dir, 'test-secrets.json'), 'utf8'))
    const adapter = createYammerNetwork(endpoints()).createAdapter({
      account,
      http: createHttp(),
      credentials: { get: async () => JSON.parse(secrets[account.id]), set: async () => {} },
    })
    expect(
      (await adapter.findExisting!({ action: 'post', draft: { text: 'Maybe posted already' } }, Date.now() - 5_000))?.item?.text,
    ).toBe('Maybe posted already')
    expect(await adapter.findExisting!({ action: 'post', draft: { text: 'Never posted' } }, Date.now() - 5_000)).toBeNull()
  })
})
