// A NetworkAdapter whose writes answer from a script, for the outbox's unit tests: each call is
// recorded (with its idempotency key), and answers are values, errors, or promises the test holds.
import type { Account, Item } from '../../../../../preload/model'
import type { NetworkAdapter, OutgoingDraft, PendingWrite, WriteOutcome } from '../../../../../main/networks/types'
import { itemId } from '../../../../../main/networks/types'
import { deferred, type Deferred } from '../test-network'

export type WriteMethod = 'post' | 'reply' | 'like' | 'unlike' | 'repost' | 'unrepost' | 'remove' | 'report' | 'findExisting'
export type Answer = WriteOutcome | null | Error | Deferred<WriteOutcome | null>

export interface WriteCall {
  method: WriteMethod
  draft?: OutgoingDraft
  remoteId?: string
  key?: string
  write?: PendingWrite
  since?: number
}

export interface ScriptedWrites extends NetworkAdapter {
  calls: WriteCall[]
  /** Answers for the next calls of a method, in order; then a default success. */
  queue(method: WriteMethod, ...answers: Answer[]): void
}

export function postedItem(account: Pick<Account, 'id'>, remoteId: string, text = 'posted'): Item {
  return {
    id: itemId(account.id, remoteId),
    accountId: account.id,
    network: 'mastodon',
    side: 'external',
    remoteId,
    url: `https://example.social/@me/${remoteId}`,
    author: { id: 'me', name: 'Me' },
    text,
    createdAt: '2025-06-01T12:00:00.000Z',
  }
}

export function createScriptedWrites(
  account: Pick<Account, 'id'>,
  options: { idempotencyWindowMs?: number; reconcile?: boolean; capabilities?: Partial<NetworkAdapter['capabilities']> } = {},
): ScriptedWrites {
  const calls: WriteCall[] = []
  const scripts = new Map<WriteMethod, Answer[]>()
  let n = 0

  async function answer(method: WriteMethod, call: Omit<WriteCall, 'method'>, fallback: () => WriteOutcome | null) {
    calls.push({ method, ...call })
    const next = scripts.get(method)?.shift()
    if (next instanceof Error) throw next
    if (next && typeof next === 'object' && 'promise' in next) return next.promise
    if (next !== undefined) return next
    return fallback()
  }
  const made = (text?: string) => ({ item: postedItem(account, `r${++n}`, text) })

  const adapter: ScriptedWrites = {
    calls,
    queue(method, ...answers) {
      scripts.set(method, [...(scripts.get(method) ?? []), ...answers])
    },
    capabilities: {
      post: true,
      reply: true,
      like: true,
      repost: true,
      remove: true,
      moderate: false,
      report: false,
      ...options.capabilities,
    },
    ...(options.idempotencyWindowMs !== undefined ? { idempotencyWindowMs: options.idempotencyWindowMs } : {}),
    async fetchPage() {
      return { items: [], cursor: {}, hasMore: false }
    },
    async fetchThread() {
      return { rootId: '', items: [] }
    },
    async listTargets() {
      return []
    },
    post: async (draft, key) => (await answer('post', { draft, key }, () => made(draft.text)))!,
    reply: async (draft, key) => (await answer('reply', { draft, key }, () => made(draft.text)))!,
    like: async (remoteId) => (await answer('like', { remoteId }, () => ({ item: postedItem(account, remoteId, 'liked') })))!,
    unlike: async (remoteId) => (await answer('unlike', { remoteId }, () => ({ item: postedItem(account, remoteId) })))!,
    repost: async (remoteId) => (await answer('repost', { remoteId }, () => ({})))!,
    unrepost: async (remoteId) => (await answer('unrepost', { remoteId }, () => ({})))!,
    remove: async (remoteId) => (await answer('remove', { remoteId }, () => ({})))!,
  }
  if (options.reconcile) adapter.findExisting = (write, since) => answer('findExisting', { write, since }, () => null)
  return adapter
}

export { deferred }
