// The last known workspace (columns, accounts, networks, statuses), so the UI paints before
// main answers. Every value is parsed on the way out: a cache written by an older version is
// skipped, never trusted.
import { z } from 'zod'
import { AccountSchema, ColumnSpecSchema, ColumnStatusSchema, NetworkInfoSchema } from '../../preload/model'
import type { Account, ColumnSpec, ColumnStatus, NetworkInfo } from '../../preload/model'
import type { CrosstalkDb } from './database'
import { statusKey } from './items'

const KEYS = { columns: 'columns', accounts: 'accounts', networks: 'networks' } as const

export interface CachedWorkspace {
  columns: ColumnSpec[]
  accounts: Account[]
  networks: NetworkInfo[]
  statuses: ColumnStatus[]
}

export const cacheColumns = (db: CrosstalkDb, columns: ColumnSpec[]) => db.columns.put({ key: KEYS.columns, value: columns })
export const cacheAccounts = (db: CrosstalkDb, accounts: Account[]) => db.columns.put({ key: KEYS.accounts, value: accounts })
export const cacheNetworks = (db: CrosstalkDb, networks: NetworkInfo[]) => db.columns.put({ key: KEYS.networks, value: networks })
export const cacheStatus = (db: CrosstalkDb, status: ColumnStatus) =>
  db.columns.put({ key: statusKey(status.columnId), value: status })

export async function cacheStatuses(db: CrosstalkDb, statuses: ColumnStatus[]): Promise<void> {
  await db.columns.bulkPut(statuses.map((s) => ({ key: statusKey(s.columnId), value: s })))
}

function parseOr<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const parsed = schema.safeParse(value)
  return parsed.success ? parsed.data : fallback
}

export async function loadCachedWorkspace(db: CrosstalkDb): Promise<CachedWorkspace> {
  const rows = await db.columns.toArray()
  const byKey = new Map(rows.map((r) => [r.key, r.value]))
  const statuses: ColumnStatus[] = []
  for (const row of rows) {
    if (!row.key.startsWith('status:')) continue
    const parsed = ColumnStatusSchema.safeParse(row.value)
    if (parsed.success) statuses.push(parsed.data)
  }
  return {
    columns: parseOr(z.array(ColumnSpecSchema), byKey.get(KEYS.columns), []),
    accounts: parseOr(z.array(AccountSchema), byKey.get(KEYS.accounts), []),
    networks: parseOr(z.array(NetworkInfoSchema), byKey.get(KEYS.networks), []),
    statuses,
  }
}
