// Facebook Page writes through the core's outbox against the fake Graph API: reply to a comment as
// the Page, hide and show a comment, delete the Page's reply; a post can only be hidden if it is a
// comment; an uncertain reply is found among the comments instead of being sent twice.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttp } from '../../../../../main/core/http/client'
import { createFacebookNetwork } from '../../../../../main/networks/facebook'
import { APP_ID, startFakeFacebook, type FakeFacebook } from '../../../../fakes/facebook/server'
import { startCore, type HarnessCore } from '../../core/outbox/core-harness'

let fake: FakeFacebook
let core: HarnessCore
let dir: string

beforeEach(async () => {
  fake = await startFakeFacebook()
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-fb-writes-'))
  core = startCore(dir, { pollIntervalMs: 60_000, endpoints: { facebook: { dialog: fake.url, graph: fake.url } } })
  await core.start()
})
afterEach(async () => {
  await core.stop()
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

const done = async (p: Promise<{ id: string }>) => core.entryIn((await p).id, ['sent', 'failed'])

describe('Facebook Page writes through the outbox', () => {
  it('replies as the Page, hides and shows a comment, deletes the reply', async () => {
    const account = await core.handlers['accounts.signIn']({ network: 'facebook', clientId: APP_ID })
    const post = fake.posts[0]!
    const question = fake.comments.find((c) => c.message.startsWith('Can I log in'))!
    const ref = (c: { id: string }) => `${account.id}/${post.id}~${c.id}`

    expect(
      (
        await done(
          core.handlers['outbox.submit']({ accountId: account.id, replyTo: ref(question), text: 'Yes, your old login works.' }),
        )
      ).state,
    ).toBe('sent')
    const reply = fake.comments.find((c) => c.message === 'Yes, your old login works.')!
    expect(reply).toMatchObject({ parentId: question.id, from: { name: 'Crosstalk Community' } })

    expect(
      (await done(core.handlers['items.act']({ itemId: ref(question), action: 'moderate', moderation: 'hide' }))).state,
    ).toBe('sent')
    expect(question.hidden).toBe(true)
    expect(
      (await done(core.handlers['items.act']({ itemId: ref(question), action: 'moderate', moderation: 'unhide' }))).state,
    ).toBe('sent')
    expect(question.hidden).toBe(false)
    const onPost = await done(
      core.handlers['items.act']({ itemId: `${account.id}/${post.id}`, action: 'moderate', moderation: 'hide' }),
    )
    expect(onPost).toMatchObject({ state: 'failed', error: expect.stringContaining('comments can be hidden') })

    expect((await done(core.handlers['items.act']({ itemId: ref(reply), action: 'remove' }))).state).toBe('sent')
    expect(fake.comments.some((c) => c.id === reply.id)).toBe(false)
  })

  it('an uncertain reply is found among the comments', async () => {
    const account = await core.handlers['accounts.signIn']({ network: 'facebook', clientId: APP_ID })
    const post = fake.posts[0]!
    fake.addComment(post.id, 'Thanks for the feedback!', { from: 'Crosstalk Community' })
    const secrets = JSON.parse(readFileSync(join(dir, 'test-secrets.json'), 'utf8'))
    const adapter = createFacebookNetwork({ facebook: { dialog: fake.url, graph: fake.url } }).createAdapter({
      account,
      http: createHttp(),
      credentials: { get: async () => JSON.parse(secrets[account.id]), set: async () => {} },
    })
    const found = await adapter.findExisting!(
      { action: 'reply', draft: { text: 'Thanks for the feedback!', replyTo: post.id } },
      Date.now() - 5_000,
    )
    expect(found?.item?.text).toBe('Thanks for the feedback!')
    expect(
      await adapter.findExisting!({ action: 'reply', draft: { text: 'Never sent', replyTo: post.id } }, Date.now() - 5_000),
    ).toBeNull()
  })
})
