import { describe, expect, it } from 'vitest'
import { buildSignInRequest, emptySignInForm } from '../../../../renderer/accounts/sign-in-request'
import { networks } from '../fixtures'

const mastodon = networks[0]!
const chatter = networks[1]!

describe('buildSignInRequest', () => {
  it('sends only the fields the network declares', () => {
    const r = buildSignInRequest(mastodon, { ...emptySignInForm, server: ' social.example ', clientId: 'ignored' })
    expect(r).toEqual({ ok: true, request: { network: 'mastodon', server: 'social.example' } })
  })

  it('asks for the server when it is empty', () => {
    const r = buildSignInRequest(mastodon, emptySignInForm)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.message).toMatch(/server/)
  })

  it('sends the My Domain URL itself as the login host', () => {
    const r = buildSignInRequest(chatter, {
      ...emptySignInForm,
      loginHost: 'my-domain',
      myDomainUrl: 'https://acme.my.salesforce.com',
      clientId: 'key',
    })
    expect(r).toEqual({ ok: true, request: { network: 'chatter', loginHost: 'https://acme.my.salesforce.com', clientId: 'key' } })
    const sandbox = buildSignInRequest(chatter, { ...emptySignInForm, loginHost: 'test', clientId: 'key' })
    expect(sandbox).toEqual({ ok: true, request: { network: 'chatter', loginHost: 'test', clientId: 'key' } })
  })

  it('refuses a missing My Domain URL or consumer key', () => {
    expect(buildSignInRequest(chatter, { ...emptySignInForm, loginHost: 'my-domain', clientId: 'key' }).ok).toBe(false)
    expect(buildSignInRequest(chatter, { ...emptySignInForm, clientId: '  ' }).ok).toBe(false)
  })
})
