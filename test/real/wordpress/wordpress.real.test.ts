// The WordPress adapter against real WordPress (Debian's package, seeded by seed.php): the REST
// root is discovered as the app does it, the comment columns and the posts feed read what the
// site holds, a comment thread is the post with its tree, and the moderator's writes (reply,
// approve, hold, spam, trash) change the real site, read back through the same adapter.
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Account, ColumnSpec } from '../../../preload/model'
import { createHttp } from '../../../main/core/http/client'
import { wordpressNetwork } from '../../../main/networks/wordpress'
import { discoverRestRoot } from '../../../main/networks/wordpress/auth'
import type { AdapterContext, Credentials } from '../../../main/networks/types'

interface Seed {
  url: string
  user: string
  password: string
  uuid: string
  post: number
  comments: { approved: number; reply: number; held: number; spam: number }
}
const seed = JSON.parse(readFileSync(process.env.WP_REAL_SEED ?? '', 'utf8')) as Seed
const http = createHttp()
let ctx: AdapterContext
let credentials: Credentials

const col = (kind: ColumnSpec['kind']): ColumnSpec => ({ id: kind, accountId: ctx.account.id, kind, title: kind })

beforeAll(async () => {
  const root = await discoverRestRoot(http, new URL(seed.url))
  const account: Account = {
    id: 'wordpress:real',
    network: 'wordpress',
    side: 'external',
    handle: `${seed.user}@real`,
    displayName: 'Real',
    server: root,
  }
  credentials = { user: seed.user, password: seed.password, uuid: seed.uuid }
  ctx = { account, http, credentials: { get: async () => credentials, set: async (c) => void (credentials = c) } }
})

describe('real WordPress', () => {
  it('announces its REST root and application passwords (local environment over http)', async () => {
    expect(ctx.account.server).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/(wp-json\/|index\.php\?rest_route=\/)$/)
    const index = await http.json(
      { url: `${seed.url}/?rest_route=/` },
      (await import('../../../main/networks/wordpress/schemas')).RestIndexSchema,
    )
    expect(JSON.stringify(index.data.authentication)).toContain('authorize-application.php')
  })

  it('lists comments by status and the posts feed', async () => {
    const adapter = wordpressNetwork.createAdapter(ctx)
    const held = await adapter.fetchPage(col('held'), undefined, 'newer')
    expect(held.items.map((i) => [i.text, i.moderation])).toEqual([['Is there a Linux build?', 'hold']])
    const approved = await adapter.fetchPage(col('comments'), undefined, 'newer')
    expect(approved.items.map((i) => i.text).sort()).toEqual(['Love the new export screen!', 'Thanks Dana!'])
    const spam = await adapter.fetchPage(col('spam'), undefined, 'newer')
    expect(spam.items.map((i) => i.author.name)).toEqual(['Spammer'])
    const posts = await adapter.fetchPage(col('posts'), undefined, 'newer')
    expect(posts.items.map((i) => i.text)).toContain('Release 2.4 is out\nFaster sync and a new export screen.')
    const again = await adapter.fetchPage(col('held'), held.cursor, 'newer')
    expect(again.items).toEqual([])
  })

  it('reads a comment thread as the post with its comment tree', async () => {
    const adapter = wordpressNetwork.createAdapter(ctx)
    const thread = await adapter.fetchThread(`comment:${seed.comments.reply}`)
    expect(thread.rootId).toBe(`wordpress:real/post:${seed.post}`)
    expect(thread.items.map((i) => i.remoteId)).toEqual([
      `post:${seed.post}`,
      `comment:${seed.comments.approved}`,
      `comment:${seed.comments.reply}`,
      `comment:${seed.comments.held}`,
    ])
    expect(thread.items[2]!.parentId).toBe(`wordpress:real/comment:${seed.comments.approved}`)
  })

  it("replies to a comment and moderates: approve, hold, spam, trash — each read back (the outbox's write methods)", async () => {
    const adapter = wordpressNetwork.createAdapter(ctx)
    const moderate = async (ref: string, action: 'approve' | 'hold' | 'spam' | 'trash') =>
      (await adapter.moderate!(ref, action)).item!
    const reply = (
      await adapter.reply!({ text: 'Yes, an AppImage and a .deb.', replyTo: `comment:${seed.comments.held}` }, 'key-1')
    ).item!
    expect(reply).toMatchObject({
      text: 'Yes, an AppImage and a .deb.',
      moderation: 'approved',
      parentId: `wordpress:real/comment:${seed.comments.held}`,
    })

    expect((await moderate(`comment:${seed.comments.held}`, 'approve')).moderation).toBe('approved')
    const approved = await adapter.fetchPage(col('comments'), undefined, 'newer')
    expect(approved.items.map((i) => i.text)).toEqual(
      expect.arrayContaining(['Is there a Linux build?', 'Yes, an AppImage and a .deb.']),
    )

    expect((await moderate(`comment:${seed.comments.approved}`, 'hold')).moderation).toBe('hold')
    expect((await adapter.fetchPage(col('held'), undefined, 'newer')).items.map((i) => i.text)).toEqual([
      'Love the new export screen!',
    ])

    expect((await moderate(`comment:${seed.comments.approved}`, 'spam')).moderation).toBe('spam')
    expect((await adapter.fetchPage(col('spam'), undefined, 'newer')).items).toHaveLength(2)

    expect((await moderate(`comment:${seed.comments.spam}`, 'trash')).moderation).toBe('hidden')
    expect((await adapter.fetchPage(col('spam'), undefined, 'newer')).items.map((i) => i.text)).toEqual([
      'Love the new export screen!',
    ])
  })

  it('a wrong application password is refused as an auth failure', async () => {
    const bad: AdapterContext = {
      ...ctx,
      credentials: { get: async () => ({ ...credentials, password: 'xxxx xxxx xxxx xxxx xxxx xxxx' }), set: async () => {} },
    }
    await expect(wordpressNetwork.createAdapter(bad).fetchPage(col('held'), undefined, 'newer')).rejects.toMatchObject({
      kind: 'auth',
    })
  })

  it('signing out deletes the application password at the site', async () => {
    await wordpressNetwork.signOut({ http, account: ctx.account, credentials })
    await expect(wordpressNetwork.createAdapter(ctx).fetchPage(col('held'), undefined, 'newer')).rejects.toMatchObject({
      kind: 'auth',
    })
  })
})
