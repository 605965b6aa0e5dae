// THE contract between main and the renderer: every method (arguments and result) and every
// event, defined once with zod. Both shells (Electron IPC, the web host's WebSocket) and the
// renderer's client are generated from this object; nothing is declared twice.
import { z } from 'zod'
import {
  AccountSchema,
  ColumnKindSchema,
  ColumnSpecSchema,
  ColumnStatusSchema,
  ColumnTargetSchema,
  DraftSchema,
  ItemActionSchema,
  ItemSchema,
  ModerationActionSchema,
  OutboxEntrySchema,
  ReportRequestSchema,
  WriteCapabilitiesSchema,
  NetworkIdSchema,
  NetworkInfoSchema,
  PersonSchema,
  ThreadSchema,
} from './model'

const method = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R) => ({ args, result })
const none = z.object({}).strict()

export const SignInRequestSchema = z
  .object({
    network: NetworkIdSchema,
    /** Mastodon: the instance, e.g. "mastodon.social" or "https://mastodon.social". */
    server: z.string().trim().min(1).max(300).optional(),
    /** Chatter: "login", "test" or a My Domain URL. */
    loginHost: z.string().trim().min(1).max(300).optional(),
    /** Chatter: the connected app's consumer key; Yammer, X: client id; Facebook: app id. */
    clientId: z.string().trim().min(1).max(300).optional(),
    /** Yammer / Microsoft identity: the directory (tenant) id or domain. */
    tenant: z.string().trim().min(1).max(300).optional(),
    /** Bluesky: handle or e-mail; WordPress: user name. */
    identifier: z.string().trim().min(1).max(300).optional(),
    /** Bluesky: an app password (never the account password). Kept only in the keychain. */
    password: z.string().min(1).max(300).optional(),
    /** Public columns only, no sign-in: nothing is stored in the keychain. */
    anonymous: z.boolean().optional(),
  })
  .strict()
export type SignInRequest = z.infer<typeof SignInRequestSchema>

export const AddColumnRequestSchema = z
  .object({
    accountId: z.string().min(1).max(300),
    kind: ColumnKindSchema,
    target: z.string().trim().min(1).max(300).optional(),
    title: z.string().trim().min(1).max(120).optional(),
  })
  .strict()
export type AddColumnRequest = z.infer<typeof AddColumnRequestSchema>

const columnRef = z.object({ columnId: z.string().min(1).max(300) }).strict()

/** A like, repost, removal, moderation or report of one item; it goes through the outbox like a post. */
export const ItemActionRequestSchema = z
  .object({
    itemId: z.string().min(1).max(600),
    action: ItemActionSchema,
    /** Required for action 'moderate'. */
    moderation: ModerationActionSchema.optional(),
    /** Optional details for action 'report'. */
    report: ReportRequestSchema.strict().optional(),
  })
  .strict()
export type ItemActionRequest = z.infer<typeof ItemActionRequestSchema>

const entryRef = z.object({ entryId: z.string().min(1).max(100) }).strict()
const attachmentRef = z.string().regex(/^[0-9a-f-]{36}$/, 'an attachment reference')

/** Bytes of a staged file travel in pieces this large (base64 stays under MAX_ARGS_BYTES). */
export const ATTACHMENT_CHUNK_BYTES = 36 * 1024

export const methods = {
  /** The renderer is mounted and listening: queued events flow from now on. */
  'app.ready': method(none, z.object({ host: z.enum(['electron', 'web']), demo: z.boolean() })),
  'networks.list': method(none, z.array(NetworkInfoSchema)),
  'accounts.list': method(none, z.array(AccountSchema)),
  /** Runs the whole OAuth sign-in (system browser, loopback redirect) and resolves with the account. */
  'accounts.signIn': method(SignInRequestSchema, AccountSchema),
  'accounts.signOut': method(z.object({ accountId: z.string().min(1).max(300) }).strict(), z.object({ ok: z.literal(true) })),
  'columns.list': method(none, z.array(ColumnSpecSchema)),
  'columns.add': method(AddColumnRequestSchema, ColumnSpecSchema),
  'columns.remove': method(columnRef, z.object({ ok: z.literal(true) })),
  /** Poll now, out of schedule. */
  'columns.refresh': method(columnRef, z.object({ ok: z.literal(true) })),
  /** Fetch the next page of older items; they arrive as an `items` event. */
  'columns.loadMore': method(columnRef, z.object({ count: z.number(), hasMore: z.boolean() })),
  'columns.statuses': method(none, z.array(ColumnStatusSchema)),
  /** Choices for a column's target (e.g. the user's Chatter groups); empty when free text. */
  'columns.targets': method(
    z.object({ accountId: z.string().min(1).max(300), kind: ColumnKindSchema }).strict(),
    z.array(ColumnTargetSchema),
  ),
  'threads.fetch': method(z.object({ itemId: z.string().min(1).max(600) }).strict(), ThreadSchema),
  /** Open a link in the system browser (http and https only). */
  'links.open': method(z.object({ url: z.string().max(4000) }).strict(), z.object({ ok: z.literal(true) })),
  /** The writes this account can make (all false for a public source). */
  'accounts.capabilities': method(z.object({ accountId: z.string().min(1).max(300) }).strict(), WriteCapabilitiesSchema),
  /** Every write not yet forgotten: unsent ones, failed ones, and recently sent ones. */
  'outbox.list': method(none, z.array(OutboxEntrySchema)),
  /** Queues a new post or reply; it is on disk before this resolves and sent in the background. */
  'outbox.submit': method(DraftSchema.strict(), OutboxEntrySchema),
  /** Replaces the draft of an unsent entry that cannot have reached the network yet, and queues it again. */
  'outbox.update': method(
    z.object({ entryId: z.string().min(1).max(100), draft: DraftSchema.strict() }).strict(),
    OutboxEntrySchema,
  ),
  /** Try a failed, waiting or paused entry again now. */
  'outbox.retry': method(entryRef, OutboxEntrySchema),
  /** Forget an entry that is not being sent right now. */
  'outbox.discard': method(entryRef, z.object({ ok: z.literal(true) })),
  /** People the account can mention whose name or handle starts with the query (the composer's autocomplete). */
  'people.search': method(
    z.object({ accountId: z.string().min(1).max(300), query: z.string().trim().min(1).max(100) }).strict(),
    z.array(PersonSchema),
  ),
  /** Starts staging a picked file in main; its bytes follow with attachments.write. */
  'attachments.stage': method(
    z
      .object({
        name: z.string().trim().min(1).max(300),
        mimeType: z.string().trim().min(1).max(200),
        size: z.number().int().positive(),
      })
      .strict(),
    z.object({ ref: attachmentRef }),
  ),
  /** The next piece of a staged file (base64), at `offset`; resolves with how many bytes main holds. */
  'attachments.write': method(
    z
      .object({
        ref: attachmentRef,
        offset: z.number().int().nonnegative(),
        data: z.string().max(Math.ceil(ATTACHMENT_CHUNK_BYTES / 3) * 4),
      })
      .strict(),
    z.object({ received: z.number().int().nonnegative(), complete: z.boolean() }),
  ),
  /** Forgets a staged file the draft no longer carries. */
  'attachments.discard': method(z.object({ ref: attachmentRef }).strict(), z.object({ ok: z.literal(true) })),
  /** Like, repost, remove, moderate or report an item, through the outbox. */
  'items.act': method(ItemActionRequestSchema, OutboxEntrySchema),
} as const

export const events = {
  /** New or updated items for a column (batched per poll). */
  items: z.object({
    columnId: z.string(),
    items: z.array(ItemSchema),
    older: z.boolean().optional(),
    /** Items changed or created by a write (a like's new count, a sent reply): update them where they
     *  are cached, add them to no column (columnId is then ''). */
    detached: z.boolean().optional(),
  }),
  /** Items deleted through the outbox: drop them from the cache. */
  'items.removed': z.object({ itemIds: z.array(z.string()) }),
  /** The whole outbox after any change. */
  'outbox.changed': z.array(OutboxEntrySchema),
  'column.status': ColumnStatusSchema,
  'accounts.changed': z.array(AccountSchema),
  'columns.changed': z.array(ColumnSpecSchema),
  /** Web host only: open this URL in a new tab (the sign-in consent page). */
  'open-url': z.object({ url: z.string() }),
} as const

export type Methods = typeof methods
export type MethodName = keyof Methods
export type MethodArgs<M extends MethodName> = z.input<Methods[M]['args']>
export type MethodResult<M extends MethodName> = z.output<Methods[M]['result']>
export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]>

/** What main implements: one async function per method, receiving parsed arguments. */
export type Handlers = { [M in MethodName]: (args: z.output<Methods[M]['args']>) => Promise<MethodResult<M>> }

/** What the renderer calls. Generated from the contract by `createApiClient`. */
export type Api = {
  invoke<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

/** Largest serialized argument a call may carry across the bridge. */
export const MAX_ARGS_BYTES = 64 * 1024

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name)
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name)

/** Error shape carried back across the bridge; messages are meant for people. */
export const BridgeErrorSchema = z.object({ code: z.string(), message: z.string() })
export type BridgeError = z.infer<typeof BridgeErrorSchema>
