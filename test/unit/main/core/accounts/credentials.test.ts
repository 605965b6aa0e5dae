import { describe, expect, it } from 'vitest'
import type { Account } from '../../../../../preload/model'
import { createCredentialsHandle } from '../../../../../main/core/accounts/credentials'
import { NetworkFailure } from '../../../../../main/core/errors'
import { createMemorySecretStore } from '../../../../../main/core/secrets/memory-store'

const alice: Account = { id: 'test:alice', network: 'mastodon', side: 'external', handle: '@alice', displayName: 'Alice' }

describe('credentials handle', () => {
  it('stores JSON under the account id and reads it back', async () => {
    const secrets = createMemorySecretStore()
    const handle = createCredentialsHandle(secrets, alice)
    await handle.set({ accessToken: 't1', refreshToken: 'r1' })
    expect(await secrets.get('test:alice')).toBe('{"accessToken":"t1","refreshToken":"r1"}')
    expect(await handle.get()).toEqual({ accessToken: 't1', refreshToken: 'r1' })
  })

  it('a missing or unreadable entry is an auth failure (sign in again), without echoing the stored value', async () => {
    const secrets = createMemorySecretStore()
    const handle = createCredentialsHandle(secrets, alice)
    await expect(handle.get()).rejects.toEqual(new NetworkFailure('auth', 'No stored sign-in for @alice in the keychain.'))
    await secrets.set('test:alice', 'not json tok-123')
    const error = await handle.get().catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'auth' })
    expect((error as Error).message).not.toContain('tok-123')
    await secrets.set('test:alice', '{"accessToken": 42}')
    await expect(handle.get()).rejects.toMatchObject({ kind: 'auth' })
  })

  it('a public source has empty credentials and never touches the keychain', async () => {
    const secrets = createMemorySecretStore()
    const handle = createCredentialsHandle(secrets, { ...alice, anonymous: true })
    await expect(handle.get()).resolves.toEqual({})
    await expect(handle.set({ accessToken: 't' })).rejects.toThrow(/public source/)
    expect(await secrets.get('test:alice')).toBeNull()
  })
})
