// Chatter people search for the mention autocomplete: /chatter/users?q= on the fake org, signed
// in through the fake's consent page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttp } from '../../../../../main/core/http/client'
import { chatterNetwork } from '../../../../../main/networks/chatter'
import { API_VERSION } from '../../../../../main/networks/chatter/schemas'
import type { NetworkAdapter } from '../../../../../main/networks/types'
import { signInTo } from '../../core/outbox/sign-in'
import { startFakeChatter, type FakeChatter } from '../../../../fakes/chatter/server'

let fake: FakeChatter
let adapter: () => NetworkAdapter
let accessToken: string
const http = createHttp()

beforeEach(async () => {
  fake = await startFakeChatter()
  const result = await signInTo(chatterNetwork, http, {
    network: 'chatter',
    loginHost: fake.url,
    clientId: 'crosstalk-demo-key',
  })
  const { account, credentials } = result
  adapter = () => chatterNetwork.createAdapter({ account, http, credentials })
  accessToken = credentials.current().accessToken!
})
afterEach(() => fake.close())

describe('Chatter people search', () => {
  it('finds colleagues by the start of their first or last name, with their user id and username', async () => {
    const priya = fake.colleagues.find((c) => c.name === 'Priya Natarajan')!
    expect(await adapter().searchPeople!('pri')).toEqual([
      {
        id: priya.id,
        name: 'Priya Natarajan',
        handle: 'priya.natarajan@acme.example',
        avatarUrl: `${fake.url}/profilephoto/${priya.id}/T`,
      },
    ])
    expect(priya.id).toMatch(/^005/)
    expect((await adapter().searchPeople!('NATA')).map((p) => p.name)).toEqual(['Priya Natarajan'])
    expect((await adapter().searchPeople!('sam ok')).map((p) => p.name)).toEqual(['Sam Okafor'])
  })

  it('offers at most 8, nobody for an unknown name, and asks nothing for a single letter', async () => {
    for (const last of ['Adams', 'Baker', 'Clark', 'Davis', 'Evans', 'Foster', 'Grant', 'Hughes', 'Irwin', 'Jones'])
      fake.addUser('Terry', last)
    expect(await adapter().searchPeople!('ter')).toHaveLength(8)
    expect(await adapter().searchPeople!('zzyzx')).toEqual([])
    // Salesforce refuses a search term shorter than two characters.
    expect(await adapter().searchPeople!('p')).toEqual([])
    const short = await fetch(`${fake.url}/services/data/${API_VERSION}/chatter/users?q=p*`, {
      headers: { authorization: `Bearer ${accessToken}` },
    })
    expect(short.status).toBe(400)
  })

  it('is refused without a valid session', async () => {
    const res = await fetch(`${fake.url}/services/data/${API_VERSION}/chatter/users?q=pri*`)
    expect(res.status).toBe(401)
  })
})
