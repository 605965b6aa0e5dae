// In an internal thread that discusses an outside item: the original, "Answer outside" (the
// composer, as a public reply prefilled from an internal message; its audience guard asks twice)
// and "Mark resolved" (posted to the internal thread, so the whole team sees it).
import { useLiveQuery } from 'dexie-react-hooks'
import type { Item } from '../../preload/model'
import { useServices } from '../app-context'
import { errorMessage } from '../common/errors'
import { answerOutsideDraft, isResolved, resolvedDraft, sharedOrigin } from './share-inside'

export function CrossingBar({ thread }: { thread: Item[] }) {
  const { api, db, stores } = useServices()
  const shared = thread.find((i) => i.side === 'internal' && sharedOrigin(i.text))
  const url = shared ? sharedOrigin(shared.text) : undefined
  const original = useLiveQuery(
    () => (url ? db.items.filter((i) => i.side === 'external' && i.url === url).first() : undefined),
    [db, url],
  )
  if (!shared || !url) return null
  const resolved = isResolved(thread)
  const answerOutside = (outside: Item) => {
    const internal = thread.filter((i) => i.side === 'internal')
    const from = internal[internal.length - 1]
    stores.ui.getState().openComposer({
      title: 'Answer outside',
      replyTo: outside,
      startFrom: internal,
      text: from ? answerOutsideDraft(outside, outside.accountId, from).text : '',
    })
  }
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
          onClick={() => original && answerOutside(original)}
        >
          Answer outside
        </button>
        {!resolved && (
          <button type="button" className="small" onClick={() => void markResolved()}>
            Mark resolved
          </button>
        )}
      </div>
    </section>
  )
}
