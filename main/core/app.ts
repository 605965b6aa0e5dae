// The composition root: createCore wires the workspace files, the keychain, the account
// registry, the loopback sign-in and the scheduler into the bridge's handlers and events. Both
// shells (Electron, web host) call it with their own capabilities; nothing here knows which.
import type { EventName, EventPayload, Handlers } from '../../preload/contract'
import { events } from '../../preload/contract'
import { allNetworks } from '../networks'
import type { EndpointOverrides } from '../networks/endpoints'
import type { NetworkDefinition } from '../networks/types'
import { createAccountRegistry } from './accounts/registry'
import { createLoopbackAuthorizer } from './accounts/loopback'
import { consoleLogger, systemClock, type Clock, type Logger, type OpenUrl } from './capabilities'
import { UserError } from './errors'
import { createHttp, summarizeIssues, type Http } from './http/client'
import { createScheduler } from './polling/scheduler'
import { createAttachmentStore } from './attachments/store'
import { createOutboxFile } from './outbox/file'
import { createOutbox, type Gate } from './outbox/outbox'
import type { SecretStore } from './secrets/secret-store'
import { checkColumnRequest, createColumnRegistry } from './workspace/columns'
import { createCursorStore } from './workspace/cursors'
import { createWorkspaceFiles } from './workspace/files'

export interface CoreOptions {
  dataDir: string
  secrets: SecretStore
  openUrl: OpenUrl
  host: 'electron' | 'web'
  /** Default: createHttp(). */
  http?: Http
  /** Default: systemClock. */
  clock?: Clock
  /** Default: allNetworks(endpoints). */
  networks?: NetworkDefinition[]
  /** Overrides of networks' fixed hosts (CROSSTALK_ENDPOINTS): sovereign clouds, local fakes. */
  endpoints?: EndpointOverrides
  /** Reported by app.ready. */
  demo?: boolean
  /** Overrides every network's defaultPollMs (demo, e2e). */
  pollIntervalMs?: number
  logger?: Logger
  /** Jitter source for backoff, default Math.random. */
  random?: () => number
}

export interface Core {
  handlers: Handlers
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void
  /** Loads persisted state and begins polling. */
  start(): Promise<void>
  /** Stops timers and loopback listeners, flushes writes. */
  stop(): Promise<void>
}

export function createCore(options: CoreOptions): Core {
  const logger = options.logger ?? consoleLogger
  const clock = options.clock ?? systemClock
  const http = options.http ?? createHttp({ now: () => clock.now() })
  const networks = options.networks ?? allNetworks(options.endpoints)
  const listeners = new Set<(event: EventName, payload: unknown) => void>()

  /** Every event is parsed by its contract schema: unknown fields (a token, say) are stripped, never sent. */
  function emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const parsed = events[event].safeParse(payload)
    if (!parsed.success) {
      logger.error(`Dropped a malformed "${event}" event`, { issues: summarizeIssues(parsed.error) })
      return
    }
    for (const listener of [...listeners]) {
      try {
        listener(event, parsed.data)
      } catch (error) {
        logger.error(`An event listener failed on "${event}"`, { error: String(error) })
      }
    }
  }

  const files = createWorkspaceFiles({ dataDir: options.dataDir, clock, logger })
  const cursors = createCursorStore(files.cursors, logger)
  const loopback = createLoopbackAuthorizer({ openUrl: options.openUrl, clock, logger })
  const accounts = createAccountRegistry({
    file: files.accounts,
    secrets: options.secrets,
    networks,
    http,
    logger,
    beginAuthorization: () => loopback.begin(),
    onChange: (list) => emit('accounts.changed', list),
  })
  const columns = createColumnRegistry({ file: files.columns, onChange: (list) => emit('columns.changed', list) })
  const scheduler = createScheduler({
    clock,
    random: options.random ?? Math.random,
    logger,
    cursors,
    pollIntervalMs: options.pollIntervalMs,
    columns: () => columns.list(),
    account: (id) => accounts.get(id),
    network: (account) => accounts.network(account),
    adapter: (account) => accounts.adapter(account),
    onItems: (payload) => emit('items', payload),
    onStatus: (status) => {
      emit('column.status', status)
      // The network answered again: what waits in the outbox for it goes now, not at its backoff.
      if (status.state === 'ok') {
        const column = columns.list().find((c) => c.id === status.columnId)
        if (column) outbox.networkBack(column.accountId)
      }
    },
    onAuthFailure: (accountId) => markNeedsSignIn(accountId),
  })

  function markNeedsSignIn(accountId: string): void {
    accounts
      .markNeedsSignIn(accountId)
      .catch((error: unknown) => logger.error('Could not save accounts.json', { error: String(error) }))
  }

  // Writes: durable, sent in the background, obeying the same account state as polling.
  const attachments = createAttachmentStore({ dataDir: options.dataDir })
  const outbox = createOutbox({
    file: createOutboxFile({ dataDir: options.dataDir, clock, logger }),
    attachments,
    attachmentRules: (account) => accounts.network(account).info.attachments,
    clock,
    random: options.random ?? Math.random,
    logger,
    account: (id) => accounts.get(id),
    networkName: (account) => accounts.network(account).info.name,
    adapter: (account) => accounts.adapter(account),
    resolveItem: (itemId) => accounts.resolveItem(itemId),
    gate: (accountId): Gate => {
      try {
        scheduler.guard(accountId)
        return { kind: 'open' }
      } catch (error) {
        if (!(error instanceof UserError)) throw error
        return error.code === 'rate-limited' ? { kind: 'held', reason: error.message } : { kind: 'paused', reason: error.message }
      }
    },
    onAccountFailure: (accountId, error) => scheduler.accountFailed(accountId, error),
    onChange: (entries) => emit('outbox.changed', entries),
    onItems: (items) => emit('items', { columnId: '', items, detached: true }),
    onRemoved: (itemIds) => emit('items.removed', { itemIds }),
  })

  /** Adapter calls made for a handler obey and feed the same account state as polling (sign-in needed, rate limit). */
  async function watched<T>(accountId: string, call: () => Promise<T>): Promise<T> {
    scheduler.guard(accountId)
    try {
      return await call()
    } catch (error) {
      scheduler.accountFailed(accountId, error)
      throw error
    }
  }

  let loading: Promise<void> | undefined
  const loaded = () =>
    (loading ??= Promise.all([accounts.load(), columns.load(), cursors.load()]).then(() => {
      cursors.retainOnly(columns.list().map((c) => c.id))
    }))

  function requireColumn(columnId: string) {
    const spec = columns.get(columnId)
    if (!spec) throw new UserError('unknown-column', 'That column is no longer open.')
    return spec
  }

  const handlers: Handlers = {
    async 'app.ready'() {
      await loaded()
      scheduler.refreshAll()
      return { host: options.host, demo: options.demo ?? false }
    },

    async 'networks.list'() {
      return networks.map((n) => n.info)
    },

    async 'accounts.list'() {
      await loaded()
      return accounts.list()
    },

    async 'accounts.signIn'(request) {
      await loaded()
      const account = await accounts.signIn(request)
      const added = await columns.addDefaults(account, accounts.network(account))
      if (added.length === 0) emit('columns.changed', columns.list())
      scheduler.resumeAccount(account.id)
      outbox.resumeAccount(account.id)
      return account
    },

    async 'accounts.signOut'({ accountId }) {
      await loaded()
      await accounts.signOut(accountId)
      const gone = await columns.removeForAccount(accountId)
      for (const spec of gone) cursors.delete(spec.id)
      scheduler.forgetAccount(accountId)
      return { ok: true }
    },

    async 'columns.list'() {
      await loaded()
      return columns.list()
    },

    async 'columns.add'(request) {
      await loaded()
      const account = accounts.require(request.accountId)
      const network = accounts.network(account)
      const target = checkColumnRequest(network, request.kind, request.target, account)
      const spec = await columns.add(
        account,
        network,
        request,
        request.title ?? (await targetLabel(account.id, request.kind, target)),
      )
      scheduler.sync()
      return spec
    },

    async 'columns.remove'({ columnId }) {
      await loaded()
      // Removing a column that is already gone leaves the wanted state: not an error.
      const spec = await columns.remove(columnId)
      if (spec) cursors.delete(spec.id)
      scheduler.sync()
      return { ok: true }
    },

    async 'columns.refresh'({ columnId }) {
      await loaded()
      requireColumn(columnId)
      // The outcome arrives as column.status and items events.
      void scheduler.refresh(columnId)
      return { ok: true }
    },

    async 'columns.loadMore'({ columnId }) {
      await loaded()
      requireColumn(columnId)
      return scheduler.loadMore(columnId)
    },

    async 'columns.statuses'() {
      await loaded()
      return scheduler.statuses()
    },

    async 'columns.targets'({ accountId, kind }) {
      await loaded()
      const account = accounts.require(accountId)
      const network = accounts.network(account)
      if (!network.info.columnKinds.some((k) => k.kind === kind)) {
        throw new UserError('unsupported-column', `${network.info.name} has no "${kind}" column.`)
      }
      return watched(account.id, () => accounts.adapter(account).listTargets(kind))
    },

    async 'threads.fetch'({ itemId }) {
      await loaded()
      const { account, remoteId } = accounts.resolveItem(itemId)
      const thread = await watched(account.id, () => accounts.adapter(account).fetchThread(remoteId))
      return { rootId: thread.rootId, focusId: itemId, items: thread.items, fetchedAt: new Date(clock.now()).toISOString() }
    },

    async 'links.open'({ url }) {
      await options.openUrl(checkWebUrl(url))
      return { ok: true }
    },

    async 'accounts.capabilities'({ accountId }) {
      await loaded()
      return outbox.capabilities(accountId)
    },
    async 'outbox.list'() {
      await loaded()
      await outbox.load()
      return outbox.list()
    },
    async 'outbox.submit'(draft) {
      await loaded()
      return outbox.submit(draft)
    },
    async 'outbox.update'({ entryId, draft }) {
      await loaded()
      return outbox.update(entryId, draft)
    },
    async 'outbox.retry'({ entryId }) {
      await loaded()
      return outbox.retry(entryId)
    },
    async 'outbox.discard'({ entryId }) {
      await loaded()
      await outbox.discard(entryId)
      return { ok: true }
    },
    async 'attachments.stage'(file) {
      return attachments.stage(file)
    },
    async 'attachments.write'({ ref, offset, data }) {
      return attachments.write(ref, offset, new Uint8Array(Buffer.from(data, 'base64')))
    },
    async 'attachments.discard'({ ref }) {
      // A file a queued post still carries stays until that post is sent or discarded.
      const inUse = outbox.list().some((e) => e.state !== 'sent' && e.draft?.attachments?.some((a) => a.ref === ref))
      if (!inUse) await attachments.remove(ref)
      return { ok: true }
    },
    async 'people.search'({ accountId, query }) {
      await loaded()
      const account = accounts.require(accountId)
      const adapter = accounts.adapter(account)
      if (!adapter.searchPeople) return []
      return watched(accountId, () => adapter.searchPeople!(query))
    },
    async 'items.act'(request) {
      await loaded()
      return outbox.act(request)
    },
  }

  /** For a kind whose target is chosen from a list (a Chatter group), the chosen entry's label makes the title. */
  async function targetLabel(accountId: string, kind: Parameters<Handlers['columns.targets']>[0]['kind'], target?: string) {
    if (target === undefined) return undefined
    const account = accounts.require(accountId)
    try {
      const choices = await watched(accountId, () => accounts.adapter(account).listTargets(kind))
      return choices.find((c) => c.value === target)?.label
    } catch (error) {
      logger.warn('Could not look up the column target for its title', {
        reason: error instanceof Error ? error.message : String(error),
      })
      return undefined
    }
  }

  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async start() {
      await loaded()
      scheduler.start()
      await outbox.start()
    },
    async stop() {
      scheduler.stop()
      loopback.closeAll()
      await outbox.stop()
      await files.flush()
    },
  }
}

/** links.open: only web pages leave through the system browser. */
export function checkWebUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new UserError('invalid-link', 'That link is not a web address, so Crosstalk did not open it.')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError('unsupported-link', `Crosstalk opens only http and https links, not ${url.protocol} ones.`)
  }
  return url.href
}
