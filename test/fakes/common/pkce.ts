// Server-side PKCE check (RFC 7636 S256), as a real authorization server does it.
import { createHash } from 'node:crypto'

export const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url')

export function verifyPkce(challenge: string | undefined, verifier: unknown): boolean {
  if (!challenge) return true // the client did not use PKCE for this code
  return typeof verifier === 'string' && /^[A-Za-z0-9\-._~]{43,128}$/.test(verifier) && s256(verifier) === challenge
}
