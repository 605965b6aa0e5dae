// The account registry: sign-in order (keychain check before any browser), credentials in the
// keychain only, re-sign-in, sign-out with a failing revoke, needsSignIn, item id resolution.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Account } from '../../../../../preload/model'
import { createLoopbackAuthorizer } from '../../../../../main/core/accounts/loopback'
import { createAccountRegistry } from '../../../../../main/core/accounts/registry'
import type { Logger } from '../../../../../main/core/capabilities'
import { UserError } from '../../../../../main/core/errors'
import { createHttp } from '../../../../../main/core/http/client'
import { createMemorySecretStore } from '../../../../../main/core/secrets/memory-store'
import type { SecretStore } from '../../../../../main/core/secrets/secret-store'
import { keychainUnavailable } from '../../../../../main/core/secrets/secret-store'
import { createWorkspaceFiles } from '../../../../../main/core/workspace/files'
import { createManualClock } from '../polling/manual-clock'
import { approveInBrowser, createTestNetwork, type TestNetwork } from '../test-network'

let dir: string
let opened: string[]
let changes: Account[][]
let warnings: string[]
let testnet: TestNetwork
const logger: Logger = { info: () => {}, warn: (m) => void warnings.push(m), error: () => {} }
const clock = createManualClock()

function registry(secrets: SecretStore = createMemorySecretStore()) {
  const loopback = createLoopbackAuthorizer({
    openUrl: async (url) => {
      opened.push(url)
      void approveInBrowser(url).catch(() => {})
    },
    clock,
    logger,
  })
  const files = createWorkspaceFiles({ dataDir: dir, clock, logger })
  const r = createAccountRegistry({
    file: files.accounts,
    secrets,
    networks: [testnet.network],
    http: createHttp(),
    logger,
    beginAuthorization: () => loopback.begin(),
    onChange: (a) => changes.push(a),
  })
  return { r, secrets, files }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-accounts-'))
  opened = []
  changes = []
  warnings = []
  testnet = createTestNetwork()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('account registry', () => {
  it('signs in through the loopback flow, keeps the token in the secret store only, and persists the account', async () => {
    const { r, secrets } = registry()
    await r.load()
    const account = await r.signIn({ network: 'mastodon', server: 'alice' })
    expect(account).toEqual({ id: 'test:alice', network: 'mastodon', side: 'external', handle: '@alice', displayName: 'ALICE' })
    expect(opened).toHaveLength(1)
    const token = testnet.tokens[0]!
    expect(JSON.parse((await secrets.get('test:alice'))!)).toEqual({ accessToken: token, refreshToken: `refresh-${token}` })
    expect(readFileSync(join(dir, 'accounts.json'), 'utf8')).not.toContain(token)
    expect(changes).toEqual([[account]])

    const again = registry(secrets).r
    await again.load()
    expect(again.list()).toEqual([account])
  })

  it('checks the keychain before opening any browser, and stores nothing when it is unavailable', async () => {
    const broken: SecretStore = {
      get: () => Promise.reject(keychainUnavailable()),
      set: () => Promise.reject(keychainUnavailable()),
      delete: () => Promise.reject(keychainUnavailable()),
      check: () => Promise.reject(keychainUnavailable()),
    }
    const { r } = registry(broken)
    await r.load()
    await expect(r.signIn({ network: 'mastodon', server: 'alice' })).rejects.toMatchObject({ code: 'keychain-unavailable' })
    expect(opened).toEqual([])
    expect(r.list()).toEqual([])
  })

  it('adds a public source without the keychain or a browser, and removes it without revoking anything', async () => {
    const broken: SecretStore = {
      get: () => Promise.reject(keychainUnavailable()),
      set: () => Promise.reject(keychainUnavailable()),
      delete: () => Promise.reject(keychainUnavailable()),
      check: () => Promise.reject(keychainUnavailable()),
    }
    const { r } = registry(broken)
    await r.load()
    const account = await r.signIn({ network: 'mastodon', server: 'social.example', anonymous: true })
    expect(account).toMatchObject({ id: 'test:public@social.example', anonymous: true })
    expect(opened).toEqual([])
    expect(r.list()).toEqual([account])
    await r.signOut(account.id)
    expect(testnet.revoked).toEqual([])
    expect(r.list()).toEqual([])
  })

  it('refuses a public source on a network that needs an account', async () => {
    testnet.network.info.access = 'account'
    const { r } = registry()
    await r.load()
    await expect(r.signIn({ network: 'mastodon', server: 'x', anonymous: true })).rejects.toMatchObject({
      code: 'sign-in-required',
    })
    expect(r.list()).toEqual([])
  })

  it('signing in again to the same account replaces its credentials and clears needsSignIn', async () => {
    const { r, secrets } = registry()
    await r.load()
    await r.signIn({ network: 'mastodon', server: 'alice' })
    const firstAdapter = r.adapter(r.require('test:alice'))
    await r.markNeedsSignIn('test:alice')
    expect(r.get('test:alice')?.needsSignIn).toBe(true)
    await r.signIn({ network: 'mastodon', server: 'alice' })
    expect(r.list()).toHaveLength(1)
    expect(r.get('test:alice')?.needsSignIn).toBeUndefined()
    expect(JSON.parse((await secrets.get('test:alice'))!).accessToken).toBe(testnet.tokens[1])
    expect(r.adapter(r.require('test:alice'))).not.toBe(firstAdapter)
  })

  it('one adapter per account, created on first use, reading credentials through the keychain', async () => {
    const { r } = registry()
    await r.load()
    await r.signIn({ network: 'mastodon', server: 'alice' })
    const account = r.require('test:alice')
    const adapter = r.adapter(account)
    expect(r.adapter(account)).toBe(adapter)
    await adapter.listTargets('home')
    expect(testnet.adapters.get('test:alice')!.tokensSeen).toEqual([testnet.tokens[0]])
  })

  it('signs out: revokes, deletes the keychain entry, forgets the account', async () => {
    const { r, secrets } = registry()
    await r.load()
    await r.signIn({ network: 'mastodon', server: 'alice' })
    await r.signOut('test:alice')
    expect(testnet.revoked).toEqual([testnet.tokens[0]])
    expect(await secrets.get('test:alice')).toBeNull()
    expect(r.list()).toEqual([])
    expect(changes.at(-1)).toEqual([])
  })

  it('a failing revoke is logged and the local sign-out still happens', async () => {
    const { r, secrets } = registry()
    await r.load()
    await r.signIn({ network: 'mastodon', server: 'alice' })
    testnet.failRevoke = true
    await r.signOut('test:alice')
    expect(warnings.join('\n')).toContain('Could not revoke the sign-in of @alice at Testnet')
    expect(await secrets.get('test:alice')).toBeNull()
    expect(r.list()).toEqual([])
  })

  it('marks needsSignIn once, persisted', async () => {
    const { r, secrets } = registry()
    await r.load()
    await r.signIn({ network: 'mastodon', server: 'alice' })
    await r.markNeedsSignIn('test:alice')
    await r.markNeedsSignIn('test:alice')
    await r.markNeedsSignIn('test:nobody')
    expect(changes).toHaveLength(2)
    const again = registry(secrets).r
    await again.load()
    expect(again.get('test:alice')?.needsSignIn).toBe(true)
  })

  it('resolves item ids by account id prefix (ids contain ":"), the longest match winning', async () => {
    const { r } = registry()
    await r.load()
    await r.signIn({ network: 'mastodon', server: 'alice' })
    await r.signIn({ network: 'mastodon', server: 'alice:x' })
    expect(r.resolveItem('test:alice/123')).toMatchObject({ account: { id: 'test:alice' }, remoteId: '123' })
    expect(r.resolveItem('test:alice:x/9/8')).toMatchObject({ account: { id: 'test:alice:x' }, remoteId: '9/8' })
    expect(() => r.resolveItem('test:carol/1')).toThrow(UserError)
    expect(() => r.resolveItem('test:alice/')).toThrow(UserError)
  })

  it('unknown accounts and networks are UserErrors', async () => {
    const { r } = registry()
    await r.load()
    expect(() => r.require('nope')).toThrow(new UserError('unknown-account', 'That account is not signed in (any more).'))
    await expect(r.signIn({ network: 'chatter', loginHost: 'login', clientId: 'x' })).rejects.toMatchObject({
      code: 'unknown-network',
    })
    await expect(r.signOut('nope')).rejects.toMatchObject({ code: 'unknown-account' })
  })
})
