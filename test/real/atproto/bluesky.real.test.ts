// The app's Bluesky network against the AT Protocol reference servers (dev-env: PLC, PDS,
// AppView): sign in with a real app password, read the timeline, notifications and a thread that
// two real accounts wrote, with their likes, and survive an expired session through refreshSession.
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Account, ColumnSpec } from '../../../preload/model'
import { createHttp } from '../../../main/core/http/client'
import { createBlueskyNetwork } from '../../../main/networks/bluesky'
import type { Credentials, NetworkAdapter } from '../../../main/networks/types'

interface Seed {
  pdsUrl: string
  appviewUrl: string
  alice: { handle: string; did: string; appPassword: string }
  bob: { handle: string; did: string }
  posts: { hello: string; mine: string; reply: string }
}
const seed = JSON.parse(readFileSync(process.env.ATP_REAL_SEED ?? '', 'utf8')) as Seed
const http = createHttp()
const network = createBlueskyNetwork({ bluesky: { appview: seed.appviewUrl } })
let account: Account
let credentials: Credentials
let adapter: NetworkAdapter
const col = (kind: ColumnSpec['kind'], target?: string): ColumnSpec => ({
  id: kind,
  accountId: account.id,
  kind,
  target,
  title: kind,
})

beforeAll(async () => {
  const result = await network.signIn(
    { http, beginAuthorization: () => Promise.reject(new Error('no browser')) },
    { network: 'bluesky', server: seed.pdsUrl, identifier: seed.alice.handle, password: seed.alice.appPassword },
  )
  account = result.account
  credentials = result.credentials
  adapter = network.createAdapter({
    account,
    http,
    credentials: { get: async () => credentials, set: async (c) => void (credentials = c) },
  })
})

describe('Bluesky against the reference servers', () => {
  it('signs in with a real app password', () => {
    expect(account).toMatchObject({ id: `bluesky:${seed.alice.did}`, handle: `@${seed.alice.handle}` })
    expect(credentials.accessJwt?.split('.')).toHaveLength(3)
  })

  it('the timeline shows what Bob (followed) and Alice wrote, with the like counts', async () => {
    const page = await adapter.fetchPage(col('home'), undefined, 'newer')
    const texts = page.items.map((i) => i.text)
    expect(texts).toEqual(
      expect.arrayContaining(['Hello from Bob: the #community call is Thursday', 'Alice here: roadmap notes are up']),
    )
    const hello = page.items.find((i) => i.remoteId === seed.posts.hello)!
    expect(hello.counts?.likes).toBe(1)
    expect(hello.author).toMatchObject({ id: seed.bob.did, handle: `@${seed.bob.handle}` })
    expect(page.items.find((i) => i.remoteId === seed.posts.mine)!.counts).toMatchObject({ likes: 1, replies: 1 })
  })

  it('notifications bring the mention and the reply, as posts', async () => {
    const page = await adapter.fetchPage(col('mentions'), undefined, 'newer')
    const texts = page.items.map((i) => i.text)
    expect(texts).toEqual(
      expect.arrayContaining(['@alice.test can you check the export bug?', 'Bob replies: thanks for the notes']),
    )
    const mention = page.items.find((i) => i.text.startsWith('@alice.test'))!
    expect(mention.html).toContain(`href="https://bsky.app/profile/${encodeURIComponent(seed.alice.did)}"`)
  })

  it('a thread from getPostThread: root, then the reply', async () => {
    const thread = await adapter.fetchThread(seed.posts.reply)
    expect(thread.items.map((i) => i.remoteId)).toEqual([seed.posts.mine, seed.posts.reply])
    expect(thread.rootId).toBe(`${account.id}/${seed.posts.mine}`)
  })

  it('a later poll brings nothing new until someone posts', async () => {
    const first = await adapter.fetchPage(col('home'), undefined, 'newer')
    const again = await adapter.fetchPage(col('home'), first.cursor, 'newer')
    expect(again.items).toEqual([])
  })

  it('refreshes the session when the access token is refused, stores the new one, and keeps reading', async () => {
    const refreshBefore = credentials.refreshJwt
    const tampered = `${credentials.accessJwt!.slice(0, -4)}AAAA` // a token the PDS will not accept
    credentials = { ...credentials, accessJwt: tampered }
    const fresh = network.createAdapter({
      account,
      http,
      credentials: { get: async () => credentials, set: async (c) => void (credentials = c) },
    })
    const page = await fresh.fetchPage(col('home'), undefined, 'newer')
    expect(page.items.length).toBeGreaterThan(0)
    // The refresh JWT rotates (it carries a unique id); the access JWT may repeat within a second.
    expect(credentials.accessJwt).not.toBe(tampered)
    expect(credentials.refreshJwt).not.toBe(refreshBefore)
  })

  it('posts, replies and likes through the outbox write methods, and reads them back from the AppView', async () => {
    const poll = async <T>(get: () => Promise<T | undefined>, what: string): Promise<T> => {
      for (let i = 0; i < 60; i++) {
        const v = await get()
        if (v !== undefined) return v
        await new Promise((r) => setTimeout(r, 250))
      }
      throw new Error(`never saw ${what}`)
    }
    await adapter.post!({ text: 'Posted from Crosstalk #community' }, 'k1')
    await adapter.reply!({ text: 'Replying from Crosstalk', replyTo: seed.posts.hello }, 'k2')
    await adapter.like!(seed.posts.reply)
    const mine = await poll(async () => {
      const page = await adapter.fetchPage(col('home'), undefined, 'newer')
      const p = page.items.find((i) => i.text === 'Posted from Crosstalk #community')
      return p?.html?.includes('hashtag/community') ? p : undefined
    }, 'the new post in the timeline')
    expect(mine.author.id).toBe(seed.alice.did)
    const thread = await poll(async () => {
      const t = await adapter.fetchThread(seed.posts.hello)
      return t.items.some((i) => i.text === 'Replying from Crosstalk') ? t : undefined
    }, 'the reply in the thread')
    expect(thread.items[0]!.remoteId).toBe(seed.posts.hello)
    const liked = await poll(async () => {
      const t = await adapter.fetchThread(seed.posts.reply)
      const r = t.items.find((i) => i.remoteId === seed.posts.reply)
      return r?.counts?.likes === 1 ? r : undefined
    }, 'the like count')
    expect(liked.counts?.likes).toBe(1)
    // An uncertain post is found in the repo, so it is not sent twice.
    const again = await adapter.findExisting!(
      { action: 'post', draft: { text: 'Posted from Crosstalk #community' } },
      Date.now() - 60_000,
    )
    expect(again?.item?.text).toBe('Posted from Crosstalk #community')
  })

  it('hides Bob’s reply in Alice’s thread through the threadgate, and the AppView says so; shows it again', async () => {
    const poll = async <T>(get: () => Promise<T | undefined>, what: string): Promise<T> => {
      for (let i = 0; i < 60; i++) {
        const v = await get()
        if (v !== undefined) return v
        await new Promise((r) => setTimeout(r, 250))
      }
      throw new Error(`never saw ${what}`)
    }
    const hidden = await adapter.moderate!(seed.posts.reply, 'hide')
    expect(hidden.item?.moderation).toBe('hidden')
    const inThread = await poll(async () => {
      const t = await adapter.fetchThread(seed.posts.mine)
      const r = t.items.find((i) => i.remoteId === seed.posts.reply)
      return r?.moderation === 'hidden' ? r : undefined
    }, 'the reply marked hidden by the AppView')
    expect(inThread.viewer).toMatchObject({ canModerate: true })
    await adapter.moderate!(seed.posts.reply, 'unhide')
    await poll(async () => {
      const t = await adapter.fetchThread(seed.posts.mine)
      const r = t.items.find((i) => i.remoteId === seed.posts.reply)
      return r && r.moderation === undefined ? r : undefined
    }, 'the reply shown again')
  })

  it('posts an image with alt text (uploadBlob + images embed) and reads it back from the AppView', async () => {
    // A real 1×1 PNG: the PDS sniffs what it stores.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    )
    await adapter.post!(
      {
        text: 'A picture from Crosstalk',
        files: [{ name: 'dot.png', mimeType: 'image/png', size: png.length, bytes: new Uint8Array(png), description: 'A dot' }],
      },
      'k3',
    )
    for (let i = 0; i < 60; i++) {
      const page = await adapter.fetchPage(col('home'), undefined, 'newer')
      const p = page.items.find((x) => x.text === 'A picture from Crosstalk')
      if (p?.attachments?.length) {
        expect(p.attachments).toEqual([expect.objectContaining({ type: 'image', description: 'A dot' })])
        return
      }
      await new Promise((r) => setTimeout(r, 250))
    }
    throw new Error('never saw the post with its image')
  })
})
