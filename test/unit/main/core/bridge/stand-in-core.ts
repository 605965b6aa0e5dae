// A small stand-in for createCore's result, shared by the bridge, Electron and web host tests:
// every handler answers with fixed, contract-shaped data and records what it received.
import type { EventName, Handlers } from '../../../../../preload/contract'
import type { Account, Draft, OutboxEntry } from '../../../../../preload/model'

export const account: Account = {
  id: 'mastodon:1@example.social',
  network: 'mastodon',
  side: 'external',
  handle: '@ann',
  displayName: 'Ann',
}

export interface StandInCore {
  handlers: Handlers
  calls: { method: string; args: unknown }[]
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void
  emit(event: EventName, payload: unknown): void
  listenerCount(): number
  start(): Promise<void>
  stop(): Promise<void>
}

const noWrites = { post: false, reply: false, like: false, repost: false, remove: false, moderate: false, report: false }
const entry = (draft: Draft): OutboxEntry => ({
  id: 'e1',
  accountId: draft.accountId,
  network: 'mastodon',
  action: draft.replyTo ? 'reply' : 'post',
  draft,
  state: 'pending',
  attempts: 0,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
})

export function createStandInCore(host: 'electron' | 'web' = 'web'): StandInCore {
  const calls: { method: string; args: unknown }[] = []
  const listeners = new Set<(event: EventName, payload: unknown) => void>()
  const record = <T>(method: string, args: unknown, result: T): Promise<T> => {
    calls.push({ method, args })
    return Promise.resolve(result)
  }
  const ok = { ok: true } as const
  const handlers: Handlers = {
    'app.ready': (a) => record('app.ready', a, { host, demo: false }),
    'networks.list': (a) => record('networks.list', a, []),
    'accounts.list': (a) => record('accounts.list', a, [account]),
    'accounts.signIn': (a) => record('accounts.signIn', a, account),
    'accounts.signOut': (a) => record('accounts.signOut', a, ok),
    'columns.list': (a) => record('columns.list', a, []),
    'columns.add': (a) => record('columns.add', a, { id: 'c1', accountId: a.accountId, kind: a.kind, title: a.title ?? 'Home' }),
    'columns.remove': (a) => record('columns.remove', a, ok),
    'columns.refresh': (a) => record('columns.refresh', a, ok),
    'columns.loadMore': (a) => record('columns.loadMore', a, { count: 0, hasMore: false }),
    'columns.statuses': (a) => record('columns.statuses', a, []),
    'columns.targets': (a) => record('columns.targets', a, []),
    'threads.fetch': (a) =>
      record('threads.fetch', a, { rootId: a.itemId, focusId: a.itemId, items: [], fetchedAt: '2025-01-01T00:00:00.000Z' }),
    'links.open': (a) => record('links.open', a, ok),
    'accounts.capabilities': (a) => record('accounts.capabilities', a, noWrites),
    'outbox.list': (a) => record('outbox.list', a, []),
    'outbox.submit': (a) => record('outbox.submit', a, entry(a)),
    'outbox.update': (a) => record('outbox.update', a, entry(a.draft)),
    'outbox.retry': (a) => record('outbox.retry', a, entry({ accountId: account.id, text: 'again' })),
    'outbox.discard': (a) => record('outbox.discard', a, ok),
    'attachments.stage': (a) => record('attachments.stage', a, { ref: '00000000-0000-4000-8000-000000000000' }),
    'attachments.write': (a) => record('attachments.write', a, { received: 1, complete: true }),
    'attachments.discard': (a) => record('attachments.discard', a, ok),
    'people.search': (a) => record('people.search', a, [{ id: '1', name: 'Ada', handle: 'ada' }]),
    'items.act': (a) =>
      record('items.act', a, { ...entry({ accountId: account.id, text: '' }), action: a.action, itemId: a.itemId }),
  }
  return {
    handlers,
    calls,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    emit(event, payload) {
      for (const l of [...listeners]) l(event, payload)
    },
    listenerCount: () => listeners.size,
    start: async () => {},
    stop: async () => {},
  }
}

export function recordingLogger() {
  const lines: { level: 'info' | 'warn' | 'error'; message: string; extra?: Record<string, unknown> }[] = []
  return {
    lines,
    info: (message: string, extra?: Record<string, unknown>) => void lines.push({ level: 'info', message, extra }),
    warn: (message: string, extra?: Record<string, unknown>) => void lines.push({ level: 'warn', message, extra }),
    error: (message: string, extra?: Record<string, unknown>) => void lines.push({ level: 'error', message, extra }),
  }
}
