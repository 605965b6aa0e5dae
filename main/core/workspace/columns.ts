// The open columns (columns.json): adding one checks it against what its network offers.
import { randomUUID } from 'node:crypto'
import type { AddColumnRequest } from '../../../preload/contract'
import type { Account, ColumnKind, ColumnSpec } from '../../../preload/model'
import type { NetworkDefinition } from '../../networks/types'
import { UserError } from '../errors'
import type { JsonFile } from './json-file'
import { createSerial } from './serial'

export interface ColumnRegistry {
  load(): Promise<void>
  list(): ColumnSpec[]
  get(columnId: string): ColumnSpec | undefined
  forAccount(accountId: string): ColumnSpec[]
  /** Validates the request against the network's column kinds and adds the column. */
  add(account: Account, network: NetworkDefinition, request: AddColumnRequest, titleHint?: string): Promise<ColumnSpec>
  /** Adds the network's default columns, but only when the account has none yet. */
  addDefaults(account: Account, network: NetworkDefinition): Promise<ColumnSpec[]>
  remove(columnId: string): Promise<ColumnSpec | undefined>
  removeForAccount(accountId: string): Promise<ColumnSpec[]>
}

export interface ColumnRegistryOptions {
  file: JsonFile<ColumnSpec[]>
  onChange(columns: ColumnSpec[]): void
  newId?: () => string
}

/** Throws a UserError saying what is wrong with the request; returns the normalized target. */
export function checkColumnRequest(
  network: NetworkDefinition,
  kind: ColumnKind,
  target: string | undefined,
  account?: Pick<Account, 'anonymous'>,
): string | undefined {
  const info = network.info.columnKinds.find((k) => k.kind === kind)
  if (!info) {
    const offered = network.info.columnKinds.map((k) => k.label).join(', ')
    throw new UserError('unsupported-column', `${network.info.name} has no "${kind}" column. It offers: ${offered}.`)
  }
  if (account?.anonymous && !info.public) {
    const offered = network.info.columnKinds.filter((k) => k.public).map((k) => k.label)
    throw new UserError(
      'sign-in-required',
      `A ${info.label} column needs a signed-in ${network.info.name} account.${offered.length ? ` Without signing in: ${offered.join(', ')}.` : ''}`,
    )
  }
  const value = target?.trim()
  if (info.target && !value) {
    throw new UserError('missing-target', `A ${info.label} column needs a ${info.target.label.toLowerCase()}.`)
  }
  if (!info.target && value) {
    throw new UserError('unexpected-target', `A ${info.label} column takes no target; leave it empty.`)
  }
  if (info.target && value && network.normalizeTarget) return network.normalizeTarget(kind, value)
  return info.target ? value : undefined
}

export function createColumnRegistry(opts: ColumnRegistryOptions): ColumnRegistry {
  let columns: ColumnSpec[] = []
  const newId = opts.newId ?? randomUUID
  const serial = createSerial()

  async function commit(next: ColumnSpec[]): Promise<void> {
    await opts.file.save(next)
    columns = next
    opts.onChange(columns)
  }

  const same = (c: ColumnSpec, accountId: string, kind: ColumnKind, target: string | undefined) =>
    c.accountId === accountId && c.kind === kind && (c.target ?? '') === (target ?? '')

  function build(account: Account, network: NetworkDefinition, kind: ColumnKind, target: string | undefined, title?: string) {
    const spec: ColumnSpec = { id: newId(), accountId: account.id, kind, title: title ?? network.columnTitle(kind, target) }
    if (target !== undefined) spec.target = target
    return spec
  }

  return {
    async load() {
      columns = await opts.file.load()
    },
    list: () => columns,
    get: (id) => columns.find((c) => c.id === id),
    forAccount: (accountId) => columns.filter((c) => c.accountId === accountId),

    add: (account, network, request, titleHint) =>
      serial(async () => {
        const target = checkColumnRequest(network, request.kind, request.target, account)
        const existing = columns.find((c) => same(c, account.id, request.kind, target))
        if (existing)
          throw new UserError('duplicate-column', `The column "${existing.title}" is already open for ${account.handle}.`)
        const spec = build(account, network, request.kind, target, request.title ?? titleHint)
        await commit([...columns, spec])
        return spec
      }),

    addDefaults: (account, network) =>
      serial(async () => {
        if (columns.some((c) => c.accountId === account.id)) return []
        const defaults = account.anonymous ? (network.info.publicDefaultColumns ?? []) : network.info.defaultColumns
        const added = defaults.map((d) => build(account, network, d.kind, d.target))
        if (added.length > 0) await commit([...columns, ...added])
        return added
      }),

    remove: (columnId) =>
      serial(async () => {
        const spec = columns.find((c) => c.id === columnId)
        if (!spec) return undefined
        await commit(columns.filter((c) => c.id !== columnId))
        return spec
      }),

    removeForAccount: (accountId) =>
      serial(async () => {
        const gone = columns.filter((c) => c.accountId === accountId)
        if (gone.length > 0) await commit(columns.filter((c) => c.accountId !== accountId))
        return gone
      }),
  }
}
