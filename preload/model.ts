// The shared data model. Every type that crosses the bridge is inferred from these schemas,
// so main, preload and renderer agree by construction. Objects are parsed with zod's default
// "strip" mode: a field that is not declared here (a token, say) never crosses the bridge.
import { z } from 'zod'

export const SideSchema = z.enum(['internal', 'external'])
export type Side = z.infer<typeof SideSchema>

export const NetworkIdSchema = z.enum(['mastodon', 'chatter', 'bluesky', 'yammer', 'wordpress', 'rss', 'x', 'facebook'])
export type NetworkId = z.infer<typeof NetworkIdSchema>

export const ColumnKindSchema = z.enum([
  'home',
  'mentions',
  'notifications',
  'group',
  'search',
  'feed',
  'comments',
  'list',
  'hashtag',
  'public',
  'received',
  'tagged',
  'held',
  'spam',
  'posts',
])
export type ColumnKind = z.infer<typeof ColumnKindSchema>

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date')

export const AccountSchema = z.object({
  id: z.string().min(1),
  network: NetworkIdSchema,
  side: SideSchema,
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().optional(),
  /** Mastodon instance or Salesforce instance URL: where this account's API lives. */
  server: z.string().optional(),
  /** Set when the network refused the stored credentials: the user must sign in again. */
  needsSignIn: z.boolean().optional(),
  /** A public source with no sign-in (an RSS feed list, a Mastodon server's public timelines):
   *  nothing in the keychain, read-only. */
  anonymous: z.boolean().optional(),
})
export type Account = z.infer<typeof AccountSchema>

export const ColumnSpecSchema = z.object({
  id: z.string().min(1),
  accountId: z.string().min(1),
  kind: ColumnKindSchema,
  target: z.string().optional(),
  title: z.string(),
  filters: z.object({ include: z.string().optional(), exclude: z.string().optional() }).optional(),
})
export type ColumnSpec = z.infer<typeof ColumnSpecSchema>

export const AttachmentSchema = z.object({
  type: z.enum(['image', 'video', 'audio', 'file', 'link']),
  url: z.string(),
  previewUrl: z.string().optional(),
  description: z.string().optional(),
})
export type Attachment = z.infer<typeof AttachmentSchema>

export const AuthorSchema = z.object({
  id: z.string(),
  name: z.string(),
  handle: z.string().optional(),
  avatarUrl: z.string().optional(),
})

export const ItemSchema = z.object({
  /** accountId + '/' + remoteId */
  id: z.string().min(1),
  accountId: z.string(),
  network: NetworkIdSchema,
  side: SideSchema,
  remoteId: z.string(),
  url: z.string().optional(),
  author: AuthorSchema,
  text: z.string(),
  /** Network HTML, unsanitized: the renderer passes it through DOMPurify before display. */
  html: z.string().optional(),
  createdAt: isoDate,
  parentId: z.string().optional(),
  threadId: z.string().optional(),
  counts: z.object({ replies: z.number().optional(), likes: z.number().optional(), reposts: z.number().optional() }).optional(),
  attachments: z.array(AttachmentSchema).optional(),
  group: z.object({ id: z.string(), name: z.string() }).optional(),
  moderation: z.enum(['approved', 'hold', 'spam', 'hidden']).optional(),
  /** The network does not say, when read, whether this reply is hidden (X): what the account's own
   *  hide or unhide answered stands until then. */
  hiddenUnread: z.literal(true).optional(),
  /** Who reposted / boosted it into this column, when that is why it is here. */
  repostedBy: z.object({ name: z.string(), handle: z.string().optional() }).optional(),
  /** Content warning (Mastodon spoiler_text). */
  warning: z.string().optional(),
  /** The signed-in account's relation to it, where the network says (absent: unknown). */
  viewer: z
    .object({
      liked: z.boolean().optional(),
      reposted: z.boolean().optional(),
      mine: z.boolean().optional(),
      /** May hide this reply: it answers a conversation the account started (X) or a Page's post (Facebook). */
      canModerate: z.boolean().optional(),
    })
    .optional(),
})
export type Item = z.infer<typeof ItemSchema>

/** Someone a draft can mention, as the network's people search found them. */
export const PersonSchema = z.object({
  /** What a DraftMention needs: Chatter/Yammer user id, Bluesky DID, Mastodon account id. */
  id: z.string().min(1),
  name: z.string(),
  /** Mastodon acct (user or user@host), Bluesky handle. */
  handle: z.string().optional(),
  avatarUrl: z.string().optional(),
})
export type Person = z.infer<typeof PersonSchema>

export const ColumnStateSchema = z.enum(['idle', 'syncing', 'ok', 'rate-limited', 'error', 'offline'])
export type ColumnState = z.infer<typeof ColumnStateSchema>

export const ColumnStatusSchema = z.object({
  columnId: z.string(),
  state: ColumnStateSchema,
  /** When the column last fetched successfully (survives restarts). */
  lastSyncedAt: isoDate.optional(),
  /** rate-limited: when polling resumes; error/offline: when the next attempt is due. */
  until: isoDate.optional(),
  reason: z.string().optional(),
  /** Whether older items can be loaded. */
  hasMore: z.boolean().optional(),
})
export type ColumnStatus = z.infer<typeof ColumnStatusSchema>

/** The fields a sign-in may ask for; each network declares which (and may relabel them). */
export const SignInFieldSchema = z.enum(['server', 'loginHost', 'clientId', 'tenant', 'identifier', 'password'])
export type SignInField = z.infer<typeof SignInFieldSchema>

export const FieldLabelSchema = z.object({ label: z.string(), placeholder: z.string().optional() })

/** Whether a network needs an account, can also be read without one, or has no accounts at all (RSS). */
export const AccessSchema = z.enum(['account', 'account-or-public', 'public'])
export type Access = z.infer<typeof AccessSchema>

export const ColumnKindInfoSchema = z.object({
  kind: ColumnKindSchema,
  label: z.string(),
  /** What the user must supply (a hashtag, a group), if anything. */
  target: z.object({ label: z.string(), placeholder: z.string().optional() }).optional(),
  /** Readable without signing in (a public source may add only these kinds). */
  public: z.boolean().optional(),
  /** A moderation queue: it lists items in exactly these states (a comment approved leaves "held"). */
  lists: z.array(z.enum(['approved', 'hold', 'spam', 'hidden'])).optional(),
})
export type ColumnKindInfo = z.infer<typeof ColumnKindInfoSchema>

/** What files a post may carry on a network (absent: none). */
export const AttachmentRulesSchema = z.object({
  max: z.number().int().positive(),
  /** Largest file, in bytes. */
  maxBytes: z.number().int().positive(),
  /** MIME types or families ("image/*"). */
  accept: z.array(z.string()),
  /** Whether each file can carry a description (alt text). */
  describe: z.boolean(),
})
export type AttachmentRules = z.infer<typeof AttachmentRulesSchema>

export const NetworkInfoSchema = z.object({
  id: NetworkIdSchema,
  name: z.string(),
  side: SideSchema,
  signInFields: z.array(SignInFieldSchema),
  /** Network-specific wording of a field ("Consumer key", "App ID", "Site URL"). */
  fieldLabels: z.partialRecord(SignInFieldSchema, FieldLabelSchema).optional(),
  /** Default 'account'. */
  access: AccessSchema.optional(),
  /** Fields asked for when adding public columns without signing in (e.g. the server). */
  publicFields: z.array(SignInFieldSchema).optional(),
  /** Columns added right after a public source is added (e.g. a server's public timeline). */
  publicDefaultColumns: z.array(z.object({ kind: ColumnKindSchema, target: z.string().optional() })).optional(),
  columnKinds: z.array(ColumnKindInfoSchema),
  /** Files a new post or reply may carry (Mastodon media, Bluesky images, Chatter files). */
  attachments: AttachmentRulesSchema.optional(),
  /** Columns added automatically right after the first sign-in. */
  defaultColumns: z.array(z.object({ kind: ColumnKindSchema, target: z.string().optional() })),
})
export type NetworkInfo = z.infer<typeof NetworkInfoSchema>

export const ThreadSchema = z.object({
  rootId: z.string(),
  /** The item that was opened. */
  focusId: z.string(),
  /** Every item of the thread, in reading order (ancestors, focus, replies). */
  items: z.array(ItemSchema),
  fetchedAt: isoDate,
})
export type Thread = z.infer<typeof ThreadSchema>

export const ColumnTargetSchema = z.object({ value: z.string(), label: z.string() })
export type ColumnTarget = z.infer<typeof ColumnTargetSchema>

// ---- Writes: drafts, actions on items, the outbox (see main/core/outbox) ----

/** Writes a network really has for an account; the UI offers only these. */
export const WriteCapabilitiesSchema = z.object({
  post: z.boolean(),
  reply: z.boolean(),
  like: z.boolean(),
  repost: z.boolean(),
  remove: z.boolean(),
  moderate: z.boolean(),
  report: z.boolean(),
})
export type WriteCapabilities = z.infer<typeof WriteCapabilitiesSchema>

/**
 * A mention in a draft: where it sits in the text (UTF-16 offsets, as JavaScript strings count)
 * and whom it names. Mastodon sends `@handle` in the text; Chatter sends a Mention segment with
 * the user id in place of the range.
 */
export const DraftMentionSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  /** The network's id of the person (Chatter user id, Mastodon account id). */
  id: z.string().min(1).max(300),
  /** Mastodon: acct, "user" or "user@host". */
  handle: z.string().min(1).max(300).optional(),
  name: z.string().max(300).optional(),
})
export type DraftMention = z.infer<typeof DraftMentionSchema>

/** Where a new post goes when it is not the account's own feed: a group or someone's profile (Chatter). */
export const DraftTargetSchema = z.object({
  kind: z.enum(['group', 'profile']),
  id: z.string().min(1).max(300),
  name: z.string().max(300).optional(),
})
export type DraftTarget = z.infer<typeof DraftTargetSchema>

export const VisibilitySchema = z.enum(['public', 'unlisted', 'private', 'direct'])
export type Visibility = z.infer<typeof VisibilitySchema>

/** A file the user picked for a draft, staged in main (attachments.stage / attachments.write) under `ref`. */
export const DraftAttachmentSchema = z.object({
  /** What the shell handed out for the picked file (never a path the renderer chose). */
  ref: z.string().min(1).max(300),
  name: z.string().max(300),
  mimeType: z.string().max(200),
  size: z.number().int().nonnegative(),
  description: z.string().max(1500).optional(),
})
export type DraftAttachment = z.infer<typeof DraftAttachmentSchema>

export const DraftSchema = z.object({
  /** The account that posts: always chosen explicitly. */
  accountId: z.string().min(1).max(300),
  text: z.string().max(50_000),
  /** The item answered (an item id); absent for a new post. */
  replyTo: z.string().min(1).max(600).optional(),
  target: DraftTargetSchema.optional(),
  mentions: z.array(DraftMentionSchema).max(50).optional(),
  /** Mastodon. */
  visibility: VisibilitySchema.optional(),
  /** Content warning (Mastodon spoiler_text). */
  warning: z.string().max(1000).optional(),
  attachments: z.array(DraftAttachmentSchema).max(10).optional(),
})
export type Draft = z.infer<typeof DraftSchema>

export const ItemActionSchema = z.enum(['like', 'unlike', 'repost', 'unrepost', 'remove', 'moderate', 'report'])
export type ItemAction = z.infer<typeof ItemActionSchema>

export const ModerationActionSchema = z.enum(['approve', 'hold', 'spam', 'trash', 'hide', 'unhide'])
export type ModerationAction = z.infer<typeof ModerationActionSchema>

export const ReportRequestSchema = z.object({
  comment: z.string().max(1000).optional(),
  /** Mastodon: also send the report to the author's server. */
  forward: z.boolean().optional(),
})
export type ReportRequest = z.infer<typeof ReportRequestSchema>

export const OutboxActionSchema = z.enum(['post', 'reply', ...ItemActionSchema.options])
export type OutboxAction = z.infer<typeof OutboxActionSchema>

/**
 * pending → sending → sent | failed (permanent: the network's message, the draft kept) |
 * waiting-retry (transient: offline, 5xx, 429; nextAttemptAt says when) | paused (the account
 * must sign in again; resumes by itself after the sign-in).
 */
export const OutboxStateSchema = z.enum(['pending', 'sending', 'waiting-retry', 'sent', 'failed', 'paused'])
export type OutboxState = z.infer<typeof OutboxStateSchema>

export const OutboxEntrySchema = z.object({
  id: z.string().min(1),
  accountId: z.string(),
  network: NetworkIdSchema,
  action: OutboxActionSchema,
  /** post and reply: what was typed (kept until sent, editable while failed). */
  draft: DraftSchema.optional(),
  /** The item acted on (like, remove, …) or answered (reply). */
  itemId: z.string().optional(),
  moderation: ModerationActionSchema.optional(),
  report: ReportRequestSchema.optional(),
  state: OutboxStateSchema,
  attempts: z.number().int().nonnegative(),
  createdAt: isoDate,
  updatedAt: isoDate,
  /** waiting-retry: when the next attempt is due. */
  nextAttemptAt: isoDate.optional(),
  /** failed, waiting-retry, paused: why, in the network's words where it gave any. */
  error: z.string().optional(),
  /** sent: the item that was created or changed. */
  result: z.object({ itemId: z.string().optional(), url: z.string().optional() }).optional(),
  /** An earlier attempt may have reached the network without an answer: the next one checks first. */
  uncertain: z.boolean().optional(),
})
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>
