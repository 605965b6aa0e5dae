// A whole conversation, beside the columns. Fetched through main and saved; what is shown
// always comes from IndexedDB, so a thread read before is still there when the network is not.
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useRef, useState } from 'react'
import { useServices } from '../app-context'
import { itemQuery, saveThread, threadQuery } from '../db/threads'
import { errorMessage } from '../common/errors'
import { formatClock } from '../common/time'
import { useNow } from '../common/use-now'
import { CrossingBar } from '../crossing/CrossingBar'
import { ItemCard } from '../items/ItemCard'

type Fetch = { state: 'loading' } | { state: 'done' } | { state: 'failed'; message: string }

export function ThreadPanel({ focusId }: { focusId: string }) {
  const { api, db, stores } = useServices()
  const now = useNow()
  const stored = useLiveQuery(() => threadQuery(db, focusId), [db, focusId], null)
  const focusItem = useLiveQuery(() => itemQuery(db, focusId), [db, focusId])
  const [fetch, setFetch] = useState<Fetch>({ state: 'loading' })
  const closeRef = useRef<HTMLButtonElement>(null)
  const close = () => stores.ui.getState().closeThread()

  useEffect(() => {
    let current = true
    setFetch({ state: 'loading' })
    api
      .invoke('threads.fetch', { itemId: focusId })
      .then((thread) => saveThread(db, thread))
      .then(
        () => current && setFetch({ state: 'done' }),
        (e: unknown) => current && setFetch({ state: 'failed', message: errorMessage(e) }),
      )
    return () => {
      current = false
    }
  }, [api, db, focusId])

  useEffect(() => closeRef.current?.focus(), [focusId])

  const items = stored?.items ?? (focusItem ? [focusItem] : [])
  return (
    <aside
      className="thread"
      role="dialog"
      aria-label="Thread"
      onKeyDown={(e) => {
        if (e.key === 'Escape') close()
      }}
    >
      <header className="thread-header">
        <h2>Thread</h2>
        <button ref={closeRef} type="button" onClick={close}>
          Close
        </button>
      </header>
      {fetch.state === 'loading' && <p className="thread-note">{stored ? 'Checking for new replies…' : 'Loading the thread…'}</p>}
      {fetch.state === 'failed' && stored && (
        <p className="thread-note tone-warning">
          Offline — showing the copy saved at {formatClock(stored.fetchedAt, now)}{' '}
          <span className="thread-reason">({fetch.message})</span>
        </p>
      )}
      {fetch.state === 'failed' && !stored && stored !== null && (
        <p className="form-error" role="alert">
          Could not load the thread: {fetch.message}
        </p>
      )}
      <CrossingBar thread={items} />
      <ol className="thread-items">
        {items.map((item) => (
          <li key={item.id}>
            <ItemCard item={item} now={now} focused={item.id === focusId} showThreadButton={false} />
          </li>
        ))}
      </ol>
    </aside>
  )
}
