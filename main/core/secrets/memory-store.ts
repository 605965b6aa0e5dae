// DEMO ONLY: secrets kept in this process's memory and lost when it exits. Used by the demo and
// by hosts started with --demo where no OS keychain exists; never a fallback for real sign-ins.
import type { SecretStore } from './secret-store'

export function createMemorySecretStore(): SecretStore {
  const entries = new Map<string, string>()
  return {
    get: async (key) => entries.get(key) ?? null,
    set: async (key, value) => {
      entries.set(key, value)
    },
    delete: async (key) => {
      entries.delete(key)
    },
    check: async () => {},
  }
}
