// The signed-in accounts (accounts.json, no secrets) and everything tied to one account: its
// keychain entry, its network and its adapter (one per account, created on first use).
import type { SignInRequest } from '../../../preload/contract'
import { AccountSchema, type Account, type NetworkId } from '../../../preload/model'
import type { LoopbackAuthorization, NetworkAdapter, NetworkDefinition } from '../../networks/types'
import type { Logger } from '../capabilities'
import { UserError } from '../errors'
import type { Http } from '../http/client'
import type { SecretStore } from '../secrets/secret-store'
import type { JsonFile } from '../workspace/json-file'
import { createSerial } from '../workspace/serial'
import { createCredentialsHandle, decodeCredentials, encodeCredentials } from './credentials'

export interface AccountRegistryOptions {
  file: JsonFile<Account[]>
  secrets: SecretStore
  networks: NetworkDefinition[]
  http: Http
  logger: Logger
  beginAuthorization(): Promise<LoopbackAuthorization>
  onChange(accounts: Account[]): void
}

export interface AccountRegistry {
  load(): Promise<void>
  list(): Account[]
  get(accountId: string): Account | undefined
  /** The account, or a UserError saying it is not signed in. */
  require(accountId: string): Account
  network(account: Account): NetworkDefinition
  networkById(id: NetworkId): NetworkDefinition
  adapter(account: Account): NetworkAdapter
  /** The account an item id (accountId + '/' + remoteId) belongs to, and the remote id. */
  resolveItem(itemId: string): { account: Account; remoteId: string }
  /** Runs the network's sign-in and stores the result; signing in again to an account replaces it. */
  signIn(request: SignInRequest): Promise<Account>
  /** Revokes at the network (best effort), deletes the keychain entry, forgets the account. */
  signOut(accountId: string): Promise<Account>
  /** The network refused the credentials: remember that until the next sign-in. */
  markNeedsSignIn(accountId: string): Promise<void>
}

export function createAccountRegistry(opts: AccountRegistryOptions): AccountRegistry {
  const networks = new Map(opts.networks.map((n) => [n.info.id, n]))
  const adapters = new Map<string, NetworkAdapter>()
  const serial = createSerial()
  let accounts: Account[] = []

  async function commit(next: Account[]): Promise<void> {
    await opts.file.save(next)
    accounts = next
    opts.onChange(accounts)
  }

  function networkById(id: NetworkId): NetworkDefinition {
    const network = networks.get(id)
    if (!network) throw new UserError('unknown-network', `Crosstalk cannot connect to ${id} in this build.`)
    return network
  }

  function require(accountId: string): Account {
    const account = accounts.find((a) => a.id === accountId)
    if (!account) throw new UserError('unknown-account', 'That account is not signed in (any more).')
    return account
  }

  return {
    async load() {
      accounts = await opts.file.load()
    },
    list: () => accounts,
    get: (id) => accounts.find((a) => a.id === id),
    require,
    network: (account) => networkById(account.network),
    networkById,

    adapter(account) {
      let adapter = adapters.get(account.id)
      if (!adapter) {
        const network = networkById(account.network)
        adapter = network.createAdapter({ account, http: opts.http, credentials: createCredentialsHandle(opts.secrets, account) })
        adapters.set(account.id, adapter)
      }
      return adapter
    },

    resolveItem(itemId) {
      // Account ids may contain ':' (and, in principle, '/'): the longest id that prefixes the item id wins.
      const account = accounts
        .filter((a) => itemId.startsWith(`${a.id}/`) && itemId.length > a.id.length + 1)
        .sort((a, b) => b.id.length - a.id.length)[0]
      if (!account) throw new UserError('unknown-account', 'This post belongs to an account that is no longer signed in.')
      return { account, remoteId: itemId.slice(account.id.length + 1) }
    },

    async signIn(request) {
      const network = networkById(request.network)
      const access = network.info.access ?? 'account'
      if (request.anonymous && access === 'account')
        throw new UserError('sign-in-required', `${network.info.name} cannot be read without signing in.`)
      const anonymous = request.anonymous === true || access === 'public'
      // Before any browser opens: a sign-in whose token could not be kept must not start.
      if (!anonymous) await opts.secrets.check()
      const result = await network.signIn(
        { http: opts.http, beginAuthorization: opts.beginAuthorization },
        { ...request, anonymous },
      )
      // Parsing strips anything that is not an Account field; needsSignIn is cleared by signing in.
      const { needsSignIn: _cleared, ...parsed } = AccountSchema.parse(result.account)
      const account = anonymous ? { ...parsed, anonymous: true } : { ...parsed, anonymous: undefined }
      if (account.network !== network.info.id) throw new Error(`${network.info.id} sign-in returned a ${account.network} account`)
      if (anonymous && Object.keys(result.credentials).length > 0)
        throw new Error(`${network.info.id} returned credentials for a public source; they would not be kept.`)
      return serial(async () => {
        const existed = accounts.some((a) => a.id === account.id)
        if (!anonymous) await opts.secrets.set(account.id, encodeCredentials(result.credentials))
        adapters.delete(account.id)
        const next = existed ? accounts.map((a) => (a.id === account.id ? account : a)) : [...accounts, account]
        try {
          await commit(next)
        } catch (error) {
          // Keep keychain and accounts.json in step: a token nobody can see is not left behind.
          if (!existed && !anonymous) await opts.secrets.delete(account.id).catch(() => {})
          throw error
        }
        return account
      })
    },

    signOut: (accountId) =>
      serial(async () => {
        const account = require(accountId)
        const network = networkById(account.network)
        if (account.anonymous) {
          // A public source: no token to revoke, nothing in the keychain.
          adapters.delete(account.id)
          await commit(accounts.filter((a) => a.id !== account.id))
          return account
        }
        try {
          const credentials = decodeCredentials(account, await opts.secrets.get(account.id))
          await network.signOut({ http: opts.http, account, credentials })
        } catch (error) {
          opts.logger.warn(
            `Could not revoke the sign-in of ${account.handle} at ${network.info.name}; signing out locally anyway.`,
            {
              reason: error instanceof Error ? error.message : String(error),
            },
          )
        }
        await opts.secrets.delete(account.id)
        adapters.delete(account.id)
        await commit(accounts.filter((a) => a.id !== account.id))
        return account
      }),

    markNeedsSignIn: (accountId) =>
      serial(async () => {
        const account = accounts.find((a) => a.id === accountId)
        if (!account || account.needsSignIn) return
        adapters.delete(accountId)
        await commit(accounts.map((a) => (a.id === accountId ? { ...a, needsSignIn: true } : a)))
      }),
  }
}
