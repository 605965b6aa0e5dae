// In an internal thread that discusses an outside item: the original, "Answer outside" (a public
// reply prefilled from an internal message, checked by the audience guard with a second
// confirmation) and "Mark resolved" (posted to the internal thread, so the whole team sees it).
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo, useState, type FormEvent } from 'react'
import { createPortal } from 'react-dom'
import type { Item } from '../../preload/model'
import { useServices } from '../app-context'
import { Dialog } from '../common/Dialog'
import { errorMessage } from '../common/errors'
import { checkAudience, type AudienceWarning } from './audience-guard'
import { AudienceWarnings } from './AudienceWarnings'
import { useInsideContext } from './use-inside-context'
import { answerOutsideDraft, isResolved, resolvedDraft, sharedOrigin } from './share-inside'

export function CrossingBar({ thread }: { thread: Item[] }) {
  const { api, db, stores } = useServices()
  const shared = thread.find((i) => i.side === 'internal' && sharedOrigin(i.text))
  const url = shared ? sharedOrigin(shared.text) : undefined
  const original = useLiveQuery(
    () => (url ? db.items.filter((i) => i.side === 'external' && i.url === url).first() : undefined),
    [db, url],
  )
  const [answering, setAnswering] = useState(false)
  if (!shared || !url) return null
  const resolved = isResolved(thread)
  const markResolved = async () => {
    try {
      await api.invoke('outbox.submit', resolvedDraft(thread[0] ?? shared, shared.accountId))
      stores.ui.getState().pushAlert('Marked resolved in the internal thread.')
    } catch (e) {
      stores.ui.getState().pushAlert(`Could not mark it resolved: ${errorMessage(e)}`)
    }
  }
  return (
    <section className="crossing-bar" aria-label="Outside original">
      <p>
        Discusses an outside post{original ? ` by ${original.author.name}` : ''}: <span className="crossing-url">{url}</span>
        {resolved && <span className="badge">Resolved</span>}
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="small"
          disabled={!original}
          title={original ? undefined : 'The original is not in your columns'}
          onClick={() => setAnswering(true)}
        >
          Answer outside
        </button>
        {!resolved && (
          <button type="button" className="small" onClick={() => void markResolved()}>
            Mark resolved
          </button>
        )}
      </div>
      {answering &&
        original &&
        createPortal(
          <AnswerOutsideDialog original={original} thread={thread} onClose={() => setAnswering(false)} />,
          document.body,
        )}
    </section>
  )
}

function AnswerOutsideDialog({ original, thread, onClose }: { original: Item; thread: Item[]; onClose(): void }) {
  const { api, stores } = useServices()
  const internal = useMemo(() => thread.filter((i) => i.side === 'internal'), [thread])
  const [fromId, setFromId] = useState(internal[internal.length - 1]?.id ?? '')
  const from = internal.find((i) => i.id === fromId)
  const [text, setText] = useState(() => (from ? answerOutsideDraft(original, original.accountId, from).text : ''))
  const [warnings, setWarnings] = useState<AudienceWarning[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const inside = useInsideContext()

  const send = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    const found = checkAudience({ text }, inside)
    // First press: show what came from inside. Second press (Send anyway): the person decided.
    if (found.length > 0 && warnings === null) return setWarnings(found)
    try {
      await api.invoke('outbox.submit', { accountId: original.accountId, replyTo: original.id, text })
      stores.ui.getState().pushAlert('Answer on its way outside (see the Outbox).')
      onClose()
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  return (
    <Dialog title="Answer outside" onClose={onClose}>
      <form className="form" onSubmit={(e) => void send(e)}>
        <p className="form-note">
          Public reply to {original.author.name}: “{original.text.slice(0, 120)}”
        </p>
        <label className="field">
          <span>Start from</span>
          <select
            aria-label="Start from"
            value={fromId}
            onChange={(e) => {
              setFromId(e.target.value)
              const next = internal.find((i) => i.id === e.target.value)
              if (next) setText(answerOutsideDraft(original, original.accountId, next).text)
              setWarnings(null)
            }}
          >
            {internal.map((i) => (
              <option key={i.id} value={i.id}>
                {i.author.name}: {i.text.slice(0, 60)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Public answer</span>
          <textarea
            aria-label="Public answer"
            rows={5}
            value={text}
            onChange={(e) => {
              setText(e.target.value)
              setWarnings(null)
            }}
          />
        </label>
        <AudienceWarnings warnings={warnings} />
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
            {warnings && warnings.length > 0 ? 'Send anyway' : 'Send'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
