// Chatter people search for the mention autocomplete: /chatter/users?q= on the fake org, signed
// in through the core's loopback listener.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Account } from '../../../../../preload/model'
import { createLoopbackAuthorizer } from '../../../../../main/core/accounts/loopback'
import { silentLogger, systemClock } from '../../../../../main/core/capabilities'
import { createHttp } from '../../../../../main/core/http/client'
import { chatterNetwork } from '../../../../../main/networks/chatter'
import { API_VERSION } from '../../../../../main/networks/chatter/schemas'
import type { Credentials, NetworkAdapter } from '../../../../../main/networks/types'
import { driveConsent } from '../../../../fakes/common/consent-driver'
import { startFakeChatter, type FakeChatter } from '../../../../fakes/chatter/server'

let fake: FakeChatter
let account: Account
let credentials: Credentials
const http = createHttp()

const signInContext = () => {
  const loopback = createLoopbackAuthorizer({
    clock: systemClock,
    logger: silentLogger,
    openUrl: async (url) => {
      await fetch(await driveConsent(url, 'approve'))
    },
  })
  return { http, beginAuthorization: () => loopback.begin() }
}
const adapter = (): NetworkAdapter =>
  chatterNetwork.createAdapter({
    account,
    http,
    credentials: { get: async () => credentials, set: async (c) => void (credentials = c) },
  })

beforeEach(async () => {
  fake = await startFakeChatter()
  const result = await chatterNetwork.signIn(signInContext(), {
    network: 'chatter',
    loginHost: fake.url,
    clientId: 'crosstalk-demo-key',
  })
  account = result.account
  credentials = result.credentials
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
      headers: { authorization: `Bearer ${credentials.accessToken}` },
    })
    expect(short.status).toBe(400)
  })

  it('is refused without a valid session', async () => {
    const res = await fetch(`${fake.url}/services/data/${API_VERSION}/chatter/users?q=pri*`)
    expect(res.status).toBe(401)
  })
})
