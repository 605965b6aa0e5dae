// Files through the whole core: staged in pieces over the contract, checked against the
// network's rules when queued, uploaded by the adapter, attached once, and deleted from the
// data directory after the post is sent (a cross-post keeps them until its last post is sent).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ATTACHMENT_CHUNK_BYTES } from '../../../../../preload/contract'
import { itemId } from '../../../../../main/networks/types'
import { startFakeChatter } from '../../../../fakes/chatter/server'
import { startFakeMastodon, type FakeMastodon } from '../../../../fakes/mastodon/server'
import { startCore, type HarnessCore } from './core-harness'

let dir: string
let core: HarnessCore
let fake: FakeMastodon

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-attach-'))
  fake = await startFakeMastodon()
  core = startCore(dir, { random: () => 0, pollIntervalMs: 60_000 })
  await core.start()
})
afterEach(async () => {
  await core.stop()
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A PNG signature followed by enough bytes to need several pieces. */
const image = (size: number) => {
  const bytes = new Uint8Array(size)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  for (let i = 8; i < size; i++) bytes[i] = i % 251
  return bytes
}

/** What the renderer does: stage, then send the bytes in base64 pieces. */
async function stage(bytes: Uint8Array, name = 'screenshot.png', mimeType = 'image/png') {
  const { ref } = await core.handlers['attachments.stage']({ name, mimeType, size: bytes.length })
  let last = { received: 0, complete: false }
  for (let offset = 0; offset < bytes.length; offset += ATTACHMENT_CHUNK_BYTES) {
    const piece = bytes.subarray(offset, offset + ATTACHMENT_CHUNK_BYTES)
    last = await core.handlers['attachments.write']({ ref, offset, data: Buffer.from(piece).toString('base64') })
  }
  expect(last).toEqual({ received: bytes.length, complete: true })
  return { ref, name, mimeType, size: bytes.length }
}

describe('attachments through the core', () => {
  it('a Mastodon post with an image and its alt text: uploaded, attached, served byte for byte, then forgotten locally', async () => {
    const account = await core.handlers['accounts.signIn']({ network: 'mastodon', server: fake.url })
    const bytes = image(100_000)
    const file = await stage(bytes)
    const entry = await core.handlers['outbox.submit']({
      accountId: account.id,
      text: 'The new export screen',
      attachments: [{ ...file, description: 'The export dialog with three formats' }],
    })
    expect((await core.entryIn(entry.id, ['sent', 'failed'])).state).toBe('sent')
    const posted = fake.writes.ownStatuses().filter((s) => s.text === 'The new export screen')
    expect(posted).toHaveLength(1)
    expect(posted[0]!.media.map((m) => m.description)).toEqual(['The export dialog with three formats'])
    const json = (await (await fetch(`${fake.url}/api/v1/statuses/${posted[0]!.id}`)).json()) as {
      media_attachments: { url: string }[]
    }
    const served = new Uint8Array(await (await fetch(json.media_attachments[0]!.url)).arrayBuffer())
    expect(Buffer.from(served).equals(Buffer.from(bytes))).toBe(true)
    // Deleted right after the entry is recorded as sent.
    await vi.waitFor(() => expect(existsSync(join(dir, 'attachments')) ? readdirSync(join(dir, 'attachments')) : []).toEqual([]))
  })

  it('a Mastodon video: the upload is processed first (202, then 206 until ready), then attached', async () => {
    const account = await core.handlers['accounts.signIn']({ network: 'mastodon', server: fake.url })
    const video = await stage(new Uint8Array(70_000).fill(3), 'demo.mp4', 'video/mp4')
    const entry = await core.handlers['outbox.submit']({
      accountId: account.id,
      text: 'The export, in 20 seconds',
      attachments: [video],
    })
    expect((await core.entryIn(entry.id, ['sent', 'failed'])).state).toBe('sent')
    const posted = fake.writes.ownStatuses().filter((s) => s.text === 'The export, in 20 seconds')
    expect(posted.map((s) => s.media.map((m) => m.type))).toEqual([['video']])
    // The fake refuses media still processing (422), so one accepted status means the adapter waited.
    expect(fake.writes.log.filter((l) => l.path === '/api/v1/statuses').map((l) => l.status)).toEqual([200])

    // A video next to an image: Mastodon's own refusal, with the draft kept.
    const both = [await stage(new Uint8Array(10).fill(1), 'b.mp4', 'video/mp4'), await stage(image(20), 'c.png')]
    const refused = await core.handlers['outbox.submit']({ accountId: account.id, text: 'Both', attachments: both })
    const failed = await core.entryIn(refused.id, ['sent', 'failed'])
    expect(failed).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('Cannot attach a video to a post that already contains images'),
    })
    expect(failed.draft?.attachments).toHaveLength(2)
  }, 20_000)

  it('refuses, with a clear message and nothing queued, what the network does not take', async () => {
    const account = await core.handlers['accounts.signIn']({ network: 'mastodon', server: fake.url })
    const pdf = await stage(new Uint8Array([1, 2, 3]), 'terms.pdf', 'application/pdf')
    await expect(core.handlers['outbox.submit']({ accountId: account.id, text: 'Terms', attachments: [pdf] })).rejects.toThrow(
      'Mastodon does not take application/pdf files (terms.pdf).',
    )
    const five = await Promise.all([1, 2, 3, 4, 5].map((n) => stage(image(10), `${n}.png`)))
    await expect(core.handlers['outbox.submit']({ accountId: account.id, text: 'Five', attachments: five })).rejects.toThrow(
      'A post on Mastodon carries at most 4 files.',
    )
    const { ref } = await core.handlers['attachments.stage']({ name: 'half.png', mimeType: 'image/png', size: 10 })
    await core.handlers['attachments.write']({ ref, offset: 0, data: Buffer.from([1, 2, 3]).toString('base64') })
    await expect(
      core.handlers['outbox.submit']({
        accountId: account.id,
        text: 'Half',
        attachments: [{ ref, name: 'half.png', mimeType: 'image/png', size: 10 }],
      }),
    ).rejects.toThrow('half.png did not arrive whole; pick the file again.')
    expect(await core.handlers['outbox.list']({})).toEqual([])
  })

  it('a discarded draft takes its files with it; a file still queued is kept when the composer lets go of it', async () => {
    const again = await core.handlers['accounts.signIn']({ network: 'mastodon', server: fake.url })
    const file = await stage(image(50))
    // The server is unavailable for an hour, so the entry waits.
    fake.faults.set({ kind: 'unavailable', retryAfterSeconds: 3600 })
    const entry = await core.handlers['outbox.submit']({ accountId: again.id, text: 'Later', attachments: [file] })
    await core.entryIn(entry.id, ['waiting-retry'])
    await core.handlers['attachments.discard']({ ref: file.ref })
    expect(readdirSync(join(dir, 'attachments'))).toHaveLength(2) // .bin and .json: still queued
    await core.handlers['outbox.discard']({ entryId: entry.id })
    expect(readdirSync(join(dir, 'attachments'))).toEqual([])
  })

  it('Chatter: a post into a group with a PDF from Files, a comment with an image; a comment liked and unliked', async () => {
    const chatter = await startFakeChatter()
    try {
      const account = await core.handlers['accounts.signIn']({
        network: 'chatter',
        loginHost: chatter.url,
        clientId: 'crosstalk-demo-key',
      })
      const pdf = await stage(new Uint8Array([0x25, 0x50, 0x44, 0x46, 1, 2, 3]), 'outage-report.pdf', 'application/pdf')
      const group = chatter.groups[0]!
      const post = await core.handlers['outbox.submit']({
        accountId: account.id,
        text: 'The outage report, for the record',
        target: { kind: 'group', id: group.id, name: group.name },
        attachments: [pdf],
      })
      expect((await core.entryIn(post.id, ['sent', 'failed'])).state).toBe('sent')
      const mine = chatter.writes.myPosts().filter((p) => p.text === 'The outage report, for the record')
      expect(mine.map((p) => p.parentId)).toEqual([group.id])
      // The item that came back shows the file (the event follows the entry's 'sent' record).
      const itemsBack = () =>
        core.events.flatMap((e) =>
          e.event === 'items'
            ? (e.payload as { items: { remoteId: string; attachments?: { description?: string }[] }[] }).items
            : [],
        )
      await vi.waitFor(() =>
        expect(
          itemsBack()
            .find((i) => i.remoteId === mine[0]!.id)
            ?.attachments?.map((a) => a.description),
        ).toEqual(['outage-report.pdf']),
      )

      const { id: elementId } = chatter.addFeedElement({ author: 'priya', text: 'Screenshot please?' })
      const shot = await stage(image(200))
      const comment = await core.handlers['outbox.submit']({
        accountId: account.id,
        text: 'Here',
        replyTo: itemId(account.id, elementId),
        attachments: [shot],
      })
      const sent = await core.entryIn(comment.id, ['sent', 'failed'])
      expect(sent.state, sent.error).toBe('sent')
      expect(chatter.writes.myComments(elementId).map((c) => c.text)).toEqual(['Here'])

      const { id: theirComment } = chatter.addFeedElement({ author: 'priya', commentOn: elementId, text: 'Thanks!' })
      const like = await core.handlers['items.act']({ itemId: itemId(account.id, theirComment), action: 'like' })
      expect((await core.entryIn(like.id, ['sent', 'failed'])).state).toBe('sent')
      const liked = () =>
        core.events.flatMap((e) =>
          e.event === 'items' && (e.payload as { detached?: boolean }).detached
            ? (e.payload as { items: { remoteId: string; viewer?: { liked?: boolean }; counts?: { likes?: number } }[] }).items
            : [],
        )
      await vi.waitFor(() =>
        expect(liked().findLast((i) => i.remoteId === theirComment)).toMatchObject({
          viewer: { liked: true },
          counts: { likes: 1 },
        }),
      )
      const unlike = await core.handlers['items.act']({ itemId: itemId(account.id, theirComment), action: 'unlike' })
      expect((await core.entryIn(unlike.id, ['sent', 'failed'])).state).toBe('sent')
      expect(chatter.writes.log.filter((l) => l.path.endsWith('/likes')).map((l) => `${l.method} ${l.status}`)).toEqual([
        'POST 201',
        'PATCH 200',
      ])
    } finally {
      await chatter.close()
    }
  })
})
