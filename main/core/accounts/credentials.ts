// One account's credentials, as adapters see them: JSON in the SecretStore under the account
// id. Nothing read here is ever logged or returned across the bridge.
import { z } from 'zod'
import type { Account } from '../../../preload/model'
import type { Credentials, CredentialsHandle } from '../../networks/types'
import { NetworkFailure } from '../errors'
import type { SecretStore } from '../secrets/secret-store'

const CredentialsSchema = z.record(z.string(), z.string())

export const encodeCredentials = (c: Credentials): string => JSON.stringify(c)

/** Parses a stored value; a missing or unreadable one means the user must sign in again. */
export function decodeCredentials(account: Account, stored: string | null): Credentials {
  if (stored === null) {
    throw new NetworkFailure('auth', `No stored sign-in for ${account.handle} in the keychain.`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(stored)
  } catch {
    throw new NetworkFailure('auth', `The stored sign-in for ${account.handle} is unreadable.`)
  }
  const parsed = CredentialsSchema.safeParse(raw)
  if (!parsed.success) throw new NetworkFailure('auth', `The stored sign-in for ${account.handle} is unreadable.`)
  return parsed.data
}

export function createCredentialsHandle(secrets: SecretStore, account: Account): CredentialsHandle {
  if (account.anonymous) {
    return {
      get: async () => ({}),
      set: async () => {
        throw new Error(`${account.handle} is a public source: it has no sign-in to store.`)
      },
    }
  }
  return {
    get: async () => decodeCredentials(account, await secrets.get(account.id)),
    set: (credentials) => secrets.set(account.id, encodeCredentials(credentials)),
  }
}
