// Viva Engage writes through the core's outbox against the fake: a message into a group with a
// mention, a reply in a thread, like and unlike, delete one's own message; an uncertain message
// is found among the sent ones instead of being posted twice. Files go up as pending attachments
// first; a share (repost) is a message naming the shared one, undone by deleting it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Item } from '../../../../../preload/model'
import { ATTACHMENT_CHUNK_BYTES } from '../../../../../preload/contract'
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

/** What the renderer does: stage the file, then send its bytes in base64 pieces. */
async function stage(bytes: Uint8Array, name: string, mimeType: string) {
  const { ref } = await core.handlers['attachments.stage']({ name, mimeType, size: bytes.length })
  for (let offset = 0; offset < bytes.length; offset += ATTACHMENT_CHUNK_BYTES) {
    const piece = bytes.subarray(offset, offset + ATTACHMENT_CHUNK_BYTES)
    await core.handlers['attachments.write']({ ref, offset, data: Buffer.from(piece).toString('base64') })
  }
  return { ref, name, mimeType, size: bytes.length }
}

const pdfBytes = () => {
  const bytes = new Uint8Array(150_000)
  bytes.set([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]) // %PDF-1.7
  for (let i = 8; i < bytes.length; i++) bytes[i] = (i * 7) % 256
  return bytes
}
const pngBytes = () => {
  const bytes = new Uint8Array(40_000)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  for (let i = 8; i < bytes.length; i++) bytes[i] = i % 251
  return bytes
}

/** Items the core sent out after a write (the outbox's answers). */
const writtenItems = () =>
  core.events.flatMap((e) =>
    e.event === 'items' && (e.payload as { detached?: boolean }).detached ? (e.payload as { items: Item[] }).items : [],
  )

describe('Viva Engage files and shares', () => {
  it('a message into a group with a PDF and an image, and a reply with a file: uploaded, attached, byte for byte', async () => {
    const account = await core.handlers['accounts.signIn']({ network: 'yammer', clientId: CLIENT_ID, tenant: TENANT })
    const info = (await core.handlers['networks.list']({})).find((n) => n.id === 'yammer')
    expect(info?.attachments).toEqual({ max: 20, maxBytes: 100 * 1024 * 1024, accept: ['*/*'], describe: false })
    const pdf = pdfBytes()
    const png = pngBytes()
    const files = [await stage(pdf, 'outage-report.pdf', 'application/pdf'), await stage(png, 'status-page.png', 'image/png')]
    const posted = await done(
      core.handlers['outbox.submit']({
        accountId: account.id,
        text: 'The outage report and the status page, for the record',
        target: { kind: 'group', id: '501', name: 'Support' },
        attachments: files,
      }),
    )
    expect(posted.state, posted.error).toBe('sent')
    const mine = fake.messages.filter((m) => m.text === 'The outage report and the status page, for the record')
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ groupId: 501, senderId: 1001 })
    const attached = mine[0]!.attachments
    expect(attached.map((a) => [a.name, a.contentType])).toEqual([
      ['outage-report.pdf', 'application/pdf'],
      ['status-page.png', 'image/png'],
    ])
    expect(attached[0]!.bytes.equals(Buffer.from(pdf))).toBe(true)
    expect(attached[1]!.bytes.equals(Buffer.from(png))).toBe(true)
    // Uploaded once each, and no upload left pending.
    expect(fake.uploads.map((u) => u.messageId)).toEqual([mine[0]!.id, mine[0]!.id])

    // The item that came back shows both, the image as an image; the file is served back whole.
    await vi.waitFor(() =>
      expect(
        writtenItems()
          .find((i) => i.remoteId === String(mine[0]!.id))
          ?.attachments?.map((a) => [a.type, a.description]),
      ).toEqual([
        ['file', 'outage-report.pdf'],
        ['image', 'status-page.png'],
      ]),
    )
    const secrets = JSON.parse(readFileSync(join(dir, 'test-secrets.json'), 'utf8'))
    const { accessToken } = JSON.parse(secrets[account.id]) as { accessToken: string }
    const download = await fetch(`${fake.url}/api/v1/uploaded_files/${attached[0]!.id}/download`, {
      headers: { authorization: `Bearer ${accessToken}` },
    })
    expect(download.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true)

    // A reply carries a file too.
    const root = fake.messages[0]!
    const log = new Uint8Array([0x31, 0x32, 0x0a, 0x33])
    const reply = await done(
      core.handlers['outbox.submit']({
        accountId: account.id,
        replyTo: `${account.id}/${root.id}`,
        text: 'The log you asked for.',
        attachments: [await stage(log, 'export.log', 'text/plain')],
      }),
    )
    expect(reply.state, reply.error).toBe('sent')
    const answered = fake.messages.find((m) => m.text === 'The log you asked for.')!
    expect(answered).toMatchObject({ repliedToId: root.id, threadId: root.threadId })
    expect(answered.attachments.map((a) => [a.name, a.contentType, [...a.bytes]])).toEqual([
      ['export.log', 'text/plain', [...log]],
    ])
  })

  it('the fake refuses what the real API refuses: an unknown or used pending attachment, an unknown message to share', async () => {
    const account = await core.handlers['accounts.signIn']({ network: 'yammer', clientId: CLIENT_ID, tenant: TENANT })
    const secrets = JSON.parse(readFileSync(join(dir, 'test-secrets.json'), 'utf8'))
    const { accessToken } = JSON.parse(secrets[account.id]) as { accessToken: string }
    const post = (form: Record<string, string>) =>
      fetch(`${fake.url}/api/v1/messages.json`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
        body: new URLSearchParams(form),
      })
    const unknown = await post({ body: 'With a file', pending_attachment1: '123' })
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toMatchObject({ response: { stat: 'fail' } })
    expect((await post({ shared_message_id: '1' })).status).toBe(404)
    expect((await post({ body: '' })).status).toBe(400)

    const form = new FormData()
    form.set('attachment', new Blob([new Uint8Array([1, 2, 3])], { type: 'text/plain' }), 'a.txt')
    const up = await fetch(`${fake.url}/api/v1/pending_attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      body: form,
    })
    expect(up.status).toBe(201)
    const { id } = (await up.json()) as { id: number }
    expect((await post({ body: 'First', pending_attachment1: String(id) })).status).toBe(201)
    expect((await post({ body: 'Again', pending_attachment1: String(id) })).status).toBe(400)
    expect((await fetch(`${fake.url}/api/v1/pending_attachments`, { method: 'POST', body: form })).status).toBe(401)
  })

  it('shares a colleague’s message (the answer reads as the share) and undoes the share', async () => {
    const account = await core.handlers['accounts.signIn']({ network: 'yammer', clientId: CLIENT_ID, tenant: TENANT })
    expect(await core.handlers['accounts.capabilities']({ accountId: account.id })).toMatchObject({
      post: true,
      reply: true,
      like: true,
      repost: true,
      remove: true,
    })
    const theirs = fake.messages.find((m) => m.text === 'Release notes are ready for review.')!
    const shared = await done(core.handlers['items.act']({ itemId: `${account.id}/${theirs.id}`, action: 'repost' }))
    expect(shared.state, shared.error).toBe('sent')
    const shares = () => fake.messages.filter((m) => m.sharedMessageId === theirs.id)
    expect(shares()).toHaveLength(1)
    expect(shares()[0]).toMatchObject({ senderId: 1001, text: '' })
    expect(shared.result?.itemId).toBe(`${account.id}/${shares()[0]!.id}`)
    await vi.waitFor(() =>
      expect(writtenItems().find((i) => i.remoteId === String(shares()[0]!.id))).toMatchObject({
        text: 'Shared Jordan Blake: Release notes are ready for review.',
        author: { id: '1001', name: 'Alex Morgan' },
        viewer: { mine: true },
      }),
    )

    // A retry after an uncertain send finds the share instead of sharing twice.
    const secrets = JSON.parse(readFileSync(join(dir, 'test-secrets.json'), 'utf8'))
    const adapter = createYammerNetwork(endpoints()).createAdapter({
      account,
      http: createHttp(),
      credentials: { get: async () => JSON.parse(secrets[account.id]), set: async () => {} },
    })
    const found = await adapter.findExisting!({ action: 'repost', remoteId: String(theirs.id) }, Date.now() - 5_000)
    expect(found?.item?.remoteId).toBe(String(shares()[0]!.id))
    // The user's feed shows the share as what it shares.
    const feed = await adapter.fetchPage({ id: 'c1', accountId: account.id, kind: 'home', title: 'My feed' }, undefined, 'newer')
    expect(feed.items.find((i) => i.remoteId === String(shares()[0]!.id))?.text).toBe(
      'Shared Jordan Blake: Release notes are ready for review.',
    )

    const undone = await done(core.handlers['items.act']({ itemId: `${account.id}/${theirs.id}`, action: 'unrepost' }))
    expect(undone.state, undone.error).toBe('sent')
    expect(shares()).toHaveLength(0)
    expect(fake.messages.some((m) => m.id === theirs.id)).toBe(true)
    expect(await adapter.findExisting!({ action: 'repost', remoteId: String(theirs.id) }, Date.now() - 5_000)).toBeNull()
  })
})
