// The keychain store with keytar stand-ins: where it writes, and the refusal (never a plaintext
// fallback) when keytar cannot load or the Secret Service does not answer.
import { describe, expect, it } from 'vitest'
import { UserError } from '../../../../../main/core/errors'
import { createKeytarSecretStore, type KeytarLike } from '../../../../../main/core/secrets/keytar-store'
import { KEYCHAIN_UNAVAILABLE_MESSAGE } from '../../../../../main/core/secrets/secret-store'

function fakeKeytar() {
  const entries = new Map<string, string>()
  const k: KeytarLike = {
    getPassword: async (s, a) => entries.get(`${s}|${a}`) ?? null,
    setPassword: async (s, a, p) => void entries.set(`${s}|${a}`, p),
    deletePassword: async (s, a) => entries.delete(`${s}|${a}`),
  }
  return { k, entries }
}

/** What keytar does without a reachable Secret Service: every call rejects. */
const unreachable: KeytarLike = {
  getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  setPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  deletePassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
}

const expectUnavailable = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  expect(error).toMatchObject({ code: 'keychain-unavailable', message: KEYCHAIN_UNAVAILABLE_MESSAGE })
}

describe('keytar secret store', () => {
  it('stores under service "Crosstalk" by default, keyed by account id', async () => {
    const { k, entries } = fakeKeytar()
    const store = createKeytarSecretStore({ load: async () => k })
    await store.check()
    await store.set('mastodon:example.org:1', '{"accessToken":"t"}')
    expect([...entries.keys()]).toEqual(['Crosstalk|mastodon:example.org:1'])
    expect(await store.get('mastodon:example.org:1')).toBe('{"accessToken":"t"}')
    await store.delete('mastodon:example.org:1')
    expect(await store.get('mastodon:example.org:1')).toBeNull()
  })

  it('uses another service name when told', async () => {
    const { k, entries } = fakeKeytar()
    await createKeytarSecretStore({ service: 'Crosstalk-test', load: async () => k }).set('a', 'b')
    expect([...entries.keys()]).toEqual(['Crosstalk-test|a'])
  })

  it('refuses with keychain-unavailable when the Secret Service does not answer', async () => {
    const store = createKeytarSecretStore({ load: async () => unreachable })
    await expectUnavailable(store.check())
    await expectUnavailable(store.set('a', 'secret'))
    await expectUnavailable(store.get('a'))
    await expectUnavailable(store.delete('a'))
  })

  it('refuses with keychain-unavailable when keytar itself cannot load, and tries loading again later', async () => {
    let attempts = 0
    const { k } = fakeKeytar()
    const store = createKeytarSecretStore({
      load: async () => {
        attempts += 1
        if (attempts === 1) throw new Error('libsecret-1.so.0: cannot open shared object file')
        return k
      },
    })
    await expectUnavailable(store.set('a', 'secret'))
    await store.set('a', 'secret')
    expect(await store.get('a')).toBe('secret')
    expect(attempts).toBe(2)
  })

  it('the message says what to do', () => {
    expect(KEYCHAIN_UNAVAILABLE_MESSAGE).toMatch(/keychain/)
    expect(KEYCHAIN_UNAVAILABLE_MESSAGE).toMatch(/gnome-keyring/)
    expect(KEYCHAIN_UNAVAILABLE_MESSAGE).toMatch(/sign in again/)
  })
})
