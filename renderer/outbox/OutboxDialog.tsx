// The Outbox: every write not yet forgotten, newest first, with its state and the network's
// message when it failed; Retry, Edit (back into the composer) and Discard where they apply.
import { useLiveQuery } from 'dexie-react-hooks'
import type { OutboxEntry } from '../../preload/model'
import { useOutbox, useServices, useWorkspace } from '../app-context'
import { Dialog } from '../common/Dialog'
import { formatFull } from '../common/time'
import { useReportingAction } from '../common/use-bridge-action'
import { canDiscard, canEdit, canRetry, describeEntry, STATE_LABELS } from './describe'

export function OutboxDialog() {
  const { api, db, stores } = useServices()
  const run = useReportingAction()
  const entries = useOutbox((s) => s.entries)
  const accounts = useWorkspace((s) => s.accounts)
  const sorted = [...entries].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  // The posts the entries act on or answer, from the cache, to say which post each one concerns.
  const targetIds = [...new Set(sorted.flatMap((e) => (e.itemId ? [e.itemId] : [])))]
  const targets = useLiveQuery(
    async () => new Map((await db.items.bulkGet(targetIds)).flatMap((i) => (i ? [[i.id, i] as const] : []))),
    [db, targetIds.join('\n')],
  )
  const describe = (e: OutboxEntry) => describeEntry(e, e.itemId ? targets?.get(e.itemId) : undefined)
  const close = () => stores.ui.getState().closeDialog()
  const handle = (e: OutboxEntry) => accounts.find((a) => a.id === e.accountId)?.handle ?? e.accountId

  return (
    <Dialog title="Outbox" onClose={close}>
      {sorted.length === 0 ? (
        <p className="form-note">Nothing waiting: everything you wrote has gone out.</p>
      ) : (
        <ul className="outbox-list" aria-label="Outbox entries">
          {sorted.map((e) => (
            <li key={e.id} className={`outbox-entry outbox-${e.state}`} aria-label={describe(e)}>
              <p>
                <span className="badge">{STATE_LABELS[e.state]}</span> {describe(e)}
              </p>
              <p className="form-note">
                {handle(e)} · {formatFull(e.createdAt)}
                {e.attempts > 0 ? ` · ${e.attempts} attempt${e.attempts === 1 ? '' : 's'}` : ''}
                {e.nextAttemptAt && e.state === 'waiting-retry' ? ` · next try ${formatFull(e.nextAttemptAt)}` : ''}
              </p>
              {e.error && <p className={e.state === 'failed' ? 'form-error' : 'form-note'}>{e.error}</p>}
              <div className="form-actions">
                {canRetry(e) && (
                  <button
                    type="button"
                    className="small"
                    onClick={() => void run('Could not retry', () => api.invoke('outbox.retry', { entryId: e.id }))}
                  >
                    Retry
                  </button>
                )}
                {canEdit(e) && (
                  <button type="button" className="small" onClick={() => stores.ui.getState().openComposer({ entry: e })}>
                    Edit
                  </button>
                )}
                {canDiscard(e) && e.state !== 'sent' && (
                  <button
                    type="button"
                    className="small danger"
                    onClick={() => void run('Could not discard', () => api.invoke('outbox.discard', { entryId: e.id }))}
                  >
                    Discard
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  )
}
