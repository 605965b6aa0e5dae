// Bluesky people search for the mention autocomplete: app.bsky.actor.searchActorsTypeahead through
// @atproto/api on the fake PDS + AppView, signed in with an app password.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Account } from '../../../../../preload/model'
import { createHttp } from '../../../../../main/core/http/client'
import { createBlueskyNetwork } from '../../../../../main/networks/bluesky'
import type { Credentials, NetworkAdapter } from '../../../../../main/networks/types'
import { APP_PASSWORD, startFakeBluesky, type FakeBluesky } from '../../../../fakes/bluesky/server'

let fake: FakeBluesky
let account: Account
let stored: Credentials
const http = createHttp()
const noBrowser = () => Promise.reject(new Error('app-password sign-in opens no browser'))

beforeEach(async () => {
  fake = await startFakeBluesky()
  const result = await createBlueskyNetwork().signIn(
    { http, beginAuthorization: noBrowser },
    { network: 'bluesky', server: fake.url, identifier: 'alice.test', password: APP_PASSWORD },
  )
  account = result.account
  stored = result.credentials
})
afterEach(() => fake.close())

const adapter = (): NetworkAdapter =>
  createBlueskyNetwork().createAdapter({
    account,
    http,
    credentials: { get: async () => stored, set: async (c) => void (stored = c) },
  })

describe('Bluesky people search', () => {
  it('finds actors by the start of a handle or a word of the display name, with their DID', async () => {
    const bob = fake.world.bob
    expect(await adapter().searchPeople!('@bo')).toEqual([
      { id: bob.did, name: 'Bob Builder', handle: 'bob.test', avatarUrl: `${fake.url}/img/avatar/plain/${bob.did}/avatar@jpeg` },
    ])
    expect((await adapter().searchPeople!('CAFÉ')).map((p) => p.handle)).toEqual(['carol.test'])
  })

  it('leaves out a blocked account unless its handle is typed in full', async () => {
    expect(await adapter().searchPeople!('mal')).toEqual([])
    expect((await adapter().searchPeople!('mallory.test')).map((p) => p.name)).toEqual(['Mallory'])
  })

  it('offers at most 8, and nobody for an unknown name', async () => {
    for (let i = 0; i < 10; i++) fake.world.addUser(`tess${i}.test`, `Tess ${i}`)
    const people = await adapter().searchPeople!('tess')
    expect(people).toHaveLength(8)
    expect(people[0]).toMatchObject({ name: 'Tess 0', handle: 'tess0.test' })
    expect(await adapter().searchPeople!('zzyzx')).toEqual([])
  })

  it('offers nobody to a public source', async () => {
    const network = createBlueskyNetwork({ bluesky: { appview: fake.url } })
    const pub = await network.signIn({ http, beginAuthorization: noBrowser }, { network: 'bluesky', anonymous: true })
    const a = network.createAdapter({ account: pub.account, http, credentials: { get: async () => ({}), set: async () => {} } })
    expect(await a.searchPeople!('bo')).toEqual([])
  })
})
