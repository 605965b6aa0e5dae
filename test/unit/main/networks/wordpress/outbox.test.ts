// WordPress through the core's outbox, as the UI drives it: approve a held comment, reply to it,
// trash spam — each read back from the fake site; a reply whose answer was lost is found, not
// posted twice.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Item } from '../../../../../preload/model'
import { createHttp } from '../../../../../main/core/http/client'
import { wordpressNetwork } from '../../../../../main/networks/wordpress'
import { textToCommentHtml } from '../../../../../main/networks/wordpress/writes'
import { startFakeWordPress, type FakeWordPress } from '../../../../fakes/wordpress/server'
import { startCore, type HarnessCore } from '../../core/outbox/core-harness'

let fake: FakeWordPress
let core: HarnessCore
let dir: string

beforeEach(async () => {
  fake = await startFakeWordPress()
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-wp-outbox-'))
  core = startCore(dir, { pollIntervalMs: 60_000 })
  await core.start()
})
afterEach(async () => {
  await core.stop()
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

// What writes sent back for the cache (the first poll of the new columns may land later, with what it read before).
const itemsOf = () =>
  core.events
    .filter((e) => e.event === 'items' && (e.payload as { detached?: boolean }).detached)
    .flatMap((e) => (e.payload as { items: Item[] }).items)

describe('WordPress moderation through the outbox', () => {
  it('approves a held comment, replies to it and trashes spam', async () => {
    const account = await core.handlers['accounts.signIn']({ network: 'wordpress', server: fake.url })
    expect(await core.handlers['accounts.capabilities']({ accountId: account.id })).toMatchObject({
      moderate: true,
      reply: true,
      like: false,
    })
    const held = fake.comments.find((c) => c.status === 'hold')!
    const spam = fake.comments.find((c) => c.status === 'spam')!
    const heldId = `${account.id}/comment:${held.id}`

    const approve = await core.handlers['items.act']({ itemId: heldId, action: 'moderate', moderation: 'approve' })
    expect((await core.entryIn(approve.id, ['sent', 'failed'])).state).toBe('sent')
    expect(held.status).toBe('approved')
    // The item is updated in place for the renderer's cache.
    // (The event follows the entry's 'sent' record.)
    await vi.waitFor(() => expect(itemsOf().findLast((i) => i.id === heldId)?.moderation).toBe('approved'))

    const reply = await core.handlers['outbox.submit']({
      accountId: account.id,
      replyTo: heldId,
      text: 'Yes: AppImage and deb.\n\nThanks for asking!',
    })
    expect((await core.entryIn(reply.id, ['sent', 'failed'])).state).toBe('sent')
    const written = fake.comments.filter((c) => c.parent === held.id)
    expect(written.map((c) => c.content)).toEqual(['<p>Yes: AppImage and deb.</p>\n<p>Thanks for asking!</p>'])

    const trash = await core.handlers['items.act']({
      itemId: `${account.id}/comment:${spam.id}`,
      action: 'moderate',
      moderation: 'trash',
    })
    expect((await core.entryIn(trash.id, ['sent', 'failed'])).state).toBe('sent')
    expect(spam.status).toBe('trash')

    const hide = await core.handlers['items.act']({ itemId: heldId, action: 'moderate', moderation: 'hide' })
    const refused = await core.entryIn(hide.id, ['sent', 'failed'])
    expect(refused).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('approve, hold, spam and trash'),
    })
  })

  it('findExisting finds a reply that reached the site, so it is not posted twice', async () => {
    const http = createHttp()
    const account = await core.handlers['accounts.signIn']({ network: 'wordpress', server: fake.url })
    const held = fake.comments.find((c) => c.status === 'hold')!
    fake.addComment({ text: 'Already answered', author: 'Admin', parent: held.id, status: 'approved' })
    const creds = JSON.parse((await import('node:fs')).readFileSync(join(dir, 'test-secrets.json'), 'utf8'))[account.id]
    const adapter = wordpressNetwork.createAdapter({
      account,
      http,
      credentials: { get: async () => JSON.parse(creds), set: async () => {} },
    })
    const found = await adapter.findExisting!(
      { action: 'reply', draft: { text: 'Already answered', replyTo: `comment:${held.id}` } },
      Date.now() - 5_000,
    )
    expect(found?.item?.text).toBe('Already answered')
    expect(
      await adapter.findExisting!(
        { action: 'reply', draft: { text: 'Never sent', replyTo: `comment:${held.id}` } },
        Date.now() - 5_000,
      ),
    ).toBeNull()
    expect(textToCommentHtml('a < b\nc')).toBe('<p>a &lt; b<br />c</p>')
  })
})
