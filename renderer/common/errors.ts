// Turns whatever a failed call threw into a sentence for people.
import { BridgeCallError } from '../../preload/api-client'

export function errorMessage(error: unknown): string {
  if (error instanceof BridgeCallError) return error.message
  if (error instanceof Error && error.message) return error.message
  return String(error)
}

/** The bridge itself is down: the connection banner already says so. */
export const isUnreachable = (error: unknown): boolean => error instanceof BridgeCallError && error.code === 'unreachable'
