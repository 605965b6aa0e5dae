// Bluesky images and hidden replies through the core's outbox against the fake PDS + AppView:
// an image staged in pieces is uploaded as a blob and embedded with its alt text and aspect ratio,
// then served back from the AppView's image URLs; an image over 1 MB is refused at submit; a reply
// in the account's own thread is hidden and shown again through the thread's threadgate (keeping
// who may reply, and what another app hid in between), one in someone else's thread cannot be, and
// the columns show which replies are hidden.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ATTACHMENT_CHUNK_BYTES } from '../../../../../preload/contract'
import type { Account, ColumnSpec, Item } from '../../../../../preload/model'
import { createHttp } from '../../../../../main/core/http/client'
import { createBlueskyNetwork } from '../../../../../main/networks/bluesky'
import { itemId } from '../../../../../main/networks/types'
import { blobCid, cidFor } from '../../../../fakes/bluesky/ids'
import { APP_PASSWORD, startFakeBluesky, type FakeBluesky } from '../../../../fakes/bluesky/server'
import { startCore, type HarnessCore } from '../../core/outbox/core-harness'

let fake: FakeBluesky
let core: HarnessCore
let dir: string
let account: Account

beforeEach(async () => {
  fake = await startFakeBluesky()
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-bsky-media-'))
  core = startCore(dir, { pollIntervalMs: 60_000 })
  await core.start()
  account = await core.handlers['accounts.signIn']({
    network: 'bluesky',
    server: fake.url,
    identifier: 'alice.test',
    password: APP_PASSWORD,
  })
})
afterEach(async () => {
  await core.stop()
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A PNG whose header says width × height, padded with filler to `size` bytes. */
function png(size: number, width = 640, height = 480): Uint8Array {
  const bytes = new Uint8Array(size)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
  new DataView(bytes.buffer).setUint32(16, width)
  new DataView(bytes.buffer).setUint32(20, height)
  for (let i = 24; i < size; i++) bytes[i] = i % 251
  return bytes
}

/** What the renderer does: stage, then send the bytes in base64 pieces. */
async function stage(bytes: Uint8Array, name = 'screenshot.png', mimeType = 'image/png') {
  const { ref } = await core.handlers['attachments.stage']({ name, mimeType, size: bytes.length })
  for (let offset = 0; offset < bytes.length; offset += ATTACHMENT_CHUNK_BYTES) {
    const piece = bytes.subarray(offset, offset + ATTACHMENT_CHUNK_BYTES)
    await core.handlers['attachments.write']({ ref, offset, data: Buffer.from(piece).toString('base64') })
  }
  return { ref, name, mimeType, size: bytes.length }
}

/** The latest version of an item the core sent to the renderer (a write's answer included). */
const latest = (remoteId: string): Item | undefined =>
  core.events
    .flatMap((e) => (e.event === 'items' ? (e.payload as { items: Item[] }).items : []))
    .filter((i) => i.remoteId === remoteId)
    .at(-1)

const bytesAt = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer())

describe('Bluesky images', () => {
  it('posts an image with its alt text: a blob embedded in the record, shown back as an image attachment', async () => {
    const bytes = png(100_000) // several pieces
    const file = await stage(bytes)
    const entry = await core.handlers['outbox.submit']({
      accountId: account.id,
      text: 'The new export screen',
      attachments: [{ ...file, description: 'The export dialog with three formats' }],
    })
    expect((await core.entryIn(entry.id, ['sent', 'failed'])).state).toBe('sent')

    const posted = fake.world.posts.filter((p) => p.text === 'The new export screen')
    expect(posted).toHaveLength(1)
    const cid = blobCid(bytes)
    expect(posted[0]!.embed).toEqual({
      $type: 'app.bsky.embed.images',
      images: [
        {
          image: { $type: 'blob', ref: { $link: cid }, mimeType: 'image/png', size: 100_000 },
          alt: 'The export dialog with three formats',
          aspectRatio: { width: 640, height: 480 },
        },
      ],
    })
    expect(fake.world.blobs.get(`${fake.world.me.did} ${cid}`)?.bytes.equals(Buffer.from(bytes))).toBe(true)

    // The post the write answered with shows the image, with its alt text, served byte for byte.
    await vi.waitFor(() => expect(latest(posted[0]!.uri)?.attachments).toHaveLength(1))
    const [image] = latest(posted[0]!.uri)!.attachments!
    expect(image).toMatchObject({ type: 'image', description: 'The export dialog with three formats' })
    expect(image!.url).toContain(cid)
    expect((await bytesAt(image!.url)).equals(Buffer.from(bytes))).toBe(true)
    expect((await bytesAt(image!.previewUrl!)).equals(Buffer.from(bytes))).toBe(true)
  })

  it('a reply of images only: no text needed, an image without a description gets an empty alt', async () => {
    const first = await stage(png(2_000, 100, 50), 'a.png')
    const second = await stage(png(3_000, 30, 90), 'b.png')
    const thanks = fake.world.posts.find((p) => p.text.startsWith('Thanks'))!
    const entry = await core.handlers['outbox.submit']({
      accountId: account.id,
      replyTo: itemId(account.id, thanks.uri),
      text: '',
      attachments: [{ ...first, description: 'A wide chart' }, second],
    })
    expect((await core.entryIn(entry.id, ['sent', 'failed'])).state).toBe('sent')
    const reply = fake.world.posts.find((p) => p.reply?.parent.uri === thanks.uri && p.authorDid === fake.world.me.did)!
    expect(reply.text).toBe('')
    expect(reply.embed?.images.map((i) => [i.alt, i.aspectRatio])).toEqual([
      ['A wide chart', { width: 100, height: 50 }],
      ['', { width: 30, height: 90 }],
    ])
  })

  it('refuses an image over 1 MB at submit, saying so, with nothing queued or uploaded', async () => {
    const big = await stage(png(1_200_000), 'photo.png')
    await expect(
      core.handlers['outbox.submit']({ accountId: account.id, text: 'Team photo', attachments: [big] }),
    ).rejects.toThrow('photo.png is 1.2 MB; Bluesky takes files up to 1.0 MB.')
    const pdf = await stage(new Uint8Array([0x25, 0x50, 0x44, 0x46]), 'terms.pdf', 'application/pdf')
    await expect(core.handlers['outbox.submit']({ accountId: account.id, text: 'Terms', attachments: [pdf] })).rejects.toThrow(
      'Bluesky does not take application/pdf files (terms.pdf).',
    )
    expect(await core.handlers['outbox.list']({})).toEqual([])
    expect(fake.world.blobs.size).toBe(0)
  })
})

describe('Hiding replies with the threadgate', () => {
  const act = async (remoteId: string, moderation: 'hide' | 'unhide') => {
    const entry = await core.handlers['items.act']({ itemId: itemId(account.id, remoteId), action: 'moderate', moderation })
    return core.entryIn(entry.id, ['sent', 'failed'])
  }

  it('hides a reply in the account’s own thread and shows it again', async () => {
    const mine = fake.world.posts.find((p) => p.text === 'Our roadmap call is on Thursday.')!
    const question = fake.world.posts.find((p) => p.text === 'Will it be recorded?')!
    expect(fake.threadgate(mine.uri)).toBeUndefined()

    // The thread says the account may hide the reply, and that it is not hidden yet.
    const before = await core.handlers['threads.fetch']({ itemId: itemId(account.id, question.uri) })
    const shown = before.items.find((i) => i.remoteId === question.uri)!
    expect(shown.viewer).toMatchObject({ mine: false, canModerate: true })
    expect(shown.moderation).toBeUndefined()
    expect(before.items.find((i) => i.remoteId === mine.uri)?.viewer?.canModerate).toBeUndefined()

    const hidden = await act(question.uri, 'hide')
    expect(hidden).toMatchObject({ state: 'sent' })
    // A new gate: the root post's rkey in the account's repo, no `allow` (anyone may still reply).
    expect(
      fake.world.threadgates.get(`at://${fake.world.me.did}/app.bsky.feed.threadgate/${mine.uri.split('/').pop()}`),
    ).toBeDefined()
    const gate = fake.threadgate(mine.uri)!
    expect(gate).toEqual({
      $type: 'app.bsky.feed.threadgate',
      post: mine.uri,
      createdAt: expect.any(String),
      hiddenReplies: [question.uri],
    })
    expect(latest(question.uri)?.moderation).toBe('hidden')
    // Read back from the AppView (the gate on the root's view), in the thread and in the columns.
    const after = await core.handlers['threads.fetch']({ itemId: itemId(account.id, mine.uri) })
    expect(after.items.find((i) => i.remoteId === question.uri)?.moderation).toBe('hidden')
    // Hiding again changes nothing.
    expect(await act(question.uri, 'hide')).toMatchObject({ state: 'sent' })
    expect(fake.threadgate(mine.uri)?.hiddenReplies).toEqual([question.uri])

    const unhidden = await act(question.uri, 'unhide')
    expect(unhidden).toMatchObject({ state: 'sent' })
    expect(fake.threadgate(mine.uri)).toMatchObject({ post: mine.uri, hiddenReplies: [] })
    expect(latest(question.uri)?.moderation).toBeUndefined()
    expect(latest(question.uri)?.viewer?.canModerate).toBe(true)
  })

  it('keeps who may reply, and hides a reply deeper in the thread', async () => {
    const mine = fake.world.posts.find((p) => p.text === 'Our roadmap call is on Thursday.')!
    const question = fake.world.posts.find((p) => p.text === 'Will it be recorded?')!
    const deeper = fake.addPost({ text: 'Please record it!', author: 'bob.test', replyTo: question.uri })
    const rkey = mine.uri.split('/').pop()!
    const gateUri = `at://${fake.world.me.did}/app.bsky.feed.threadgate/${rkey}`
    const allow = [{ $type: 'app.bsky.feed.threadgate#followingRule' }]
    fake.world.threadgates.set(gateUri, {
      uri: gateUri,
      cid: cidFor({ gateUri }),
      record: { $type: 'app.bsky.feed.threadgate', post: mine.uri, createdAt: '2025-01-02T03:04:05.000Z', allow },
    })

    expect(await act(deeper.uri, 'hide')).toMatchObject({ state: 'sent' })
    expect(fake.threadgate(mine.uri)).toEqual({
      $type: 'app.bsky.feed.threadgate',
      post: mine.uri,
      createdAt: '2025-01-02T03:04:05.000Z',
      allow,
      hiddenReplies: [deeper.uri],
    })
    expect(await act(question.uri, 'hide')).toMatchObject({ state: 'sent' })
    expect(fake.threadgate(mine.uri)?.hiddenReplies).toEqual([deeper.uri, question.uri])
    // Both show as hidden where the thread is read.
    const thread = await core.handlers['threads.fetch']({ itemId: itemId(account.id, deeper.uri) })
    expect(thread.items.filter((i) => i.moderation === 'hidden').map((i) => i.remoteId)).toEqual([question.uri, deeper.uri])
  })

  it('a gate changed by another app in between is read again, not overwritten (swapRecord)', async () => {
    const mine = fake.world.posts.find((p) => p.text === 'Our roadmap call is on Thursday.')!
    const question = fake.world.posts.find((p) => p.text === 'Will it be recorded?')!
    const other = fake.addPost({ text: 'Buy followers cheap', author: 'bob.test', replyTo: mine.uri })
    const gateUri = `at://${fake.world.me.did}/app.bsky.feed.threadgate/${mine.uri.split('/').pop()}`
    // Between Crosstalk's read (no gate yet) and its write, the official app hides another reply.
    fake.beforeNextPut(() =>
      fake.world.threadgates.set(gateUri, {
        uri: gateUri,
        cid: cidFor({ gateUri, other: other.uri }),
        record: {
          $type: 'app.bsky.feed.threadgate',
          post: mine.uri,
          createdAt: '2025-01-02T03:04:05.000Z',
          hiddenReplies: [other.uri],
        },
      }),
    )
    expect(await act(question.uri, 'hide')).toMatchObject({ state: 'sent' })
    expect(fake.threadgate(mine.uri)?.hiddenReplies).toEqual([other.uri, question.uri])
  })

  it('cannot hide a reply in someone else’s thread, and says why', async () => {
    const thanks = fake.world.posts.find((p) => p.text.startsWith('Thanks @bob.test'))!
    const failed = await act(thanks.uri, 'hide')
    expect(failed.state).toBe('failed')
    expect(failed.error).toContain('only the person who started a thread can hide replies in it')
    expect(fake.world.threadgates.size).toBe(0)
    // Nor is it offered: the thread was not started by the account.
    const thread = await core.handlers['threads.fetch']({ itemId: itemId(account.id, thanks.uri) })
    expect(thread.items.find((i) => i.remoteId === thanks.uri)?.viewer?.canModerate).toBeUndefined()
  })
})

describe('Hidden replies as the columns read them', () => {
  it('the timeline, notifications and search mark a hidden reply in the account’s thread', async () => {
    const network = createBlueskyNetwork()
    const http = createHttp()
    const signedIn = await network.signIn(
      { http, beginAuthorization: () => Promise.reject(new Error('no browser')) },
      { network: 'bluesky', server: fake.url, identifier: 'alice.test', password: APP_PASSWORD },
    )
    let credentials = signedIn.credentials
    const adapter = network.createAdapter({
      account: signedIn.account,
      http,
      credentials: { get: async () => credentials, set: async (c) => void (credentials = c) },
    })
    const column = (kind: ColumnSpec['kind'], target?: string): ColumnSpec => ({
      id: kind,
      accountId: signedIn.account.id,
      kind,
      target,
      title: kind,
    })
    const mine = fake.world.posts.find((p) => p.text === 'Our roadmap call is on Thursday.')!
    const question = fake.world.posts.find((p) => p.text === 'Will it be recorded?')!
    const thanks = fake.world.posts.find((p) => p.text.startsWith('Thanks @bob.test'))!
    const rkey = mine.uri.split('/').pop()!
    const gateUri = `at://${fake.world.me.did}/app.bsky.feed.threadgate/${rkey}`
    fake.world.threadgates.set(gateUri, {
      uri: gateUri,
      cid: cidFor({ gateUri }),
      record: {
        $type: 'app.bsky.feed.threadgate',
        post: mine.uri,
        createdAt: new Date().toISOString(),
        hiddenReplies: [question.uri],
      },
    })

    const find = async (kind: ColumnSpec['kind'], remoteId: string, target?: string) =>
      (await adapter.fetchPage(column(kind, target), undefined, 'newer')).items.find((i) => i.remoteId === remoteId)
    for (const [kind, target] of [['home'], ['mentions'], ['search', 'recorded']] as const) {
      expect(await find(kind, question.uri, target), kind).toMatchObject({
        moderation: 'hidden',
        viewer: { mine: false, canModerate: true },
      })
    }
    // A reply in someone else's thread: not the account's to hide.
    const other = await find('home', thanks.uri)
    expect(other?.viewer?.canModerate).toBeUndefined()
    expect(other?.moderation).toBeUndefined()
  })
})
