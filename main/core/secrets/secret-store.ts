// Where account credentials live. The only implementation used outside the demo is the OS
// keychain (keytar-store.ts); there is deliberately no plaintext fallback.
import { UserError } from '../errors'

export interface SecretStore {
  get(key: string): Promise<string | null>
  set(key: string, value: string): Promise<void>
  delete(key: string): Promise<void>
  /** Throws UserError('keychain-unavailable') when secrets cannot be stored right now. */
  check(): Promise<void>
}

export const KEYCHAIN_UNAVAILABLE_MESSAGE =
  'No OS keychain is available, and Crosstalk stores sign-in tokens only there: start one (for example gnome-keyring), then sign in again.'

export const keychainUnavailable = (): UserError => new UserError('keychain-unavailable', KEYCHAIN_UNAVAILABLE_MESSAGE)
