// Faults a test (or a person, via the control endpoint) can switch on: each one affects the next
// `count` API requests (or all of them until cleared).
import { z } from 'zod'
import type { FakeResponse } from './server'

export const FaultSchema = z.object({
  kind: z.enum(['rate-limit', 'unavailable', 'server-error', 'malformed', 'slow']),
  /** How many requests it affects; omit for "until cleared". */
  count: z.number().int().positive().optional(),
  /** For rate-limit and unavailable: the Retry-After header, in seconds. */
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  /** For slow: delay before answering normally. */
  delayMs: z.number().int().nonnegative().optional(),
})
export type Fault = z.infer<typeof FaultSchema>

export interface Faults {
  set(fault: Fault | null): void
  current(): Fault | null
  /**
   * Applies the active fault to one API request. Returns a response to send instead, or
   * undefined to answer normally (after any delay). `rateLimited` builds the network's own
   * over-the-limit answer (status, headers, error body).
   */
  apply(rateLimited: (retryAfterSeconds: number | undefined) => FakeResponse): Promise<FakeResponse | undefined>
}

export function createFaults(): Faults {
  let active: Fault | null = null
  let left = Infinity
  return {
    set(fault) {
      active = fault
      left = fault?.count ?? Infinity
    },
    current: () => active,
    async apply(rateLimited) {
      const fault = active
      if (!fault) return undefined
      left -= 1
      if (left <= 0) active = null
      switch (fault.kind) {
        case 'rate-limit':
          return rateLimited(fault.retryAfterSeconds)
        case 'unavailable':
          return {
            status: 503,
            headers: fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {},
            json: { error: 'Service Unavailable' },
          }
        case 'server-error':
          return { status: 500, json: { error: 'Internal Server Error' } }
        case 'malformed':
          return { status: 200, text: '{"this is": not json', contentType: 'application/json; charset=utf-8' }
        case 'slow':
          await new Promise((r) => setTimeout(r, fault.delayMs ?? 3000))
          return undefined
      }
    },
  }
}
