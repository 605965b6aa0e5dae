// What the workspace files hold. accounts.json and columns.json reuse the bridge's schemas (an
// Account has no secret field by construction); cursors.json is ours alone.
import { z } from 'zod'
import { AccountSchema, ColumnSpecSchema } from '../../../preload/model'

export const AccountsFileSchema = z.array(AccountSchema)
export const ColumnsFileSchema = z.array(ColumnSpecSchema)

export const PageCursorSchema = z.object({ newer: z.string().optional(), older: z.string().optional() })

/** Where a column continues, per direction, and how fresh it is. */
export const CursorEntrySchema = z.object({
  cursor: PageCursorSchema,
  lastSyncedAt: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date')
    .optional(),
  hasMore: z.boolean().optional(),
})
export type CursorEntry = z.infer<typeof CursorEntrySchema>

/** columnId → CursorEntry */
export const CursorsFileSchema = z.record(z.string(), CursorEntrySchema)
export type CursorsFile = z.infer<typeof CursorsFileSchema>
