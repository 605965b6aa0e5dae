// The card's write actions: Reply opens the composer; the others go through the outbox, and a
// button waits (shows "queued") until its entry has gone out.
import { useState } from 'react'
import { createPortal } from 'react-dom'
import type { Item } from '../../preload/model'
import { useOutbox, useServices } from '../app-context'
import { useReportingAction } from '../common/use-bridge-action'
import { cardActions, pendingFor, type CardAction } from './actions'
import { ReportDialog } from './ReportDialog'

export function ItemActions({ item }: { item: Item }) {
  const { api, stores } = useServices()
  const run = useReportingAction()
  const caps = useOutbox((s) => s.capabilities[item.accountId])
  const entries = useOutbox((s) => s.entries)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [reporting, setReporting] = useState(false)
  const actions = cardActions(item, caps)
  if (actions.length === 0) return null

  const press = (a: CardAction) => {
    if (a.action === 'reply') return stores.ui.getState().openComposer({ replyTo: item })
    if (a.action === 'report') return setReporting(true)
    if (a.confirm && confirming !== a.label) return setConfirming(a.label)
    setConfirming(null)
    void run(`Could not ${a.label.toLowerCase()}`, () =>
      api.invoke('items.act', {
        itemId: item.id,
        action: a.action as Exclude<CardAction['action'], 'reply'>,
        moderation: a.moderation,
      }),
    )
  }

  return (
    <span className="card-write-actions" role="group" aria-label="Actions">
      {actions.map((a) => {
        const waiting = pendingFor(entries, item, a)
        const label = confirming === a.label ? `Confirm ${a.label.toLowerCase()}` : a.label
        return (
          <button
            key={`${a.action}-${a.moderation ?? ''}`}
            type="button"
            className={`small${a.confirm && confirming === a.label ? ' danger' : ''}`}
            aria-pressed={a.pressed}
            disabled={waiting !== undefined}
            title={waiting ? `Queued in the Outbox (${waiting.state})` : undefined}
            onClick={() => press(a)}
          >
            {waiting ? `${label} (queued)` : label}
          </button>
        )
      })}
      {reporting && createPortal(<ReportDialog item={item} onClose={() => setReporting(false)} />, document.body)}
    </span>
  )
}
