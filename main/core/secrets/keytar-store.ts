// The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Vault on Windows)
// through keytar. One entry per account: service "Crosstalk", account = our account id.
// Any failure to load keytar or to reach the keychain becomes one clear UserError.
import type { SecretStore } from './secret-store'
import { keychainUnavailable } from './secret-store'

/** The part of keytar we use; tests pass a stand-in. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export interface KeytarStoreOptions {
  service?: string
  load?: () => Promise<KeytarLike>
}

/** An entry nobody writes: reading it proves the keychain answers. */
const PROBE_KEY = 'crosstalk-keychain-probe'

const loadKeytar = async (): Promise<KeytarLike> => {
  const mod = (await import('keytar')) as KeytarLike & { default?: KeytarLike }
  return mod.default ?? mod
}

export function createKeytarSecretStore(opts: KeytarStoreOptions = {}): SecretStore {
  const service = opts.service ?? 'Crosstalk'
  const load = opts.load ?? loadKeytar
  let loading: Promise<KeytarLike> | undefined

  // A failed load is not cached: the user may start a keychain and try again.
  async function keytar(): Promise<KeytarLike> {
    loading ??= load()
    try {
      return await loading
    } catch (cause) {
      loading = undefined
      throw Object.assign(keychainUnavailable(), { cause })
    }
  }

  async function call<T>(fn: (k: KeytarLike) => Promise<T>): Promise<T> {
    const k = await keytar()
    try {
      return await fn(k)
    } catch (cause) {
      throw Object.assign(keychainUnavailable(), { cause })
    }
  }

  return {
    get: (key) => call((k) => k.getPassword(service, key)),
    set: (key, value) => call((k) => k.setPassword(service, key, value)),
    delete: async (key) => {
      await call((k) => k.deletePassword(service, key))
    },
    check: async () => {
      await call((k) => k.getPassword(service, PROBE_KEY))
    },
  }
}
