// What the user has set up: accounts, columns (in order) and the networks main supports.
import { createStore } from 'zustand/vanilla'
import type { Account, ColumnSpec, NetworkInfo } from '../../preload/model'

export interface WorkspaceState {
  accounts: Account[]
  columns: ColumnSpec[]
  networks: NetworkInfo[]
  /** Which shell runs main, once app.ready answered. */
  host?: 'electron' | 'web'
  demo?: boolean
  setAccounts(accounts: Account[]): void
  setColumns(columns: ColumnSpec[]): void
  setNetworks(networks: NetworkInfo[]): void
  setHost(host: 'electron' | 'web', demo: boolean): void
  /** Adds the account, or replaces the one with the same id. */
  upsertAccount(account: Account): void
  /** Adds the column at the end, or replaces the one with the same id. */
  upsertColumn(column: ColumnSpec): void
  removeColumn(columnId: string): void
}

function upsert<T extends { id: string }>(list: T[], value: T): T[] {
  const at = list.findIndex((x) => x.id === value.id)
  if (at < 0) return [...list, value]
  const next = [...list]
  next[at] = value
  return next
}

export const createWorkspaceStore = (initial: Partial<Pick<WorkspaceState, 'accounts' | 'columns' | 'networks'>> = {}) =>
  createStore<WorkspaceState>()((set) => ({
    accounts: initial.accounts ?? [],
    columns: initial.columns ?? [],
    networks: initial.networks ?? [],
    setAccounts: (accounts) => set({ accounts }),
    setColumns: (columns) => set({ columns }),
    setNetworks: (networks) => set({ networks }),
    setHost: (host, demo) => set({ host, demo }),
    upsertAccount: (account) => set((s) => ({ accounts: upsert(s.accounts, account) })),
    upsertColumn: (column) => set((s) => ({ columns: upsert(s.columns, column) })),
    removeColumn: (columnId) => set((s) => ({ columns: s.columns.filter((c) => c.id !== columnId) })),
  }))

export type WorkspaceStore = ReturnType<typeof createWorkspaceStore>
