// A small network for the core's tests: it signs in through the real loopback authorizer (the
// test's openUrl plays the browser), and its adapter answers from a per-column script.
import type { Account, ColumnSpec, ColumnTarget, Item } from '../../../../preload/model'
import type { SignInRequest } from '../../../../preload/contract'
import {
  itemId,
  type AdapterContext,
  type NetworkAdapter,
  type NetworkDefinition,
  type Page,
  type PageCursor,
} from '../../../../main/networks/types'

export const TEST_NETWORK_NAME = 'Testnet'

/** What a scripted fetchPage does: answer with a page, throw, or wait for the test. */
export type Answer = Page | Error | Deferred<Page>

export interface Deferred<T> {
  promise: Promise<T>
  resolve(value: T): void
  reject(error: Error): void
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void
  let reject!: (e: Error) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

export interface FetchCall {
  columnId: string
  cursor: PageCursor | undefined
  direction: 'newer' | 'older'
}

export interface ScriptedAdapter extends NetworkAdapter {
  readonly calls: FetchCall[]
  /** Answers for the next fetchPage calls of a column, in order; then the default page. */
  queue(columnId: string, ...answers: Answer[]): void
  /** Credentials seen by the adapter (to check the keychain round trip). */
  readonly tokensSeen: string[]
}

let counter = 0

export function testItem(account: Pick<Account, 'id'>, remoteId: string, text = `post ${remoteId}`): Item {
  return {
    id: itemId(account.id, remoteId),
    accountId: account.id,
    network: 'mastodon',
    side: 'external',
    remoteId,
    author: { id: 'u1', name: 'Una Author', handle: '@una' },
    text,
    createdAt: '2025-06-01T11:00:00.000Z',
  }
}

export function page(items: Item[], cursor: PageCursor, extra: Partial<Page> = {}): Page {
  return { items, cursor, hasMore: cursor.older !== undefined, ...extra }
}

/** With no credentials handle (scheduler tests) the adapter skips the keychain. */
export function createScriptedAdapter(account: Account, ctx?: Pick<AdapterContext, 'credentials'>): ScriptedAdapter {
  const scripts = new Map<string, Answer[]>()
  const calls: FetchCall[] = []
  const tokensSeen: string[] = []
  return {
    capabilities: { post: false, reply: false, like: false, repost: false, remove: false, moderate: false, report: false },
    calls,
    tokensSeen,
    queue(columnId, ...answers) {
      scripts.set(columnId, [...(scripts.get(columnId) ?? []), ...answers])
    },
    async fetchPage(column: ColumnSpec, cursor, direction) {
      calls.push({ columnId: column.id, cursor: cursor ? { ...cursor } : undefined, direction })
      if (ctx) tokensSeen.push((await ctx.credentials.get()).accessToken ?? '')
      const next = scripts.get(column.id)?.shift()
      if (next instanceof Error) throw next
      if (next && 'promise' in next) return next.promise
      if (next) return next
      const n = ++counter
      return page([testItem(account, `${column.id}-${n}`)], {
        newer: `new-${n}`,
        older: direction === 'older' ? undefined : `old-${n}`,
      })
    },
    async fetchThread(remoteId) {
      if (ctx) tokensSeen.push((await ctx.credentials.get()).accessToken ?? '')
      const root = testItem(account, `${remoteId}-root`, 'the root')
      return { rootId: root.id, items: [root, testItem(account, remoteId, 'the reply')] }
    },
    async listTargets(kind): Promise<ColumnTarget[]> {
      if (ctx) tokensSeen.push((await ctx.credentials.get()).accessToken ?? '')
      return kind === 'group' ? [{ value: 'g1', label: 'Support group' }] : []
    },
  }
}

export interface TestNetwork {
  network: NetworkDefinition
  adapters: Map<string, ScriptedAdapter>
  /** Every access token handed out by signIn. */
  tokens: string[]
  revoked: string[]
  failRevoke: boolean
}

/**
 * Sign-in: request.server is the user name. The authorize URL is never fetched: the test's
 * openUrl reads redirect_uri and state from it and calls the loopback listener like a browser.
 */
export function createTestNetwork(): TestNetwork {
  const t: TestNetwork = {
    adapters: new Map(),
    tokens: [],
    revoked: [],
    failRevoke: false,
    network: {
      info: {
        id: 'mastodon',
        name: TEST_NETWORK_NAME,
        side: 'external',
        signInFields: ['server'],
        access: 'account-or-public',
        publicFields: ['server'],
        columnKinds: [
          { kind: 'home', label: 'Home' },
          { kind: 'mentions', label: 'Mentions' },
          { kind: 'hashtag', label: 'Hashtag', target: { label: 'Hashtag' } },
          { kind: 'group', label: 'Group', target: { label: 'Group' } },
        ],
        defaultColumns: [{ kind: 'home' }, { kind: 'mentions' }],
      },
      defaultPollMs: 60_000,
      async signIn(ctx, request: SignInRequest) {
        const user = request.server ?? 'alice'
        if (request.anonymous) {
          return {
            account: {
              id: `test:public@${user}`,
              network: 'mastodon',
              side: 'external',
              handle: user,
              displayName: `${user} (public)`,
            },
            credentials: {} as Record<string, string>,
          }
        }
        const auth = await ctx.beginAuthorization()
        try {
          const authorize = new URL('https://testnet.invalid/oauth/authorize')
          authorize.search = new URLSearchParams({
            redirect_uri: auth.redirectUri,
            state: auth.state,
            code_challenge: auth.codeChallenge,
          }).toString()
          const code = await auth.complete(authorize.toString())
          const token = `tok-${user}-${code}-${++counter}-SECRET`
          t.tokens.push(token)
          return {
            account: {
              id: `test:${user}`,
              network: 'mastodon',
              side: 'external',
              handle: `@${user}`,
              displayName: user.toUpperCase(),
            },
            credentials: { accessToken: token, refreshToken: `refresh-${token}` },
          }
        } finally {
          auth.close()
        }
      },
      async signOut(ctx) {
        if (t.failRevoke) throw new Error('revoke endpoint unreachable')
        t.revoked.push(ctx.credentials.accessToken ?? '')
      },
      createAdapter(ctx) {
        const adapter = createScriptedAdapter(ctx.account, ctx)
        t.adapters.set(ctx.account.id, adapter)
        return adapter
      },
      columnTitle: (kind, target) =>
        kind === 'hashtag' ? `#${target}` : kind === 'home' ? 'Home' : kind === 'mentions' ? 'Mentions' : kind,
    },
  }
  return t
}

/** Plays the browser: answers the loopback listener with a code and the state it was given. */
export async function approveInBrowser(authorizeUrl: string): Promise<void> {
  const q = new URL(authorizeUrl).searchParams
  const back = new URL(q.get('redirect_uri') ?? '')
  back.searchParams.set('code', 'c0de')
  back.searchParams.set('state', q.get('state') ?? '')
  const res = await fetch(back)
  await res.text()
}
