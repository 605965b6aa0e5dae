// The three workspace files under dataDir.
import type { Clock, Logger } from '../capabilities'
import { createJsonFile, type JsonFile } from './json-file'
import { AccountsFileSchema, ColumnsFileSchema, CursorsFileSchema, type CursorsFile } from './schemas'
import type { Account, ColumnSpec } from '../../../preload/model'

export interface WorkspaceFiles {
  accounts: JsonFile<Account[]>
  columns: JsonFile<ColumnSpec[]>
  cursors: JsonFile<CursorsFile>
  flush(): Promise<void>
}

export function createWorkspaceFiles(opts: { dataDir: string; clock: Clock; logger: Logger }): WorkspaceFiles {
  const common = { dir: opts.dataDir, clock: opts.clock, logger: opts.logger }
  const accounts = createJsonFile({ ...common, name: 'accounts.json', schema: AccountsFileSchema, empty: () => [] })
  const columns = createJsonFile({ ...common, name: 'columns.json', schema: ColumnsFileSchema, empty: () => [] })
  const cursors = createJsonFile({ ...common, name: 'cursors.json', schema: CursorsFileSchema, empty: () => ({}) })
  return {
    accounts,
    columns,
    cursors,
    flush: async () => {
      await Promise.all([accounts.flush(), columns.flush(), cursors.flush()])
    },
  }
}
