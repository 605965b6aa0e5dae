// outbox.json: every write the user asked for, from the moment it was asked until a while after
// it was sent. Entries are read one by one, so one damaged entry never costs the others.
import { z } from 'zod'
import { OutboxEntrySchema } from '../../../preload/model'

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date')

/** An entry as kept on disk: what the renderer sees, plus what only main needs. */
export const OutboxRecordSchema = OutboxEntrySchema.extend({
  /** Sent with every attempt of this entry (Mastodon's Idempotency-Key); new when the draft is edited. */
  idempotencyKey: z.string().min(1),
  /** When the first attempt of the current draft began: reconciliation looks for it from then on. */
  firstAttemptAt: isoDate.optional(),
  /** When it was sent: sent entries are forgotten after a while. */
  sentAt: isoDate.optional(),
  /** waiting-retry because the network could not be reached: it goes as soon as the network answers again. */
  offline: z.boolean().optional(),
})
export type OutboxRecord = z.infer<typeof OutboxRecordSchema>

export const OutboxFileSchema = z.object({
  version: z.literal(1),
  /** Parsed one by one in outbox.ts; an entry that does not parse is kept on disk as it is. */
  entries: z.array(z.unknown()),
})
export type OutboxFile = z.infer<typeof OutboxFileSchema>
