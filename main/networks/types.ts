// What a network is to the core. One folder per network under main/networks implements this;
// the core knows nothing else about any network.
import type { Account, ColumnSpec, ColumnTarget, Item, NetworkInfo, ColumnKind, Person } from '../../preload/model'
import type { Draft, ItemAction, ModerationAction, ReportRequest } from '../../preload/model'
import type { SignInRequest } from '../../preload/contract'
import type { Http } from '../core/http/client'
import type { RateLimit } from '../core/http/rate-limit'

/** Secrets for one account, stored as one JSON value in the OS keychain. Never leaves main. */
export type Credentials = Record<string, string>

/** A prepared OAuth 2.0 authorization (PKCE S256 + state) with a loopback listener waiting. */
export interface LoopbackAuthorization {
  /** http://127.0.0.1:<ephemeral port>/callback */
  redirectUri: string
  state: string
  codeVerifier: string
  codeChallenge: string
  /** Opens the consent page in the system browser and resolves with the code once the
   *  browser comes back with a matching state. Rejects on denial, bad state or timeout. */
  complete(authorizeUrl: string): Promise<string>
  /** Like complete, for flows that are not OAuth (WordPress application passwords): resolves
   *  with the callback's whole query once it carries our state (put it in the return URL). */
  completeRaw?(authorizeUrl: string, mode?: { oauth: boolean }): Promise<URLSearchParams>
  /** Stops listening (always call, also on failure). */
  close(): void
}

export interface SignInContext {
  http: Http
  beginAuthorization(): Promise<LoopbackAuthorization>
}

export interface SignInResult {
  account: Account
  credentials: Credentials
}

/** Read/write access to this account's keychain entry (refresh flows replace it). */
export interface CredentialsHandle {
  get(): Promise<Credentials>
  set(credentials: Credentials): Promise<void>
}

export interface AdapterContext {
  account: Account
  http: Http
  credentials: CredentialsHandle
}

export interface PageCursor {
  /** Where to continue for newer items (Mastodon min_id, Chatter updatesUrl). */
  newer?: string
  /** Where to continue for older items (Mastodon max_id, Chatter nextPageUrl). */
  older?: string
}

export interface Page {
  /** Newest first. */
  items: Item[]
  cursor: PageCursor
  /** Whether older items remain. */
  hasMore: boolean
  rateLimit?: RateLimit
  /** Poll this column no more often than this (ms): a feed's <ttl>. A Retry-After on a
   *  successful answer arrives in rateLimit.retryAt and is honoured too. */
  minIntervalMs?: number
}

/** Writes a network really has; the UI shows only these. Built in the engage issue. */
export interface WriteCapabilities {
  post: boolean
  reply: boolean
  like: boolean
  repost: boolean
  remove: boolean
  moderate: boolean
  report: boolean
}

/** A file a draft carries, read from the attachment store, checked against the network's rules. */
export interface OutgoingFile {
  name: string
  mimeType: string
  size: number
  bytes: Uint8Array
  /** Alt text. */
  description?: string
}

/** A draft as an adapter sends it: the core has checked it, resolved the item answered to its remote id and read its files. */
export type OutgoingDraft = Omit<Draft, 'accountId' | 'replyTo' | 'attachments'> & { replyTo?: string; files?: OutgoingFile[] }

/** One write, as the outbox hands it to findExisting. */
export type PendingWrite =
  | { action: 'post'; draft: OutgoingDraft }
  | { action: 'reply'; draft: OutgoingDraft & { replyTo: string } }
  | { action: ItemAction; remoteId: string; moderation?: ModerationAction; report?: ReportRequest }

/** What a write changed: the created or updated item, when the network says. */
export interface WriteOutcome {
  item?: Item
}

/**
 * The writes, each optional: a network implements those its `capabilities` declare. Every one of
 * them throws a NetworkFailure (or UserError) the way reads do; the outbox decides what it means.
 */
export interface NetworkWrites {
  /**
   * How long the network remembers an idempotency key (Mastodon: an hour). Within it a resend
   * with the same key cannot create a second post; outside it (or without one) the outbox calls
   * findExisting before resending a write that may have reached the network.
   */
  readonly idempotencyWindowMs?: number
  post?(draft: OutgoingDraft, idempotencyKey: string): Promise<WriteOutcome>
  reply?(draft: OutgoingDraft & { replyTo: string }, idempotencyKey: string): Promise<WriteOutcome>
  like?(remoteId: string): Promise<WriteOutcome>
  unlike?(remoteId: string): Promise<WriteOutcome>
  repost?(remoteId: string): Promise<WriteOutcome>
  unrepost?(remoteId: string): Promise<WriteOutcome>
  /** Deletes the account's own item. Already gone counts as done. */
  remove?(remoteId: string): Promise<WriteOutcome>
  moderate?(remoteId: string, action: ModerationAction): Promise<WriteOutcome>
  report?(remoteId: string, report: ReportRequest): Promise<WriteOutcome>
  /**
   * Whether a write that may have reached the network (the process died while sending, or the
   * answer was lost) is already there, made no earlier than `since` (epoch ms, the first
   * attempt). Resolves with what it found, or null when the write must be sent.
   */
  findExisting?(write: PendingWrite, since: number): Promise<WriteOutcome | null>
}

export interface NetworkAdapter extends NetworkWrites {
  readonly capabilities: WriteCapabilities
  /**
   * One page of a column. `direction: 'newer'` with no cursor means "the newest page" (the
   * first poll); with `cursor.newer` it means "what arrived since". `'older'` continues
   * with `cursor.older`.
   */
  fetchPage(column: ColumnSpec, cursor: PageCursor | undefined, direction: 'newer' | 'older'): Promise<Page>
  /** The whole conversation around one item (by remote id), in reading order. */
  fetchThread(remoteId: string): Promise<{ rootId: string; items: Item[] }>
  /** Choices for a column target (e.g. groups), or [] when the target is free text. */
  listTargets(kind: ColumnKind): Promise<ColumnTarget[]>
  /** People to mention whose name or handle starts with `query`, best first (at most 8). */
  searchPeople?(query: string): Promise<Person[]>
}

export interface SignOutContext {
  http: Http
  account: Account
  credentials: Credentials
}

export interface NetworkDefinition {
  info: NetworkInfo
  /** Suggested poll interval in ms for this network (Chatter: at least a minute). */
  defaultPollMs: number
  signIn(ctx: SignInContext, request: SignInRequest): Promise<SignInResult>
  /** Revoke the token at the network. Failures are reported, the local sign-out still happens. */
  signOut(ctx: SignOutContext): Promise<void>
  createAdapter(ctx: AdapterContext): NetworkAdapter
  /** Checks and normalizes a column target (a feed URL, a query); throws a UserError saying what is wrong. */
  normalizeTarget?(kind: ColumnKind, target: string): string
  /** Title for a new column of this kind. */
  columnTitle(kind: ColumnKind, target: string | undefined): string
}

/** The signed-in person's id on the network: the last part of the account id (network:…:userId). */
export const accountUserId = (account: Pick<Account, 'id'>): string => account.id.slice(account.id.lastIndexOf(':') + 1)

/** Build an item id the one way: accountId + '/' + remoteId. */
export const itemId = (accountId: string, remoteId: string): string => `${accountId}/${remoteId}`
