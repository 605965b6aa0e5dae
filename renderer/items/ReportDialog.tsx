// Report a post to its server's moderators (Mastodon), with an optional comment and, for a
// remote author, the choice to forward the report to their server.
import { useState, type FormEvent } from 'react'
import type { Item } from '../../preload/model'
import { useServices } from '../app-context'
import { Dialog } from '../common/Dialog'
import { errorMessage } from '../common/errors'

export function ReportDialog({ item, onClose }: { item: Item; onClose(): void }) {
  const { api, stores } = useServices()
  const [comment, setComment] = useState('')
  const [forward, setForward] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const remote = (item.author.handle ?? '').replace(/^@/, '').includes('@')

  const send = async (e: FormEvent) => {
    e.preventDefault()
    try {
      await api.invoke('items.act', {
        itemId: item.id,
        action: 'report',
        report: { ...(comment.trim() ? { comment: comment.trim() } : {}), ...(remote ? { forward } : {}) },
      })
      stores.ui.getState().pushAlert(`Report on ${item.author.name}'s post queued (see the Outbox).`)
      onClose()
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  return (
    <Dialog title="Report post" onClose={onClose}>
      <form className="form" onSubmit={(e) => void send(e)}>
        <p className="form-note">
          {item.author.name}: “{item.text.slice(0, 140)}”
        </p>
        <label className="field">
          <span>Why (seen by the moderators)</span>
          <textarea
            aria-label="Report comment"
            rows={3}
            maxLength={1000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </label>
        {remote && (
          <label className="check">
            <input type="checkbox" checked={forward} onChange={(e) => setForward(e.target.checked)} />
            Also send it to the author&apos;s server
          </label>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Send report
          </button>
        </div>
      </form>
    </Dialog>
  )
}
