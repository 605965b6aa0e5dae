// Against the real OS keychain (Secret Service over D-Bus). Run inside a session with an
// unlocked keyring, e.g.:
//   dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run test/unit/main/core/secrets'
// Uses a test-only service name and deletes what it writes.
import { afterAll, describe, expect, it } from 'vitest'
import { createKeytarSecretStore } from '../../../../../main/core/secrets/keytar-store'
import { UserError } from '../../../../../main/core/errors'

const hasSession = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS)
const service = `Crosstalk-unit-test-${process.pid}-${Date.now()}`
const key = 'test:keychain-round-trip'

describe.skipIf(!hasSession)(
  'keytar store against the real Secret Service (skipped: DBUS_SESSION_BUS_ADDRESS is unset, no D-Bus session to reach a keychain)',
  () => {
    const store = createKeytarSecretStore({ service })

    afterAll(async () => {
      await store.delete(key).catch(() => {})
    })

    it('checks, stores, reads back and deletes a credential', async () => {
      await store.check()
      const value = JSON.stringify({ accessToken: `real-keychain-${Math.random()}` })
      await store.set(key, value)
      expect(await store.get(key)).toBe(value)
      await store.delete(key)
      expect(await store.get(key)).toBeNull()
    })

    it('a key nobody wrote reads as null', async () => {
      expect(await store.get('test:never-written')).toBeNull()
    })
  },
)

// The other half: with no D-Bus session and no display to autolaunch one, the real keytar fails
// and the store refuses; nothing is written anywhere else.
describe.skipIf(hasSession || Boolean(process.env.DISPLAY))(
  'keytar store with no keychain reachable (skipped: a D-Bus session or a display is present, so a keychain may be reachable)',
  () => {
    it('check() and set() refuse with keychain-unavailable', async () => {
      const store = createKeytarSecretStore({ service })
      await expect(store.check()).rejects.toBeInstanceOf(UserError)
      await expect(store.set(key, 'never stored')).rejects.toMatchObject({ code: 'keychain-unavailable' })
    })
  },
)
