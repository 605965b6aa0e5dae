// Mastodon people search for the mention autocomplete: /api/v1/accounts/search on the fake
// instance, signed in through the fake's consent page; a public source offers nobody.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttp } from '../../../../../main/core/http/client'
import { mastodonNetwork } from '../../../../../main/networks/mastodon'
import type { NetworkAdapter } from '../../../../../main/networks/types'
import { signInTo } from '../../core/outbox/sign-in'
import { startFakeMastodon, type FakeMastodon } from '../../../../fakes/mastodon/server'

let fake: FakeMastodon
let adapter: () => NetworkAdapter
const http = createHttp()

beforeEach(async () => {
  fake = await startFakeMastodon()
  const result = await signInTo(mastodonNetwork, http, { network: 'mastodon', server: fake.url })
  const { account, credentials } = result
  adapter = () => mastodonNetwork.createAdapter({ account, http, credentials })
})
afterEach(() => fake.close())

describe('Mastodon people search', () => {
  it('finds accounts by the start of a name or handle, with the acct write.ts mentions by', async () => {
    expect(await adapter().searchPeople!('al')).toEqual([
      { id: '2071', name: 'Alice Moreau', handle: 'alice', avatarUrl: `${fake.url}/system/avatars/alice.svg` },
    ])
    const byName = await adapter().searchPeople!('volk')
    expect(byName.map((p) => p.handle)).toEqual(['dmitri@hachyderm.example'])
    const remote = await adapter().searchPeople!('@Bob@fosstodon.example')
    expect(remote).toEqual([expect.objectContaining({ id: '109458', name: 'Bob Okafor', handle: 'bob@fosstodon.example' })])
  })

  it('offers at most 8, and nobody for an unknown name', async () => {
    for (let i = 0; i < 10; i++) fake.addAccount({ username: `tester${i}`, displayName: `Tess Tester ${i}`, followers: i })
    const people = await adapter().searchPeople!('tes')
    expect(people).toHaveLength(8)
    // The most followed first, as the server ranks them.
    expect(people[0]).toMatchObject({ name: 'Tess Tester 9', handle: 'tester9' })
    expect(await adapter().searchPeople!('zzyzx')).toEqual([])
  })

  it('is refused without a token, and a public source offers nobody', async () => {
    const anonymous = await fetch(`${fake.url}/api/v1/accounts/search?q=al`)
    expect(anonymous.status).toBe(401)
    const pub = await mastodonNetwork.signIn(
      { http, beginAuthorization: () => Promise.reject(new Error('no browser')) },
      { network: 'mastodon', server: fake.url, anonymous: true },
    )
    const publicAdapter = mastodonNetwork.createAdapter({
      account: pub.account,
      http,
      credentials: { get: () => Promise.reject(new Error('no keychain')), set: () => Promise.reject(new Error('no')) },
    })
    expect(await publicAdapter.searchPeople!('al')).toEqual([])
  })
})
