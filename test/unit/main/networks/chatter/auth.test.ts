import { describe, expect, it } from 'vitest'
import { UserError } from '../../../../../main/core/errors'
import { readCredentials, resolveLoginHost } from '../../../../../main/networks/chatter/auth'
import { chatterNetwork } from '../../../../../main/networks/chatter'
import { resolveApiUrl } from '../../../../../main/networks/chatter/session'

describe('chatter login host', () => {
  it('knows the two Salesforce login hosts and My Domain URLs', () => {
    expect(resolveLoginHost('login')).toBe('https://login.salesforce.com')
    expect(resolveLoginHost(undefined)).toBe('https://login.salesforce.com')
    expect(resolveLoginHost(' Test ')).toBe('https://test.salesforce.com')
    expect(resolveLoginHost('acme.my.salesforce.com')).toBe('https://acme.my.salesforce.com')
    expect(resolveLoginHost('https://acme.my.salesforce.com/lightning/page/home')).toBe('https://acme.my.salesforce.com')
    expect(resolveLoginHost('http://127.0.0.1:4002')).toBe('http://127.0.0.1:4002')
  })

  it('refuses plain http off loopback, other schemes and garbage with a clear message', () => {
    for (const bad of [
      'http://acme.my.salesforce.com',
      'ftp://acme.example',
      'https://user:pw@acme.example',
      'not a host at all',
    ]) {
      let error: unknown
      try {
        resolveLoginHost(bad)
      } catch (e) {
        error = e
      }
      expect(error, bad).toBeInstanceOf(UserError)
      expect(error).toMatchObject({ code: 'invalid-login-host', message: expect.stringContaining('My Domain URL') })
    }
  })

  it('treats incomplete stored credentials as a session that has ended', () => {
    expect(() => readCredentials({ accessToken: 'x' })).toThrow(/sign in again/)
  })
})

describe('chatter API URLs', () => {
  const instance = 'https://acme.my.salesforce.com'
  it('resolves relative URLs against the instance', () => {
    expect(resolveApiUrl(instance, '/services/data/v62.0/chatter/users/me')).toBe(
      'https://acme.my.salesforce.com/services/data/v62.0/chatter/users/me',
    )
    expect(resolveApiUrl(instance, `${instance}/services/data/v62.0/chatter/feeds/news/me/feed-elements?page=x`)).toContain(
      '?page=x',
    )
  })
  it('refuses other hosts and paths outside the API', () => {
    expect(() => resolveApiUrl(instance, 'https://evil.example/services/data/v62.0/x')).toThrow(/another host/)
    expect(() => resolveApiUrl(instance, '//evil.example/services/data/v62.0/x')).toThrow(/another host/)
    expect(() => resolveApiUrl(instance, '/secur/logout.jsp')).toThrow(/outside its API/)
  })
})

describe('chatter network definition', () => {
  it('declares the columns, fields and a poll of at least a minute', () => {
    expect(chatterNetwork.info).toMatchObject({ id: 'chatter', side: 'internal', signInFields: ['loginHost', 'clientId'] })
    expect(chatterNetwork.info.columnKinds.map((k) => k.kind)).toEqual(['home', 'mentions', 'group'])
    expect(chatterNetwork.info.defaultColumns).toEqual([{ kind: 'home' }, { kind: 'mentions' }])
    expect(chatterNetwork.defaultPollMs).toBeGreaterThanOrEqual(60_000)
    expect(chatterNetwork.columnTitle('home', undefined)).toBe('News feed')
    expect(chatterNetwork.columnTitle('mentions', undefined)).toBe('Mentions')
    expect(chatterNetwork.columnTitle('group', '0F95g0000000001AAA')).toBe('Group')
  })
})
