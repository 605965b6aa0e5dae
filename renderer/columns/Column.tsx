// One column: header (network, account, title, freshness, unread), actions, and its posts.
import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback } from 'react'
import type { ColumnSpec } from '../../preload/model'
import { useServices, useStatuses, useUi, useWorkspace } from '../app-context'
import { newestItemTime, removeColumn } from '../db/items'
import { markRead, unreadCountQuery } from '../db/read-state'
import { useNow } from '../common/use-now'
import { useReportingAction } from '../common/use-bridge-action'
import { ColumnItems } from './ColumnItems'
import { statusLine } from './status-line'

export function Column({ column }: { column: ColumnSpec }) {
  const { api, db, stores } = useServices()
  const run = useReportingAction()
  const account = useWorkspace((s) => s.accounts.find((a) => a.id === column.accountId))
  const networkName = useWorkspace((s) => s.networks.find((n) => n.id === account?.network)?.name ?? account?.network)
  const status = useStatuses((s) => s.byColumn[column.id])
  const connection = useUi((s) => s.connection)
  const now = useNow()
  const line = statusLine(status, connection, now)
  const unread = useLiveQuery(() => unreadCountQuery(db, column.id), [db, column.id], 0)

  const markColumnRead = useCallback(() => {
    void (async () => {
      // An item stamped slightly ahead of this machine's clock still counts as read.
      const newest = (await newestItemTime(db, column.id)) ?? 0
      await markRead(db, column.id, Math.max(Date.now(), newest))
    })().catch((e: unknown) => stores.ui.getState().pushAlert(`Could not save the read mark: ${String(e)}`))
  }, [db, column.id, stores])

  const remove = async () => {
    const done = await run(`Could not remove the column ${column.title}`, () =>
      api.invoke('columns.remove', { columnId: column.id }),
    )
    if (!done) return
    stores.workspace.getState().removeColumn(column.id)
    stores.statuses.getState().remove(column.id)
    await removeColumn(db, column.id)
  }

  return (
    <section className="column" aria-label={column.title}>
      <header className="column-header">
        <div className="column-title-row">
          <h3 className="column-title">{column.title}</h3>
          {unread > 0 && (
            <span className="badge badge-unread" title={`${unread} unread`}>
              {unread}
            </span>
          )}
        </div>
        <p className="column-meta">
          {networkName ?? 'Unknown network'}
          {account && <> · {account.handle}</>}
          {account?.needsSignIn && <span className="badge badge-warning"> sign in again</span>}
        </p>
        <p className={`column-status tone-${line.tone}`}>{line.text}</p>
        <div className="column-actions">
          <button
            type="button"
            className="small"
            aria-label={`Refresh ${column.title}`}
            onClick={() =>
              void run(`Could not refresh ${column.title}`, () => api.invoke('columns.refresh', { columnId: column.id }))
            }
          >
            Refresh
          </button>
          <button
            type="button"
            className="small"
            aria-label={`Mark read ${column.title}`}
            onClick={markColumnRead}
            disabled={unread === 0}
          >
            Mark read
          </button>
          <button
            type="button"
            className="small danger"
            aria-label={`Remove column ${column.title}`}
            onClick={() => void remove()}
          >
            Remove
          </button>
        </div>
      </header>
      <ColumnItems column={column} status={status} now={now} onReachedTop={markColumnRead} />
    </section>
  )
}
