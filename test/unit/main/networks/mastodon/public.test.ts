// A Mastodon server's public timelines without an account: verified through /api/v2/instance,
// read without any token, and nothing that needs a sign-in is offered.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Account, ColumnSpec } from '../../../../../preload/model'
import { createHttp } from '../../../../../main/core/http/client'
import { mastodonNetwork } from '../../../../../main/networks/mastodon'
import { startFakeMastodon, type FakeMastodon } from '../../../../fakes/mastodon/server'

let fake: FakeMastodon
let account: Account
const http = createHttp()
const noBrowser = () => Promise.reject(new Error('a public source must not open a browser'))

beforeEach(async () => {
  fake = await startFakeMastodon()
  const result = await mastodonNetwork.signIn(
    { http, beginAuthorization: noBrowser },
    { network: 'mastodon', server: fake.url, anonymous: true },
  )
  account = result.account
  expect(result.credentials).toEqual({})
})
afterEach(() => fake.close())

const adapter = () =>
  mastodonNetwork.createAdapter({
    account,
    http,
    credentials: {
      get: () => Promise.reject(new Error('no keychain for a public source')),
      set: () => Promise.reject(new Error('no')),
    },
  })
const col = (kind: ColumnSpec['kind'], target?: string): ColumnSpec => ({
  id: kind,
  accountId: account.id,
  kind,
  target,
  title: kind,
})

describe('Mastodon without an account', () => {
  it('adds the server as a public source, named from its instance info', () => {
    expect(account).toMatchObject({
      id: `mastodon:public@${new URL(fake.url).host}`,
      anonymous: true,
      server: fake.url,
      handle: new URL(fake.url).host,
      displayName: 'Fake Mastodon (public)',
    })
    expect(fake.tokens().issued).toEqual([])
    const publicKinds = mastodonNetwork.info.columnKinds.filter((k) => k.public).map((k) => k.kind)
    expect(publicKinds.sort()).toEqual(['hashtag', 'public'])
    expect(mastodonNetwork.info.publicDefaultColumns).toEqual([{ kind: 'public' }])
  })

  it('reads the public timeline and a hashtag with no token, and threads too', async () => {
    fake.addStatus({ text: 'Hello #meetup friends', tag: 'meetup' })
    const pub = await adapter().fetchPage(col('public'), undefined, 'newer')
    expect(pub.items.length).toBeGreaterThan(0)
    const tag = await adapter().fetchPage(col('hashtag', 'meetup'), undefined, 'newer')
    expect(tag.items.map((i) => i.text)).toContain('Hello #meetup friends')
    const thread = await adapter().fetchThread(tag.items[0]!.remoteId)
    expect(thread.items.length).toBeGreaterThan(0)
  })

  it('the home timeline needs a token: the server says so', async () => {
    await expect(adapter().fetchPage(col('home'), undefined, 'newer')).rejects.toMatchObject({ kind: 'auth' })
  })

  it('a server that is not Mastodon is refused clearly', async () => {
    await expect(
      mastodonNetwork.signIn(
        { http, beginAuthorization: noBrowser },
        { network: 'mastodon', server: 'http://127.0.0.1:9', anonymous: true },
      ),
    ).rejects.toMatchObject({ kind: 'offline' })
  })
})
