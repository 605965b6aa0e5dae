// Images on X through the core's outbox against the fake API: staged, checked against X's rules,
// uploaded (one-shot for images, chunked with STATUS for a GIF), described by alt text, attached
// by media id, read back as attachments; what X does not take is refused before or by X.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Item } from '../../../../../preload/model'
import { ATTACHMENT_CHUNK_BYTES } from '../../../../../preload/contract'
import { createHttp } from '../../../../../main/core/http/client'
import { createXNetwork } from '../../../../../main/networks/x'
import { SCOPES } from '../../../../../main/networks/x/auth'
import { CLIENT_ID, startFakeX, type FakeX } from '../../../../fakes/x/server'
import { startCore, type HarnessCore } from '../../core/outbox/core-harness'

let fake: FakeX
let core: HarnessCore
let dir: string

beforeEach(async () => {
  fake = await startFakeX()
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-x-media-'))
  core = startCore(dir, { pollIntervalMs: 60_000, endpoints: { x: { authorize: fake.url, api: fake.url } } })
  await core.start()
})
afterEach(async () => {
  await core.stop()
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

const signIn = () => core.handlers['accounts.signIn']({ network: 'x', clientId: CLIENT_ID })
const done = async (p: Promise<{ id: string }>) => core.entryIn((await p).id, ['sent', 'failed', 'paused'])

/** A PNG (signature, then filler) of `size` bytes; `seed` makes two files differ. */
const png = (size: number, seed = 1) => {
  const bytes = new Uint8Array(size)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  for (let i = 8; i < size; i++) bytes[i] = (i * seed) % 251
  return bytes
}
const gif = (size: number) => {
  const bytes = new Uint8Array(size).fill(5)
  bytes.set(Buffer.from('GIF89a', 'latin1'))
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

/** The items the outbox handed back after a write (the post as X shows it). */
const writtenItems = () =>
  core.events.flatMap((e) =>
    e.event === 'items' && (e.payload as { detached?: boolean }).detached ? (e.payload as { items: Item[] }).items : [],
  )

const served = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer())

describe('images on X posts', () => {
  it('a post with two images and their alt text: uploaded, described, attached, read back with both', async () => {
    const account = await signIn()
    const first = png(120_000, 3)
    const second = png(40_000, 7)
    const entry = await done(
      core.handlers['outbox.submit']({
        accountId: account.id,
        text: 'The new export screen',
        attachments: [
          { ...(await stage(first, 'export.png')), description: 'The export dialog with three formats' },
          { ...(await stage(second, 'done.png')), description: 'The finished export in the downloads list' },
        ],
      }),
    )
    expect(entry.state).toBe('sent')

    const posted = fake.tweets.filter((t) => t.text === 'The new export screen')
    expect(posted).toHaveLength(1)
    const files = posted[0]!.mediaIds!.map((id) => fake.media.find((m) => m.id === id)!)
    expect(files.map((m) => ({ category: m.category, altText: m.altText, usedBy: m.usedBy }))).toEqual([
      { category: 'tweet_image', altText: 'The export dialog with three formats', usedBy: posted[0]!.id },
      { category: 'tweet_image', altText: 'The finished export in the downloads list', usedBy: posted[0]!.id },
    ])
    expect(files[0]!.bytes.equals(Buffer.from(first))).toBe(true)
    expect(files[1]!.bytes.equals(Buffer.from(second))).toBe(true)

    // Read back: two images with their descriptions, served byte for byte; the media's t.co link is not text.
    const item = writtenItems().findLast((i) => i.remoteId === posted[0]!.id)!
    expect(item.text).toBe('The new export screen')
    expect(item.html).toBe('<p>The new export screen</p>')
    expect(item.attachments?.map((a) => ({ type: a.type, description: a.description }))).toEqual([
      { type: 'image', description: 'The export dialog with three formats' },
      { type: 'image', description: 'The finished export in the downloads list' },
    ])
    expect((await served(item.attachments![0]!.url)).equals(Buffer.from(first))).toBe(true)
    expect((await served(item.attachments![1]!.url)).equals(Buffer.from(second))).toBe(true)
  })

  it('a reply with an image and no description', async () => {
    const account = await signIn()
    const root = fake.tweets[0]!
    const bytes = png(30_000)
    const entry = await done(
      core.handlers['outbox.submit']({
        accountId: account.id,
        replyTo: `${account.id}/${root.id}`,
        text: 'This is the setting to check',
        attachments: [await stage(bytes, 'settings.png')],
      }),
    )
    expect(entry.state).toBe('sent')
    const reply = fake.tweets.find((t) => t.text === 'This is the setting to check')!
    expect(reply.replyTo).toBe(root.id)
    expect(reply.mediaIds).toHaveLength(1)
    const file = fake.media.find((m) => m.id === reply.mediaIds![0])!
    expect(file.altText).toBeUndefined()
    expect(file.bytes.equals(Buffer.from(bytes))).toBe(true)
    const item = writtenItems().findLast((i) => i.remoteId === reply.id)!
    expect(item).toMatchObject({ text: 'This is the setting to check', parentId: `${account.id}/${root.id}` })
    expect(item.attachments).toEqual([{ type: 'image', url: expect.stringContaining(fake.url) }])
  })

  it('refuses at submit what X does not take: a PDF, a 6 MB PNG, five images', async () => {
    const account = await signIn()
    const pdf = await stage(new Uint8Array([0x25, 0x50, 0x44, 0x46]), 'terms.pdf', 'application/pdf')
    await expect(core.handlers['outbox.submit']({ accountId: account.id, text: 'Terms', attachments: [pdf] })).rejects.toThrow(
      'X does not take application/pdf files (terms.pdf).',
    )
    const big = await stage(png(6 * 1024 * 1024), 'big.png')
    await expect(core.handlers['outbox.submit']({ accountId: account.id, text: 'Big', attachments: [big] })).rejects.toThrow(
      'big.png is 6 MB; X takes files up to 5 MB.',
    )
    const five = await Promise.all([1, 2, 3, 4, 5].map((n) => stage(png(100, n), `${n}.png`)))
    await expect(core.handlers['outbox.submit']({ accountId: account.id, text: 'Five', attachments: five })).rejects.toThrow(
      'A post on X carries at most 4 files.',
    )
    expect(await core.handlers['outbox.list']({})).toEqual([])
    expect(fake.media).toEqual([])
  })

  it('a GIF goes up in chunks and is processed before the post; a GIF next to an image is refused', async () => {
    const account = await signIn()
    const bytes = gif(50_000)
    const entry = await done(
      core.handlers['outbox.submit']({
        accountId: account.id,
        text: 'The export, animated',
        attachments: [{ ...(await stage(bytes, 'export.gif', 'image/gif')), description: 'Exporting in three clicks' }],
      }),
    )
    expect(entry.state).toBe('sent')
    const posted = fake.tweets.find((t) => t.text === 'The export, animated')!
    const file = fake.media.find((m) => m.id === posted.mediaIds![0])!
    expect(file).toMatchObject({ category: 'tweet_gif', state: 'succeeded', altText: 'Exporting in three clicks' })
    expect(file.mediaKey).toMatch(/^16_/)
    expect(file.bytes.equals(Buffer.from(bytes))).toBe(true)
    const item = writtenItems().findLast((i) => i.remoteId === posted.id)!
    expect(item.attachments).toEqual([
      {
        type: 'video',
        url: expect.stringMatching(/\.mp4$/),
        previewUrl: expect.any(String),
        description: 'Exporting in three clicks',
      },
    ])

    const mixed = await done(
      core.handlers['outbox.submit']({
        accountId: account.id,
        text: 'Both',
        attachments: [await stage(gif(100), 'a.gif', 'image/gif'), await stage(png(100), 'b.png')],
      }),
    )
    expect(mixed).toMatchObject({ state: 'failed', error: 'A post on X carries up to 4 images, or one GIF on its own.' })
    expect(mixed.draft?.attachments).toHaveLength(2)
  }, 20_000)

  it('alt text over 1000 characters fails with the reason, nothing uploaded', async () => {
    const account = await signIn()
    const entry = await done(
      core.handlers['outbox.submit']({
        accountId: account.id,
        text: 'Long description',
        attachments: [{ ...(await stage(png(100), 'a.png')), description: 'd'.repeat(1001) }],
      }),
    )
    expect(entry).toMatchObject({ state: 'failed', error: 'The description of a.png has 1001 characters; X takes up to 1000.' })
    expect(fake.media).toEqual([])
  })

  it('an account whose token lacks media.write waits for a new sign-in, then posts', async () => {
    fake.withholdScopes(['media.write'])
    const account = await signIn()
    const attachments = [{ ...(await stage(png(5_000), 'a.png')), description: 'A chart' }]
    const entry = await done(core.handlers['outbox.submit']({ accountId: account.id, text: 'With a chart', attachments }))
    expect(entry).toMatchObject({ state: 'paused', error: expect.stringContaining('sign in again to allow it') })
    expect(fake.media).toEqual([])

    fake.withholdScopes([])
    await signIn()
    expect((await core.entryIn(entry.id, ['sent', 'failed'])).state).toBe('sent')
    const posted = fake.tweets.find((t) => t.text === 'With a chart')!
    expect(posted.mediaIds?.map((id) => fake.media.find((m) => m.id === id)?.altText)).toEqual(['A chart'])
  })

  it('an account signed in before Crosstalk asked for media.write (no scope stored): X’s 403 pauses it', async () => {
    fake.withholdScopes(['media.write'])
    const account = await signIn()
    // Credentials from before scopes were kept: the adapter cannot know until X refuses.
    const path = join(dir, 'test-secrets.json')
    const secrets = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>
    const { scope: _scope, ...old } = JSON.parse(secrets[account.id]!) as Record<string, string>
    writeFileSync(path, JSON.stringify({ ...secrets, [account.id]: JSON.stringify(old) }))
    const entry = await done(
      core.handlers['outbox.submit']({
        accountId: account.id,
        text: 'Old account',
        attachments: [await stage(png(500), 'a.png')],
      }),
    )
    expect(entry).toMatchObject({ state: 'paused', error: expect.stringContaining('sign in again to allow it') })
    expect(fake.media).toEqual([])
    expect(fake.tweets.some((t) => t.text === 'Old account')).toBe(false)
  })

  it('an uncertain post with an image is found by its text, the media link aside', async () => {
    const account = await signIn()
    const entry = await done(
      core.handlers['outbox.submit']({
        accountId: account.id,
        text: 'Chart of the week',
        attachments: [await stage(png(900), 'c.png')],
      }),
    )
    expect(entry.state).toBe('sent')
    const secrets = JSON.parse(readFileSync(join(dir, 'test-secrets.json'), 'utf8')) as Record<string, string>
    const adapter = createXNetwork({ x: { authorize: fake.url, api: fake.url } }).createAdapter({
      account,
      http: createHttp(),
      credentials: { get: async () => JSON.parse(secrets[account.id]!) as Record<string, string>, set: async () => {} },
    })
    const file = { name: 'c.png', mimeType: 'image/png', size: 900, bytes: png(900) }
    const found = await adapter.findExisting!(
      { action: 'post', draft: { text: 'Chart of the week', files: [file] } },
      Date.now() - 5_000,
    )
    expect(found?.item).toMatchObject({ text: 'Chart of the week', attachments: [{ type: 'image' }] })
    expect(await adapter.findExisting!({ action: 'post', draft: { text: 'Chart of the week' } }, Date.now() - 5_000)).toBeNull()
  })
})

describe('the fake X media API answers as X does', () => {
  /** Signs in; the credentials as stored, with the scopes X granted. */
  async function credentials(): Promise<Record<string, string>> {
    const account = await signIn()
    const secrets = JSON.parse(readFileSync(join(dir, 'test-secrets.json'), 'utf8')) as Record<string, string>
    return JSON.parse(secrets[account.id]!) as Record<string, string>
  }
  const post = (path: string, bearer: string, body: FormData | object) =>
    fetch(`${fake.url}/2/${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(body instanceof FormData ? {} : { 'content-type': 'application/json' }),
      },
      body: body instanceof FormData ? body : JSON.stringify(body),
    })
  const form = (fields: Record<string, string>, file?: Uint8Array) => {
    const f = new FormData()
    for (const [k, v] of Object.entries(fields)) f.set(k, v)
    if (file) f.set('media', new Blob([new Uint8Array(file)], { type: 'image/png' }), 'a.png')
    return f
  }

  it('refuses an upload without media or with a category the one-shot upload does not take, and unknown media ids', async () => {
    const c = await credentials()
    expect(c.scope).toBe(SCOPES)
    const bearer = c.accessToken!
    const missing = await post('media/upload', bearer, form({ media_category: 'tweet_image' }))
    expect(missing.status).toBe(400)
    expect(await missing.json()).toMatchObject({
      title: 'Invalid Request',
      type: 'https://api.twitter.com/2/problems/invalid-request',
      errors: [{ parameters: { media: [null] }, message: expect.stringContaining('`media`') }],
    })
    const gifCategory = await post('media/upload', bearer, form({ media_category: 'tweet_gif' }, png(100)))
    expect(gifCategory.status).toBe(400)
    expect(await gifCategory.json()).toMatchObject({ errors: [{ parameters: { media_category: ['tweet_gif'] } }] })

    const ok = await post('media/upload', bearer, form({ media_category: 'tweet_image' }, png(100)))
    expect(ok.status).toBe(200)
    const { data } = (await ok.json()) as { data: { id: string; media_key: string; size: number; expires_after_secs: number } }
    expect(data).toEqual({ id: expect.stringMatching(/^\d+$/), media_key: `3_${data.id}`, size: 100, expires_after_secs: 86_400 })

    const meta = await post('media/metadata', bearer, { id: data.id, metadata: { alt_text: { text: 'A chart' } } })
    expect(await meta.json()).toEqual({ data: { id: data.id, associated_metadata: { alt_text: { text: 'A chart' } } } })

    const unknown = await post('tweets', bearer, { text: 'Hi', media: { media_ids: ['123'] } })
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toMatchObject({ title: 'Invalid Request', detail: 'Your media IDs are invalid.', status: 400 })
    expect(fake.tweets.some((t) => t.text === 'Hi')).toBe(false)
  })

  it('refuses uploads from a token without media.write', async () => {
    fake.withholdScopes(['media.write'])
    const c = await credentials()
    // The stored scope says what X granted: everything asked for but media.write.
    expect(c.scope).toBe(SCOPES.replace(' media.write', ''))
    const res = await post('media/upload', c.accessToken!, form({ media_category: 'tweet_image' }, png(100)))
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ title: 'Forbidden', detail: 'Forbidden', type: 'about:blank', status: 403 })
  })
})
