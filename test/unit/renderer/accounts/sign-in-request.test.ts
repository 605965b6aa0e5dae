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

describe('buildSignInRequest for public sources and relabelled fields', () => {
  const rss = {
    ...mastodon,
    id: 'rss' as const,
    name: 'RSS / Atom',
    access: 'public' as const,
    signInFields: [],
    publicFields: [],
  }
  const publicMastodon = { ...mastodon, access: 'account-or-public' as const, publicFields: ['server' as const] }
  const bluesky = {
    ...mastodon,
    id: 'bluesky' as const,
    name: 'Bluesky',
    signInFields: ['identifier' as const, 'password' as const],
    fieldLabels: { identifier: { label: 'Handle', placeholder: 'alice.bsky.social' }, password: { label: 'App password' } },
  }

  it('a network with public access only always sends anonymous', () => {
    expect(buildSignInRequest(rss, emptySignInForm)).toEqual({ ok: true, request: { network: 'rss', anonymous: true } })
  })

  it('public columns of a server send only the public fields', () => {
    const r = buildSignInRequest(publicMastodon, { ...emptySignInForm, anonymous: true, server: 'social.example' })
    expect(r).toEqual({ ok: true, request: { network: 'mastodon', anonymous: true, server: 'social.example' } })
    // Unticked: a normal sign-in.
    expect(buildSignInRequest(publicMastodon, { ...emptySignInForm, server: 's' })).toEqual({
      ok: true,
      request: { network: 'mastodon', server: 's' },
    })
  })

  it('names a missing field with the network’s own label, and keeps a password as typed', () => {
    const missing = buildSignInRequest(bluesky, { ...emptySignInForm, password: 'x' })
    expect(missing).toEqual({ ok: false, message: 'Enter the handle, for example alice.bsky.social.' })
    const r = buildSignInRequest(bluesky, { ...emptySignInForm, identifier: ' alice.test ', password: ' pw pw ' })
    expect(r).toEqual({ ok: true, request: { network: 'bluesky', identifier: 'alice.test', password: ' pw pw ' } })
  })
})
