// The durable outbox: every write (post, reply, like, repost, delete, moderation, report) is an
// entry in outbox.json, written atomically BEFORE any network call, and sent in the background.
//
// Exactly once: an entry is marked 'sending' on disk before its request leaves. If the process
// dies, or the answer is lost (timeout, 5xx, garbled 2xx), the entry is "uncertain": the next
// attempt either resends with the same idempotency key (the network itself drops the duplicate,
// Mastodon) or first asks the network whether the write is already there (findExisting, Chatter).
// Refusals (4xx, 429) create nothing and leave no doubt.
//
// Order: one account's entries go out one at a time, oldest first, so a reply never overtakes
// the post before it. Different accounts do not wait for each other.
import { randomUUID } from 'node:crypto'
import type { ItemActionRequest } from '../../../preload/contract'
import type { Account, AttachmentRules, Draft, Item, OutboxEntry, WriteCapabilities } from '../../../preload/model'
import type { NetworkAdapter, OutgoingFile, PendingWrite, WriteOutcome } from '../../networks/types'
import type { AttachmentStore } from '../attachments/store'
import type { Clock, Logger } from '../capabilities'
import { UserError } from '../errors'
import { RETRY_BACKOFF, backoffDelay, type BackoffPolicy } from '../polling/backoff'
import type { JsonFile } from '../workspace/json-file'
import { planFailure } from './policy'
import { OutboxRecordSchema, type OutboxFile, type OutboxRecord } from './schemas'
import { checkAction, checkAttachments, checkDraft, effectiveCapabilities } from './validate'

/** Whether an account may be asked anything right now (the scheduler knows). */
export type Gate = { kind: 'open' } | { kind: 'paused'; reason: string } | { kind: 'held'; reason: string; until?: number }

export interface OutboxOptions {
  file: JsonFile<OutboxFile>
  clock: Clock
  random: () => number
  logger: Logger
  account(accountId: string): Account | undefined
  networkName(account: Account): string
  adapter(account: Account): NetworkAdapter
  /** The signed-in account an item id belongs to, and its remote id (UserError when there is none). */
  resolveItem(itemId: string): { account: Account; remoteId: string }
  gate(accountId: string): Gate
  /** A send failed: polling learns it too (auth pauses the account, a rate limit holds it). */
  onAccountFailure(accountId: string, error: unknown): void
  onChange(entries: OutboxEntry[]): void
  /** Items a write created or changed (a sent reply, a like's new count). */
  onItems(items: Item[]): void
  onRemoved(itemIds: string[]): void
  /** Staged files drafts refer to; without it, drafts with files are refused. */
  attachments?: AttachmentStore
  /** The files a network's posts may carry (from its NetworkInfo). */
  attachmentRules?(account: Account): AttachmentRules | undefined
  /** Default: a random UUID. */
  newId?: () => string
  /** Default RETRY_BACKOFF (tests shorten it). */
  backoff?: BackoffPolicy
  /** How long sent entries stay listed. Default a day. */
  keepSentMs?: number
}

export interface Outbox {
  /** Reads outbox.json (once). An entry caught mid-send by a crash becomes pending and uncertain. */
  load(): Promise<void>
  /** Loads and begins sending what is due. */
  start(): Promise<void>
  /** Stops sending. An attempt still out is not recorded: on disk it stays 'sending', which the next start treats as uncertain. */
  stop(): Promise<void>
  list(): OutboxEntry[]
  capabilities(accountId: string): WriteCapabilities
  submit(draft: Draft): Promise<OutboxEntry>
  act(request: ItemActionRequest): Promise<OutboxEntry>
  update(entryId: string, draft: Draft): Promise<OutboxEntry>
  retry(entryId: string): Promise<OutboxEntry>
  discard(entryId: string): Promise<void>
  /** The account signed in again: its paused entries go out. */
  resumeAccount(accountId: string): void
  /** A poll of the account just succeeded: entries waiting because it was unreachable go now. */
  networkBack(accountId: string): void
  /** Resolves when no attempt is out (tests). */
  settled(): Promise<void>
}

/** States that still wait for the network. */
const QUEUED = new Set<OutboxRecord['state']>(['pending', 'waiting-retry', 'paused', 'sending'])
const MAX_SENT_KEPT = 200
/** A key is trusted only this long before its window closes: clocks differ. */
const WINDOW_MARGIN_MS = 5 * 60_000

export function createOutbox(opts: OutboxOptions): Outbox {
  const { clock, logger } = opts
  const newId = opts.newId ?? randomUUID
  const policy = opts.backoff ?? RETRY_BACKOFF
  const keepSentMs = opts.keepSentMs ?? 24 * 3_600_000
  let records: OutboxRecord[] = []
  /** Entries that did not parse: kept in the file as they are, never silently dropped. */
  let unreadable: unknown[] = []
  let loading: Promise<void> | undefined
  let running = false
  /** Bumped by stop(): an attempt started before it records nothing. */
  let generation = 0
  let timer: unknown
  const inFlight = new Map<string, Promise<void>>()

  const iso = (ms: number) => new Date(ms).toISOString()
  const find = (entryId: string) => records.find((r) => r.id === entryId)

  function toEntry(r: OutboxRecord): OutboxEntry {
    const { idempotencyKey: _key, firstAttemptAt: _first, sentAt: _sent, offline: _offline, ...entry } = r
    return entry
  }

  async function persist(): Promise<void> {
    await opts.file.save({ version: 1, entries: [...records, ...unreadable] })
  }

  function changed(): void {
    opts.onChange(records.map(toEntry))
  }

  /** Persist then tell the renderer; a failed save is logged (the entry stays in memory and is saved with the next change). */
  async function commit(): Promise<void> {
    try {
      await persist()
    } finally {
      changed()
    }
  }

  function prune(): void {
    const now = clock.now()
    const sent = records.filter((r) => r.state === 'sent')
    const tooOld = new Set(sent.filter((r) => now - Date.parse(r.sentAt ?? r.updatedAt) > keepSentMs).map((r) => r.id))
    for (const r of sent.slice(0, Math.max(0, sent.length - MAX_SENT_KEPT))) tooOld.add(r.id)
    if (tooOld.size > 0) records = records.filter((r) => !tooOld.has(r.id))
  }

  function load(): Promise<void> {
    loading ??= (async () => {
      const file = await opts.file.load()
      const parsed: OutboxRecord[] = []
      const bad: unknown[] = []
      for (const raw of file.entries) {
        const r = OutboxRecordSchema.safeParse(raw)
        if (r.success) parsed.push(r.data)
        else bad.push(raw)
      }
      if (bad.length > 0) logger.warn(`${bad.length} outbox entries could not be read; they stay in outbox.json untouched.`)
      let interrupted = 0
      for (const r of parsed) {
        if (r.state !== 'sending') continue
        // The process ended while this was out: it may have reached the network.
        r.state = 'pending'
        r.uncertain = true
        interrupted += 1
      }
      records = parsed
      unreadable = bad
      prune()
      if (interrupted > 0) {
        logger.info(`${interrupted} outbox entries were being sent when Crosstalk stopped; checking before sending them again.`)
        await persist()
      }
    })().catch((error: unknown) => {
      loading = undefined
      throw error
    })
    return loading
  }

  function requireAccount(accountId: string): Account {
    const account = opts.account(accountId)
    if (!account) throw new UserError('unknown-account', 'That account is not signed in (any more).')
    return account
  }

  function newRecord(fields: Pick<OutboxRecord, 'accountId' | 'network' | 'action'> & Partial<OutboxRecord>): OutboxRecord {
    const now = iso(clock.now())
    return { id: newId(), idempotencyKey: newId(), state: 'pending', attempts: 0, createdAt: now, updatedAt: now, ...fields }
  }

  /** Checks a draft for its account: the action it needs, the text, the files, the item it answers. */
  async function prepareDraft(
    draft: Draft,
  ): Promise<Pick<OutboxRecord, 'accountId' | 'network' | 'action' | 'draft' | 'itemId'>> {
    const account = requireAccount(draft.accountId)
    const action = draft.replyTo ? 'reply' : 'post'
    checkAction(account, opts.adapter(account), action, opts.networkName(account))
    checkDraft(draft)
    await checkAttachments(draft, opts.attachmentRules?.(account), opts.attachments, opts.networkName(account))
    if (draft.replyTo) {
      const owner = opts.resolveItem(draft.replyTo).account
      if (owner.id !== account.id) {
        throw new UserError(
          'reply-from-other-account',
          `Answer from the account that shows this post (${owner.handle}); ${account.handle} cannot see it as such.`,
        )
      }
    }
    return { accountId: account.id, network: account.network, action, draft, itemId: draft.replyTo }
  }

  /** Adds a new record; if it cannot be saved, it is not queued and the caller hears why (the composer keeps the text). */
  async function enqueue(record: OutboxRecord): Promise<OutboxEntry> {
    // Behind a paused entry it waits for the same sign-in.
    const paused = records.find((r) => r.accountId === record.accountId && r.state === 'paused')
    if (paused) Object.assign(record, { state: 'paused', error: paused.error })
    records.push(record)
    try {
      await persist()
    } catch (error) {
      records = records.filter((r) => r !== record)
      throw new UserError('outbox-unsaved', `Crosstalk could not save this to its outbox, so it was not sent: ${String(error)}`)
    }
    const entry = toEntry(record)
    changed()
    pump()
    return entry
  }

  // ---- sending ----

  function clearTimer(): void {
    if (timer !== undefined) clock.clearTimeout(timer)
    timer = undefined
  }

  /** The first entry of each account that still waits, in submission order. */
  function heads(): OutboxRecord[] {
    const seen = new Set<string>()
    const out: OutboxRecord[] = []
    for (const r of records) {
      if (!QUEUED.has(r.state) || seen.has(r.accountId)) continue
      seen.add(r.accountId)
      out.push(r)
    }
    return out
  }

  /** Starts every attempt that is due and sets one timer for the next. */
  function pump(): void {
    if (!running) return
    clearTimer()
    const now = clock.now()
    let next: number | undefined
    for (const head of heads()) {
      if (inFlight.has(head.accountId) || head.state === 'paused') continue
      const due = head.state === 'waiting-retry' && head.nextAttemptAt ? Date.parse(head.nextAttemptAt) : now
      if (due > now) {
        next = next === undefined ? due : Math.min(next, due)
        continue
      }
      const accountId = head.accountId
      const run = attempt(head)
        .catch((error: unknown) => logger.error('An outbox attempt failed unexpectedly', { error: String(error) }))
        .finally(() => {
          inFlight.delete(accountId)
          pump()
        })
      inFlight.set(accountId, run)
    }
    if (next !== undefined) timer = clock.setTimeout(pump, next - now)
  }

  function pauseAccount(accountId: string, reason: string): void {
    const now = iso(clock.now())
    for (const r of records) {
      if (r.accountId !== accountId || !QUEUED.has(r.state) || r.state === 'sending') continue
      Object.assign(r, { state: 'paused', error: reason, nextAttemptAt: undefined, updatedAt: now })
    }
  }

  function remoteIdOf(record: OutboxRecord, itemId: string): string {
    const prefix = `${record.accountId}/`
    if (!itemId.startsWith(prefix)) throw new UserError('invalid-item', 'This entry names a post of another account.')
    return itemId.slice(prefix.length)
  }

  /** The staged files no queued entry refers to any more are deleted (a cross-post shares them until the last is sent). */
  async function forgetFiles(draft: Draft | undefined): Promise<void> {
    const store = opts.attachments
    if (!store) return
    for (const f of draft?.attachments ?? []) {
      const used = records.some((r) => r.state !== 'sent' && r.draft?.attachments?.some((a) => a.ref === f.ref))
      if (!used)
        await store.remove(f.ref).catch((e: unknown) => logger.warn('Could not delete a sent attachment', { error: String(e) }))
    }
  }

  async function pendingWrite(record: OutboxRecord): Promise<PendingWrite> {
    if (record.action === 'post' || record.action === 'reply') {
      const { accountId: _a, replyTo, attachments, ...rest } = record.draft ?? { text: '' }
      const files: OutgoingFile[] = []
      for (const a of attachments ?? []) {
        if (!opts.attachments) throw new UserError('attachments-unsupported', 'This post carries files Crosstalk cannot find.')
        const staged = await opts.attachments.read(a.ref)
        files.push({ ...staged, ...(a.description ? { description: a.description } : {}) })
      }
      const draft = files.length ? { ...rest, files } : rest
      if (record.action === 'post') return { action: 'post', draft }
      if (!replyTo) throw new UserError('invalid-entry', 'This reply does not say what it answers.')
      return { action: 'reply', draft: { ...draft, replyTo: remoteIdOf(record, replyTo) } }
    }
    if (!record.itemId) throw new UserError('invalid-entry', 'This entry does not say which post it acts on.')
    return {
      action: record.action,
      remoteId: remoteIdOf(record, record.itemId),
      moderation: record.moderation,
      report: record.report,
    }
  }

  function perform(adapter: NetworkAdapter, write: PendingWrite, key: string): Promise<WriteOutcome> {
    const missing = (): never => {
      throw new UserError('unsupported-action', `This network cannot ${write.action} from Crosstalk.`)
    }
    switch (write.action) {
      case 'post':
        return adapter.post ? adapter.post(write.draft, key) : missing()
      case 'reply':
        return adapter.reply ? adapter.reply(write.draft, key) : missing()
      case 'moderate':
        if (!write.moderation) throw new UserError('missing-moderation', 'Choose how to moderate this item.')
        return adapter.moderate ? adapter.moderate(write.remoteId, write.moderation) : missing()
      case 'report':
        return adapter.report ? adapter.report(write.remoteId, write.report ?? {}) : missing()
      default: {
        const method = adapter[write.action]
        return method ? method.call(adapter, write.remoteId) : missing()
      }
    }
  }

  /** Must we ask the network before resending? Only when an earlier attempt may have landed and no key protects us. */
  function mustReconcile(adapter: NetworkAdapter, record: OutboxRecord, now: number): boolean {
    if (!record.uncertain) return false
    const window = adapter.idempotencyWindowMs
    const first = record.firstAttemptAt ? Date.parse(record.firstAttemptAt) : now
    const keyCovers =
      window !== undefined && (record.action === 'post' || record.action === 'reply') && now - first < window - WINDOW_MARGIN_MS
    return !keyCovers
  }

  async function attempt(record: OutboxRecord): Promise<void> {
    const gen = generation
    const now = clock.now()
    const gate = opts.gate(record.accountId)
    if (gate.kind === 'paused') {
      pauseAccount(record.accountId, gate.reason)
      await commit().catch((e: unknown) => logger.error('Could not save outbox.json', { error: String(e) }))
      return
    }
    if (gate.kind === 'held') {
      const at =
        gate.until !== undefined && gate.until > now ? gate.until : now + backoffDelay(policy, record.attempts, opts.random)
      Object.assign(record, { state: 'waiting-retry', nextAttemptAt: iso(at), error: gate.reason, updatedAt: iso(now) })
      await commit().catch((e: unknown) => logger.error('Could not save outbox.json', { error: String(e) }))
      return
    }
    const account = opts.account(record.accountId)
    if (!account) {
      pauseAccount(record.accountId, 'The account is no longer signed in: sign in again to send this, or discard it.')
      await commit().catch((e: unknown) => logger.error('Could not save outbox.json', { error: String(e) }))
      return
    }

    // On disk as 'sending' before anything leaves.
    Object.assign(record, {
      state: 'sending',
      attempts: record.attempts + 1,
      firstAttemptAt: record.firstAttemptAt ?? iso(now),
      nextAttemptAt: undefined,
      updatedAt: iso(now),
    })
    try {
      await persist()
    } catch (error) {
      Object.assign(record, {
        state: 'waiting-retry',
        attempts: record.attempts - 1,
        nextAttemptAt: iso(now + backoffDelay(policy, record.attempts, opts.random)),
        error: `Crosstalk could not save its outbox, so nothing was sent: ${String(error)}`,
      })
      changed()
      return
    }
    changed()

    const adapter = opts.adapter(account)
    let checked = false
    try {
      const write = await pendingWrite(record)
      let outcome: WriteOutcome | null = null
      const reconcile = mustReconcile(adapter, record, clock.now())
      if (reconcile && adapter.findExisting) {
        outcome = await adapter.findExisting(write, Date.parse(record.firstAttemptAt ?? iso(now)))
        checked = true
        if (outcome) logger.info(`Outbox: ${record.action} was already on ${opts.networkName(account)}; not sending it again.`)
      } else if (reconcile) {
        logger.warn(
          `Outbox: ${opts.networkName(account)} cannot be asked whether an earlier ${record.action} arrived; sending it again.`,
        )
      } else if (record.uncertain) {
        checked = true // the idempotency key still covers it
      }
      outcome ??= await perform(adapter, write, record.idempotencyKey)
      if (gen !== generation) return
      // What changed goes out first: whoever sees the entry as sent already has the updated item.
      if (record.action === 'remove' && record.itemId) opts.onRemoved([record.itemId])
      else if (outcome.item) opts.onItems([outcome.item])
      const sentAt = iso(clock.now())
      Object.assign(record, {
        state: 'sent',
        sentAt,
        updatedAt: sentAt,
        error: undefined,
        uncertain: undefined,
        result: outcome.item ? { itemId: outcome.item.id, ...(outcome.item.url ? { url: outcome.item.url } : {}) } : undefined,
      })
      prune()
      await commit().catch((e: unknown) => logger.error('Could not save outbox.json', { error: String(e) }))
      await forgetFiles(record.draft)
    } catch (error) {
      if (gen !== generation) return
      const at = clock.now()
      const plan = planFailure(error, record.attempts - 1, at, opts.random, policy)
      // A refusal after a check (or under a key) proves nothing was made; a lost answer may have made something.
      const uncertain = plan.state === 'waiting-retry' && plan.mayHaveReached ? true : checked ? undefined : record.uncertain
      Object.assign(record, {
        state: plan.state,
        error: plan.error,
        uncertain,
        nextAttemptAt: plan.state === 'waiting-retry' ? iso(plan.at) : undefined,
        offline: plan.state === 'waiting-retry' ? plan.offline : undefined,
        updatedAt: iso(at),
      })
      if (plan.state === 'paused') pauseAccount(record.accountId, plan.error)
      opts.onAccountFailure(record.accountId, error)
      await commit().catch((e: unknown) => logger.error('Could not save outbox.json', { error: String(e) }))
    }
  }

  return {
    load,

    async start() {
      await load()
      running = true
      pump()
    },

    async stop() {
      running = false
      generation += 1
      clearTimer()
      inFlight.clear()
      await opts.file.flush()
    },

    list: () => records.map(toEntry),

    capabilities(accountId) {
      const account = requireAccount(accountId)
      return effectiveCapabilities(account, opts.adapter(account))
    },

    async submit(draft) {
      await load()
      return enqueue(newRecord(await prepareDraft(draft)))
    },

    async act(request) {
      await load()
      const { account } = opts.resolveItem(request.itemId)
      checkAction(account, opts.adapter(account), request.action, opts.networkName(account))
      if (request.action === 'moderate' && !request.moderation) {
        throw new UserError('missing-moderation', 'Choose how to moderate this item (approve, hold, spam, trash, hide).')
      }
      // A second click on the same action while the first still waits is the same wish, not a second one.
      const queued = records.find(
        (r) =>
          QUEUED.has(r.state) &&
          r.itemId === request.itemId &&
          r.action === request.action &&
          r.moderation === request.moderation,
      )
      if (queued) return toEntry(queued)
      return enqueue(
        newRecord({
          accountId: account.id,
          network: account.network,
          action: request.action,
          itemId: request.itemId,
          ...(request.moderation ? { moderation: request.moderation } : {}),
          ...(request.report ? { report: request.report } : {}),
        }),
      )
    },

    async update(entryId, draft) {
      await load()
      const record = find(entryId)
      if (!record) throw new UserError('unknown-entry', 'That outbox entry is gone (sent long ago or discarded).')
      if (!record.draft) throw new UserError('not-a-draft', 'Only posts and replies can be edited.')
      if (record.state === 'sent') throw new UserError('already-sent', 'This was already sent.')
      if (record.state === 'sending') throw new UserError('sending', 'This is being sent right now; edit it if it fails.')
      if (record.uncertain) {
        throw new UserError(
          'maybe-sent',
          'This may already have reached the network: Crosstalk checks before it sends again. Wait for that, or discard it.',
        )
      }
      const prepared = await prepareDraft(draft)
      const previous = { ...record }
      Object.assign(record, prepared, {
        // Other words, other key: the network must not take the edit for a repeat of the old text.
        idempotencyKey: newId(),
        state: 'pending',
        attempts: 0,
        firstAttemptAt: undefined,
        nextAttemptAt: undefined,
        error: undefined,
        updatedAt: iso(clock.now()),
      })
      try {
        await persist()
      } catch (error) {
        Object.assign(record, previous)
        throw new UserError('outbox-unsaved', `Crosstalk could not save the edit: ${String(error)}`)
      }
      const entry = toEntry(record)
      changed()
      pump()
      void forgetFiles(previous.draft)
      return entry
    },

    async retry(entryId) {
      await load()
      const record = find(entryId)
      if (!record) throw new UserError('unknown-entry', 'That outbox entry is gone (sent long ago or discarded).')
      if (record.state === 'sent') throw new UserError('already-sent', 'This was already sent.')
      if (record.state !== 'sending') {
        const now = iso(clock.now())
        // "Now" means now for everything of this account that waits ahead of it, too.
        for (const r of records) {
          const waits = r.state === 'waiting-retry' || r.state === 'paused'
          if (r.accountId === record.accountId && (r === record || waits)) {
            Object.assign(r, { state: 'pending', nextAttemptAt: undefined, updatedAt: now })
          }
        }
        await commit()
        pump()
      }
      return toEntry(record)
    },

    async discard(entryId) {
      await load()
      const record = find(entryId)
      if (!record) return
      if (record.state === 'sending')
        throw new UserError('sending', 'This is being sent right now; it cannot be taken back halfway.')
      records = records.filter((r) => r !== record)
      await forgetFiles(record.draft)
      await commit()
      pump()
    },

    resumeAccount(accountId) {
      const now = iso(clock.now())
      let any = false
      for (const r of records) {
        if (r.accountId !== accountId || r.state !== 'paused') continue
        Object.assign(r, { state: 'pending', error: undefined, updatedAt: now })
        any = true
      }
      if (!any) return
      commit().catch((e: unknown) => logger.error('Could not save outbox.json', { error: String(e) }))
      pump()
    },

    networkBack(accountId) {
      const now = clock.now()
      let any = false
      for (const r of records) {
        if (r.accountId !== accountId || r.state !== 'waiting-retry' || !r.offline) continue
        if (r.nextAttemptAt && Date.parse(r.nextAttemptAt) <= now) continue
        Object.assign(r, { nextAttemptAt: iso(now), updatedAt: iso(now) })
        any = true
      }
      if (!any) return
      commit().catch((e: unknown) => logger.error('Could not save outbox.json', { error: String(e) }))
      pump()
    },

    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()])
    },
  }
}
