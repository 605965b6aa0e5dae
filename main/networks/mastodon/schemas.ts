// Schemas of the Mastodon JSON we read (docs.joinmastodon.org/entities/...). Only the fields we
// use are declared; the rest is stripped. Nullable where the docs say "or null".
import { z } from 'zod'

const id = z.string().min(1, 'expected a non-empty id')
const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date')

/** POST /api/v1/apps → CredentialApplication. */
export const CredentialApplicationSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
})

/** POST /oauth/token → Token. */
export const TokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  scope: z.string(),
  created_at: z.number(),
})

/** POST /oauth/revoke → {} */
export const EmptySchema = z.object({})

export const AccountSchema = z.object({
  id,
  username: z.string(),
  /** username for local accounts, username@domain for remote ones. */
  acct: z.string(),
  display_name: z.string(),
  url: z.string().nullish(),
  avatar: z.string().nullish(),
})
export type MastodonAccount = z.infer<typeof AccountSchema>

/** GET /api/v1/accounts/search → Account[] */
export const AccountListSchema = z.array(AccountSchema)

export const MediaAttachmentSchema = z.object({
  id,
  type: z.enum(['unknown', 'image', 'gifv', 'video', 'audio']),
  url: z.string().nullish(),
  preview_url: z.string().nullish(),
  remote_url: z.string().nullish(),
  description: z.string().nullish(),
})
export type MastodonMediaAttachment = z.infer<typeof MediaAttachmentSchema>

const StatusFields = z.object({
  id,
  uri: z.string(),
  url: z.string().nullish(),
  created_at: isoDate,
  account: AccountSchema,
  content: z.string(),
  spoiler_text: z.string(),
  /** Present when the request was authenticated. */
  favourited: z.boolean().nullish(),
  reblogged: z.boolean().nullish(),
  sensitive: z.boolean().optional(),
  visibility: z.string(),
  in_reply_to_id: z.string().nullish(),
  replies_count: z.number(),
  reblogs_count: z.number(),
  favourites_count: z.number(),
  media_attachments: z.array(MediaAttachmentSchema),
  edited_at: z.string().nullish(),
})

/** A status; `reblog` holds the boosted status (which itself never has a reblog). */
export const StatusSchema = StatusFields.extend({ reblog: StatusFields.nullish() })
export type MastodonStatus = z.infer<typeof StatusSchema>
export type MastodonStatusFields = z.infer<typeof StatusFields>

export const StatusListSchema = z.array(StatusSchema)

export const NotificationSchema = z.object({
  id,
  type: z.string(),
  created_at: isoDate,
  account: AccountSchema,
  status: StatusSchema.nullish(),
})
export const NotificationListSchema = z.array(NotificationSchema)

/** GET /api/v1/statuses/:id/context */
export const ContextSchema = z.object({
  ancestors: z.array(StatusSchema),
  descendants: z.array(StatusSchema),
})

/** GET /api/v2/instance (Mastodon 4.0+): only what identifies the server. */
export const InstanceSchema = z.object({
  domain: z.string(),
  title: z.string(),
  version: z.string(),
  thumbnail: z.object({ url: z.string() }).nullish(),
})
