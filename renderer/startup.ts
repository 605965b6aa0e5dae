// How the app comes to life: paint from the cache first, then ask main, then follow its events.
// Performance rule: no call crosses the bridge before the first paint from IndexedDB.
import type { Account, ColumnSpec, OutboxEntry } from '../preload/model'
import type { AppServices } from './app-context'
import { cacheAccounts, cacheColumns, cacheNetworks, cacheStatus, cacheStatuses, loadCachedWorkspace } from './db/cache'
import { applySentAction, removeColumn, removeItems, saveDetachedItems, saveItems, type QueueColumn } from './db/items'
import { errorMessage, isUnreachable } from './common/errors'
import { isWebUrl } from './common/links'
import type { ConnectionSource } from './ws-transport'

type Services = Pick<AppServices, 'api' | 'db' | 'stores' | 'openWindow'>

const report = (services: Services, what: string) => (error: unknown) => {
  if (!isUnreachable(error)) services.stores.ui.getState().pushAlert(`${what}: ${errorMessage(error)}`)
}

/** Reads the cached workspace into the stores. Returns once the stores hold it. */
export async function hydrateFromCache(services: Services): Promise<void> {
  const { workspace, statuses, ui } = services.stores
  try {
    const cached = await loadCachedWorkspace(services.db)
    workspace.getState().setNetworks(cached.networks)
    workspace.getState().setAccounts(cached.accounts)
    workspace.getState().setColumns(cached.columns)
    statuses.getState().setAll(cached.statuses)
  } catch (error) {
    report(services, 'Could not read the saved workspace')(error)
  } finally {
    ui.getState().setHydrated()
  }
}

/** Drops what a column left in IndexedDB and the stores when main no longer lists it. */
async function forgetRemovedColumns(services: Services, next: ColumnSpec[]): Promise<void> {
  const kept = new Set(next.map((c) => c.id))
  const removed = services.stores.workspace.getState().columns.filter((c) => !kept.has(c.id))
  for (const column of removed) {
    services.stores.statuses.getState().remove(column.id)
    await removeColumn(services.db, column.id)
  }
}

export async function applyColumns(services: Services, columns: ColumnSpec[]): Promise<void> {
  await forgetRemovedColumns(services, columns)
  services.stores.workspace.getState().setColumns(columns)
  await cacheColumns(services.db, columns)
}

/** Asks main which writes each account has (the card actions and the composer offer only those). */
export async function loadCapabilities(services: Services, accounts: readonly Account[]): Promise<void> {
  const { api, stores } = services
  await Promise.all(
    accounts.map(async (a) =>
      stores.outbox.getState().setCapabilities(a.id, await api.invoke('accounts.capabilities', { accountId: a.id })),
    ),
  )
}

/** Takes main's outbox; a like or repost that just went out is recorded on the cached item. */
export async function applyOutbox(services: Services, entries: OutboxEntry[]): Promise<void> {
  const { db, stores } = services
  const before = new Map(stores.outbox.getState().entries.map((e) => [e.id, e.state]))
  stores.outbox.getState().setEntries(entries)
  for (const e of entries) {
    if (e.state === 'sent' && before.get(e.id) !== 'sent' && e.itemId) await applySentAction(db, e.itemId, e.action)
  }
}

/** Columns that are moderation queues (their kind says which states they list). */
function queueColumns(services: Services): QueueColumn[] {
  const { accounts, columns, networks } = services.stores.workspace.getState()
  return columns.flatMap((c) => {
    const network = accounts.find((a) => a.id === c.accountId)?.network
    const lists = networks.find((n) => n.id === network)?.columnKinds.find((k) => k.kind === c.kind)?.lists
    return lists ? [{ id: c.id, accountId: c.accountId, lists }] : []
  })
}

/** Follows main's events. Returns the function that stops listening. */
export function wireEvents(services: Services): () => void {
  const { api, db, stores } = services
  const offs = [
    api.on(
      'items',
      (p) =>
        void (p.detached ? saveDetachedItems(db, p.items, queueColumns(services)) : saveItems(db, p.columnId, p.items)).catch(
          report(services, 'Could not save new items'),
        ),
    ),
    api.on('items.removed', (p) => void removeItems(db, p.itemIds).catch(report(services, 'Could not forget deleted items'))),
    api.on(
      'outbox.changed',
      (entries) => void applyOutbox(services, entries).catch(report(services, 'Could not update the outbox')),
    ),
    api.on('column.status', (status) => {
      stores.statuses.getState().setStatus(status)
      void cacheStatus(db, status).catch(report(services, 'Could not save a column status'))
    }),
    api.on('accounts.changed', (accounts) => {
      stores.workspace.getState().setAccounts(accounts)
      void cacheAccounts(db, accounts).catch(report(services, 'Could not save the accounts'))
      void loadCapabilities(services, accounts).catch(report(services, 'Could not learn what the accounts can do'))
    }),
    api.on(
      'columns.changed',
      (columns) => void applyColumns(services, columns).catch(report(services, 'Could not save the columns')),
    ),
    api.on('open-url', ({ url }) => {
      if (!isWebUrl(url)) return stores.ui.getState().pushAlert(`Refused to open a link that is not a web address: ${url}`)
      stores.ui.getState().setSignInUrl(url)
      services.openWindow(url)
    }),
  ]
  return () => offs.forEach((off) => off())
}

/**
 * Tells main we listen, then reconciles with each of its answers as it arrives (one slow or
 * failing list does not hold the others back).
 */
export async function syncFromMain(services: Services): Promise<void> {
  const { api, db, stores } = services
  const workspace = () => stores.workspace.getState()
  const failed = report(services, 'Could not load the workspace from Crosstalk')
  try {
    const ready = await api.invoke('app.ready', {})
    workspace().setHost(ready.host, ready.demo)
  } catch (error) {
    return failed(error)
  }
  const steps: Promise<unknown>[] = [
    api.invoke('networks.list', {}).then((networks) => {
      workspace().setNetworks(networks)
      return cacheNetworks(db, networks)
    }),
    api.invoke('accounts.list', {}).then(async (accounts) => {
      workspace().setAccounts(accounts)
      await cacheAccounts(db, accounts)
      await loadCapabilities(services, accounts)
    }),
    api.invoke('outbox.list', {}).then((entries) => applyOutbox(services, entries)),
    api.invoke('columns.list', {}).then((columns) => applyColumns(services, columns)),
    api.invoke('columns.statuses', {}).then((statuses) => {
      stores.statuses.getState().setAll(statuses)
      return cacheStatuses(db, statuses)
    }),
  ]
  const results = await Promise.allSettled(steps)
  const firstFailure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (firstFailure) failed(firstFailure.reason)
}

/** Waits until the browser has painted what is on screen now. */
export const afterNextPaint = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))

export interface StartOptions {
  connection: ConnectionSource
  /** Resolves once the cached state is on screen; defaults to the next animation frame. */
  afterPaint?: () => Promise<void>
}

/** Runs the whole start-up and keeps the app in step with main (again after every reconnect). */
export function startApp(services: Services, options: StartOptions): () => void {
  const { ui } = services.stores
  let stopped = false
  let syncing = false
  const runSync = async () => {
    if (syncing || stopped) return
    syncing = true
    try {
      await syncFromMain(services)
    } finally {
      syncing = false
    }
  }
  ui.getState().setConnection(options.connection.get())
  const offConnection = options.connection.subscribe((state) => {
    ui.getState().setConnection(state)
    // A (re)started host knows nothing of this page: say ready again and reconcile.
    if (state === 'connected') void runSync()
  })
  const offEvents = wireEvents(services)
  void (async () => {
    await hydrateFromCache(services)
    await (options.afterPaint ?? afterNextPaint)()
    await runSync()
  })()
  return () => {
    stopped = true
    offConnection()
    offEvents()
  }
}
