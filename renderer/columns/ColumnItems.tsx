// A column's posts, newest first, from IndexedDB (live), in a virtualized list with measured
// row heights. Near the end it first reads more from the cache, then asks main for older posts.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ColumnSpec, ColumnStatus } from '../../preload/model'
import { useServices } from '../app-context'
import { columnItemsQuery } from '../db/items'
import { useReportingAction } from '../common/use-bridge-action'
import { ItemCard } from '../items/ItemCard'

/** How many cached posts a column reads at a time. */
const PAGE = 100
/** Rows rendered beyond the visible ones (keeps scrolling smooth). */
const OVERSCAN = 10

interface ColumnItemsProps {
  column: ColumnSpec
  status: ColumnStatus | undefined
  now: number
  /** Called when the user scrolls back to the top (they have seen the newest posts). */
  onReachedTop(): void
}

export function ColumnItems({ column, status, now, onReachedTop }: ColumnItemsProps) {
  const { api, db } = useServices()
  const run = useReportingAction()
  const [limit, setLimit] = useState(PAGE)
  const [loadingOlder, setLoadingOlder] = useState(false)
  const [noMoreOlder, setNoMoreOlder] = useState(false)
  const [userScrolled, setUserScrolled] = useState(false)
  /** Item count when we last asked main for older posts: never ask twice for the same end. */
  const askedAtCount = useRef(-1)
  const items = useLiveQuery(() => columnItemsQuery(db, column.id, limit), [db, column.id, limit])
  const scrollRef = useRef<HTMLDivElement>(null)
  const count = items?.length ?? 0

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer keeps its own mutable state by design
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 150,
    overscan: OVERSCAN,
    getItemKey: (index) => items?.[index]?.id ?? index,
  })
  const rows = virtualizer.getVirtualItems()
  const lastRendered = rows.length > 0 ? rows[rows.length - 1]!.index : -1
  const hasMore = status?.hasMore !== false && !noMoreOlder

  const loadOlder = useCallback(() => {
    if (loadingOlder) return
    askedAtCount.current = count
    setLoadingOlder(true)
    void run('Could not load older posts', () => api.invoke('columns.loadMore', { columnId: column.id })).then((result) => {
      setLoadingOlder(false)
      if (result && !result.hasMore) setNoMoreOlder(true)
    })
  }, [loadingOlder, count, run, api, column.id])

  // Near the end of what is rendered: read more from the cache, or (once the user has scrolled
  // down) ask main for older posts. Never twice for the same end of the list.
  useEffect(() => {
    if (count === 0 || lastRendered < 0 || lastRendered < count - 3) return
    if (count >= limit) return setLimit((l) => l + PAGE)
    if (hasMore && userScrolled && askedAtCount.current !== count) loadOlder()
  }, [count, lastRendered, limit, hasMore, userScrolled, loadOlder])

  if (items === undefined) return <div className="column-body column-empty">Reading saved posts…</div>
  if (count === 0) {
    const waiting = status === undefined || status.state === 'idle' || status.state === 'syncing'
    return <div className="column-body column-empty">{waiting ? 'Fetching posts…' : 'No posts here yet.'}</div>
  }

  return (
    <div
      ref={scrollRef}
      className="column-body"
      onScroll={(e) => {
        if (e.currentTarget.scrollTop <= 0) onReachedTop()
        else if (!userScrolled) setUserScrolled(true)
      }}
    >
      <div className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          const item = items[row.index]
          if (!item) return null
          return (
            <div
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              className="virtual-row"
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <ItemCard item={item} now={now} />
            </div>
          )
        })}
      </div>
      {lastRendered >= count - 1 && (
        <p className="column-footer">
          {loadingOlder ? (
            'Loading older posts…'
          ) : hasMore ? (
            <button type="button" className="small" onClick={loadOlder}>
              Load older posts
            </button>
          ) : (
            'No older posts.'
          )}
        </p>
      )}
    </div>
  )
}
