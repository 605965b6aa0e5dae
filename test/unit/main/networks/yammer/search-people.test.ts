// Viva Engage people search for the mention autocomplete: autocomplete/ranked on the fake Yammer
// API, signed in through the fake's consent page and the fake Microsoft consent page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttp } from '../../../../../main/core/http/client'
import { createYammerNetwork } from '../../../../../main/networks/yammer'
import type { NetworkAdapter, NetworkDefinition } from '../../../../../main/networks/types'
import { signInTo } from '../../core/outbox/sign-in'
import { CLIENT_ID, TENANT, startFakeYammer, type FakeYammer } from '../../../../fakes/yammer/server'

let fake: FakeYammer
let network: NetworkDefinition
let adapter: () => NetworkAdapter
const http = createHttp()

beforeEach(async () => {
  fake = await startFakeYammer()
  network = createYammerNetwork({ yammer: { identity: fake.url, api: fake.url } })
  const result = await signInTo(network, http, { network: 'yammer', clientId: CLIENT_ID, tenant: TENANT })
  const { account, credentials } = result
  adapter = () => network.createAdapter({ account, http, credentials })
})
afterEach(() => fake.close())

describe('Viva Engage people search', () => {
  it('finds people by the start of a name or username, with the user id [[user:id]] mentions take', async () => {
    expect(await adapter().searchPeople!('Pri')).toEqual([
      { id: '1002', name: 'Priya Natarajan', handle: 'priya', avatarUrl: `${fake.url}/mugshot/1002.png` },
    ])
    expect((await adapter().searchPeople!('blake')).map((p) => p.id)).toEqual(['1003'])
  })

  it('ranks the most active first, offers at most 8, and nobody for an unknown name', async () => {
    fake.addUser({ full_name: 'Paul Quiet', email: 'paul@contoso.com' })
    // Priya wrote most of the seeded messages.
    expect((await adapter().searchPeople!('p')).map((p) => p.name)).toEqual(['Priya Natarajan', 'Paul Quiet'])
    for (let i = 0; i < 10; i++) fake.addUser({ full_name: `Tess Tester ${i}`, email: `tess${i}@contoso.com` })
    expect(await adapter().searchPeople!('tes')).toHaveLength(8)
    expect(await adapter().searchPeople!('zzyzx')).toEqual([])
  })

  it('is refused without a valid token', async () => {
    const res = await fetch(`${fake.url}/api/v1/autocomplete/ranked?prefix=pri&models=user:8`)
    expect(res.status).toBe(401)
  })
})
