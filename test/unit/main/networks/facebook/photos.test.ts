// Photos on a Facebook Page through the core's outbox against the fake Graph API: one photo is a
// POST /{page}/photos with its caption; several are uploaded unpublished and attached to one
// POST /{page}/feed (attached_media); a comment carries one photo (`source`), and two are refused
// when sending with the draft kept; a photo over Graph's 4 MB is refused when queued. The items
// that come back show the photos, served byte for byte; an uncertain photo post is found again.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ATTACHMENT_CHUNK_BYTES } from '../../../../../preload/contract'
import type { Account, Item } from '../../../../../preload/model'
import { createHttp } from '../../../../../main/core/http/client'
import { createFacebookNetwork } from '../../../../../main/networks/facebook'
import { itemId, type NetworkAdapter, type OutgoingFile } from '../../../../../main/networks/types'
import { APP_ID, PAGE_ID, startFakeFacebook, type FakeFacebook } from '../../../../fakes/facebook/server'
import { startCore, type HarnessCore } from '../../core/outbox/core-harness'

let fake: FakeFacebook
let core: HarnessCore
let dir: string
let account: Account

beforeEach(async () => {
  fake = await startFakeFacebook()
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-fb-photos-'))
  core = startCore(dir, { pollIntervalMs: 60_000, endpoints: { facebook: { dialog: fake.url, graph: fake.url } } })
  await core.start()
  account = await core.handlers['accounts.signIn']({ network: 'facebook', clientId: APP_ID })
})
afterEach(async () => {
  await core.stop()
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A PNG signature followed by distinct bytes. */
const png = (size: number, seed = 0) => {
  const bytes = new Uint8Array(size)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  for (let i = 8; i < size; i++) bytes[i] = (i + seed) % 251
  return bytes
}

/** What the renderer does: stage, then send the bytes in base64 pieces. */
async function stage(bytes: Uint8Array, name: string, mimeType = 'image/png') {
  const { ref } = await core.handlers['attachments.stage']({ name, mimeType, size: bytes.length })
  for (let offset = 0; offset < bytes.length; offset += ATTACHMENT_CHUNK_BYTES) {
    const piece = bytes.subarray(offset, offset + ATTACHMENT_CHUNK_BYTES)
    await core.handlers['attachments.write']({ ref, offset, data: Buffer.from(piece).toString('base64') })
  }
  return { ref, name, mimeType, size: bytes.length }
}

/** The items the core announced after a write (the outbox's 'items' events). */
const announced = (id: string): Item | undefined =>
  core.events.flatMap((e) => (e.event === 'items' ? (e.payload as { items: Item[] }).items : [])).findLast((i) => i.id === id)

const bytesAt = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer())

/** The Facebook adapter on the signed-in account's stored credentials. */
function adapter(): NetworkAdapter {
  const secrets = JSON.parse(readFileSync(join(dir, 'test-secrets.json'), 'utf8')) as Record<string, string>
  return createFacebookNetwork({ facebook: { dialog: fake.url, graph: fake.url } }).createAdapter({
    account,
    http: createHttp(),
    credentials: { get: async () => JSON.parse(secrets[account.id]!) as Record<string, string>, set: async () => {} },
  })
}

describe('photos on Facebook Page posts', () => {
  it('one photo: published with its caption as the post’s message; the item shows it, served as uploaded', async () => {
    const bytes = png(120_000)
    const file = await stage(bytes, 'office.png')
    const entry = await core.handlers['outbox.submit']({ accountId: account.id, text: 'Our new office!', attachments: [file] })
    const sent = await core.entryIn(entry.id, ['sent', 'failed'])
    expect(sent.state, sent.error).toBe('sent')

    expect(fake.photos).toHaveLength(1)
    const photo = fake.photos[0]!
    expect(photo).toMatchObject({ filename: 'office.png', contentType: 'image/png', caption: 'Our new office!', published: true })
    expect(photo.bytes.equals(Buffer.from(bytes))).toBe(true)
    const posts = fake.posts.filter((p) => p.message === 'Our new office!')
    expect(posts).toHaveLength(1)
    expect(posts[0]!.photoIds).toEqual([photo.id])
    expect(photo.usedBy).toBe(posts[0]!.id)

    // The entry names the post; the item that came back carries the photo.
    expect(sent.result?.itemId).toBe(itemId(account.id, posts[0]!.id))
    const item = announced(itemId(account.id, posts[0]!.id))!
    expect(item.text).toBe('Our new office!')
    expect(item.attachments).toEqual([{ type: 'image', url: expect.stringContaining(`/fbcdn/${photo.id}_n.png`) }])
    expect((await bytesAt(item.attachments![0]!.url)).equals(Buffer.from(bytes))).toBe(true)

    // The Page feed reads it the same way.
    const feed = await adapter().fetchPage(
      { id: 'feed', accountId: account.id, kind: 'home', target: PAGE_ID, title: 'Page feed' },
      undefined,
      'newer',
    )
    expect(feed.items.find((i) => i.remoteId === posts[0]!.id)?.attachments).toEqual(item.attachments)
  })

  it('two photos: each uploaded unpublished, then one post that attaches both', async () => {
    const one = png(30_000, 1)
    const two = png(40_000, 2)
    const files = [await stage(one, 'before.png'), await stage(two, 'after.png')]
    const entry = await core.handlers['outbox.submit']({ accountId: account.id, text: 'Before and after', attachments: files })
    const sent = await core.entryIn(entry.id, ['sent', 'failed'])
    expect(sent.state, sent.error).toBe('sent')

    const posts = fake.posts.filter((p) => p.message === 'Before and after')
    expect(posts).toHaveLength(1)
    expect(fake.photos.map((p) => p.filename)).toEqual(['before.png', 'after.png'])
    expect(fake.photos.every((p) => p.usedBy === posts[0]!.id && p.published)).toBe(true)
    expect(fake.photos.map((p) => p.caption)).toEqual(['', ''])
    expect(posts[0]!.photoIds).toEqual(fake.photos.map((p) => p.id))

    const item = announced(itemId(account.id, posts[0]!.id))!
    expect(item.attachments?.map((a) => a.type)).toEqual(['image', 'image'])
    const served = await Promise.all(item.attachments!.map((a) => bytesAt(a.url)))
    expect(served[0]!.equals(Buffer.from(one))).toBe(true)
    expect(served[1]!.equals(Buffer.from(two))).toBe(true)
  })

  it('refuses, when queued, a photo over Graph’s 4 MB and a file that is not a photo', async () => {
    const big = await stage(png(4 * 1024 * 1024 + 1), 'poster.png')
    await expect(core.handlers['outbox.submit']({ accountId: account.id, text: 'Poster', attachments: [big] })).rejects.toThrow(
      'poster.png is 4.2 MB; Facebook Pages takes files up to 4 MB.',
    )
    const pdf = await stage(new Uint8Array([0x25, 0x50, 0x44, 0x46]), 'terms.pdf', 'application/pdf')
    await expect(core.handlers['outbox.submit']({ accountId: account.id, text: 'Terms', attachments: [pdf] })).rejects.toThrow(
      'Facebook Pages does not take application/pdf files (terms.pdf).',
    )
    expect(await core.handlers['outbox.list']({})).toEqual([])
    expect(fake.photos).toEqual([])
  })

  it('an uncertain photo post is found in the feed by its caption and its number of photos', async () => {
    const file = await stage(png(5_000), 'team.png')
    const entry = await core.handlers['outbox.submit']({ accountId: account.id, text: 'Meet the team', attachments: [file] })
    expect((await core.entryIn(entry.id, ['sent', 'failed'])).state).toBe('sent')
    const post = fake.posts.find((p) => p.message === 'Meet the team')!
    const photo: OutgoingFile = { name: 'team.png', mimeType: 'image/png', size: 5_000, bytes: png(5_000) }
    const since = Date.now() - 10_000

    const found = await adapter().findExisting!({ action: 'post', draft: { text: 'Meet the team', files: [photo] } }, since)
    expect(found?.item).toMatchObject({ remoteId: post.id, attachments: [{ type: 'image' }] })
    // The same caption with no photo, or with two, is another post; so is another caption.
    expect(await adapter().findExisting!({ action: 'post', draft: { text: 'Meet the team' } }, since)).toBeNull()
    expect(
      await adapter().findExisting!({ action: 'post', draft: { text: 'Meet the team', files: [photo, photo] } }, since),
    ).toBeNull()
    expect(await adapter().findExisting!({ action: 'post', draft: { text: 'Meet the crew', files: [photo] } }, since)).toBeNull()
    // A plain text post is still found.
    fake.addPost('Office hours today at 3')
    expect(
      (await adapter().findExisting!({ action: 'post', draft: { text: 'Office hours today at 3' } }, since))?.item?.text,
    ).toBe('Office hours today at 3')
  })
})

describe('photos on Facebook comments', () => {
  it('a comment with a photo: sent as `source`, read back with its attachment', async () => {
    const post = fake.posts[0]!
    const bytes = png(20_000, 3)
    const shot = await stage(bytes, 'screenshot.png')
    const entry = await core.handlers['outbox.submit']({
      accountId: account.id,
      replyTo: itemId(account.id, post.id),
      text: 'Here is how it looks now',
      attachments: [shot],
    })
    const sent = await core.entryIn(entry.id, ['sent', 'failed'])
    expect(sent.state, sent.error).toBe('sent')

    const comment = fake.comments.find((c) => c.message === 'Here is how it looks now')!
    expect(comment).toMatchObject({ postId: post.id, parentId: undefined, from: { name: 'Crosstalk Community' } })
    const photo = fake.photos.find((p) => p.id === comment.photoId)!
    expect(photo.bytes.equals(Buffer.from(bytes))).toBe(true)
    expect(photo.usedBy).toBe(comment.id)

    const item = announced(itemId(account.id, `${post.id}~${comment.id}`))!
    expect(item.attachments).toEqual([{ type: 'image', url: expect.stringContaining(`/fbcdn/${photo.id}_n.png`) }])
    expect((await bytesAt(item.attachments![0]!.url)).equals(Buffer.from(bytes))).toBe(true)
    // The thread shows it too; a photo is not a Page post of its own.
    const thread = await adapter().fetchThread(post.id)
    expect(thread.items.find((i) => i.text === 'Here is how it looks now')?.attachments).toEqual(item.attachments)
    expect(fake.posts.filter((p) => p.photoIds)).toEqual([])
  })

  it('a comment with two photos is refused when sent, saying why; the draft and its files are kept', async () => {
    const question = fake.comments.find((c) => c.message.startsWith('Can I log in'))!
    const files = [await stage(png(100, 4), 'a.png'), await stage(png(100, 5), 'b.png')]
    const entry = await core.handlers['outbox.submit']({
      accountId: account.id,
      replyTo: itemId(account.id, `${fake.posts[0]!.id}~${question.id}`),
      text: 'Two screenshots',
      attachments: files,
    })
    const failed = await core.entryIn(entry.id, ['sent', 'failed'])
    expect(failed).toMatchObject({ state: 'failed', error: expect.stringContaining('A Facebook comment carries one photo') })
    expect(failed.draft?.text).toBe('Two screenshots')
    expect(failed.draft?.attachments?.map((a) => a.name)).toEqual(['a.png', 'b.png'])
    expect(fake.comments.some((c) => c.message === 'Two screenshots')).toBe(false)
    expect(fake.photos).toEqual([])
  })
})

describe('the fake Graph API’s photo rules', () => {
  it('unpublished photos stay out of the feed until attached; unknown or used media_fbid are refused', async () => {
    const secrets = JSON.parse(readFileSync(join(dir, 'test-secrets.json'), 'utf8')) as Record<string, string>
    const token = (JSON.parse(secrets[account.id]!) as Record<string, string>)[`page:${PAGE_ID}`]!
    const graph = `${fake.url}/v21.0/${PAGE_ID}`
    const upload = async () => {
      const form = new FormData()
      form.set('access_token', token)
      form.set('published', 'false')
      form.set('source', new Blob([png(50)], { type: 'image/png' }), 'x.png')
      return (await (await fetch(`${graph}/photos`, { method: 'POST', body: form })).json()) as { id: string; post_id?: string }
    }
    const feed = async (fields: Record<string, string>) => {
      const res = await fetch(`${graph}/feed`, { method: 'POST', body: new URLSearchParams({ access_token: token, ...fields }) })
      return { status: res.status, body: (await res.json()) as { id?: string; error?: { code: number; message: string } } }
    }
    const count = fake.posts.length
    const photo = await upload()
    expect(photo.post_id).toBeUndefined()
    expect(fake.posts).toHaveLength(count)

    const unknown = await feed({ message: 'x', 'attached_media[0]': JSON.stringify({ media_fbid: '999' }) })
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 100, type: 'OAuthException' } } })
    expect(unknown.body.error?.message).toContain('999')

    const ok = await feed({ message: 'Attached', 'attached_media[0]': JSON.stringify({ media_fbid: photo.id }) })
    expect(ok.status).toBe(200)
    expect(fake.posts.find((p) => p.id === ok.body.id)?.photoIds).toEqual([photo.id])

    const again = await feed({ message: 'Again', 'attached_media[0]': JSON.stringify({ media_fbid: photo.id }) })
    expect(again).toMatchObject({ status: 400, body: { error: { code: 100 } } })
    expect(fake.posts.some((p) => p.message === 'Again')).toBe(false)
  })
})
