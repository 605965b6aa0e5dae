// TEST ONLY: a secret store in a JSON file, so a core in a child process and the core that
// replaces it after a SIGKILL share one sign-in. The app itself keeps tokens only in the OS keychain.
import { readFileSync, writeFileSync } from 'node:fs'
import type { SecretStore } from '../../../../../main/core/secrets/secret-store'

export function createFileSecretStore(path: string): SecretStore {
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>
    } catch {
      return {}
    }
  }
  const write = (all: Record<string, string>) => writeFileSync(path, JSON.stringify(all), { mode: 0o600 })
  return {
    get: async (key) => read()[key] ?? null,
    set: async (key, value) => write({ ...read(), [key]: value }),
    delete: async (key) => {
      const all = read()
      delete all[key]
      write(all)
    },
    check: async () => {},
  }
}
