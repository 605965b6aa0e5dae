// Zod schemas of the Microsoft identity platform (v2) token answers and the Yammer REST API
// (api/v1) JSON we read: messages with their `references` (users, groups, threads) and `meta`.
import { z } from 'zod'

export const TokenSchema = z.object({
  token_type: z.string(),
  access_token: z.string(),
  refresh_token: z.string().optional(),
  expires_in: z.number().optional(),
  scope: z.string().optional(),
})

export const CurrentUserSchema = z.object({
  id: z.number(),
  full_name: z.string(),
  email: z.string().optional(),
  mugshot_url: z.string().optional(),
  web_url: z.string().optional(),
  network_name: z.string().optional(),
  network_id: z.number().optional(),
})

export const MessageSchema = z.object({
  id: z.number(),
  sender_id: z.number(),
  replied_to_id: z.number().nullable(),
  thread_id: z.number(),
  group_id: z.number().nullable().optional(),
  created_at: z.string(),
  web_url: z.string().optional(),
  body: z.object({ plain: z.string(), parsed: z.string().optional(), rich: z.string().optional() }),
  liked_by: z.object({ count: z.number() }).optional(),
  /** Set on a message that shares another (the shared message is among the `references`). */
  shared_message_id: z.number().nullish(),
  /** Uploaded files ('image' or 'file') and link previews ('ymodule'). */
  attachments: z
    .array(
      z
        .object({
          type: z.string(),
          name: z.string().nullish(),
          content_type: z.string().nullish(),
          web_url: z.string().nullish(),
          url: z.string().nullish(),
          download_url: z.string().nullish(),
          preview_url: z.string().nullish(),
          thumbnail_url: z.string().nullish(),
        })
        .loose(),
    )
    .optional(),
})
export type Message = z.infer<typeof MessageSchema>

export const ReferenceSchema = z
  .object({
    type: z.string(),
    id: z.number(),
    full_name: z.string().optional(),
    name: z.string().optional(),
    mugshot_url: z.string().optional(),
    web_url: z.string().optional(),
    /** A message reference (what a share shares): who wrote it and what it says. */
    sender_id: z.number().optional().catch(undefined),
    body: z.object({ plain: z.string().optional() }).loose().optional().catch(undefined),
  })
  .loose()
export type Reference = z.infer<typeof ReferenceSchema>

export const MessageListSchema = z.object({
  messages: z.array(MessageSchema),
  references: z.array(ReferenceSchema).default([]),
  meta: z.object({ older_available: z.boolean().optional() }).loose().optional(),
})

export const GroupListSchema = z.array(z.object({ id: z.number(), full_name: z.string(), name: z.string().optional() }).loose())

/** GET autocomplete/ranked?models=user:N → one list per model asked for, each entry with its ranking. */
export const AutocompleteSchema = z
  .object({
    user: z
      .array(
        z
          .object({
            id: z.number(),
            full_name: z.string(),
            /** The username. */
            name: z.string().optional(),
            photo: z.string().optional(),
            mugshot_url: z.string().optional(),
            ranking: z.number().optional(),
          })
          .loose(),
      )
      .default([]),
  })
  .loose()

/** POST pending_attachments → the uploaded file, waiting for a message to carry it (pending_attachmentN=id). */
export const PendingAttachmentSchema = z
  .object({ id: z.union([z.number(), z.string().min(1)]), name: z.string().nullish(), type: z.string().nullish() })
  .loose()
