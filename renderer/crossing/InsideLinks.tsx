// Which outside items are discussed inside, for every card at once: one live query over the
// cached items of internal accounts, indexed by the origin line of shared posts.
import { useLiveQuery } from 'dexie-react-hooks'
import { createContext, useContext, useMemo, type ReactNode } from 'react'
import type { Item } from '../../preload/model'
import { useServices, useWorkspace } from '../app-context'
import { indexDiscussions, type InsideDiscussion } from './links'

const LinksContext = createContext<Map<string, InsideDiscussion[]>>(new Map())

export function InsideLinksProvider({ children }: { children: ReactNode }) {
  const { db } = useServices()
  const accounts = useWorkspace((s) => s.accounts)
  const internalIds = useMemo(() => accounts.filter((a) => a.side === 'internal').map((a) => a.id), [accounts])
  const items = useLiveQuery(
    () => (internalIds.length ? db.items.where('accountId').anyOf(internalIds).toArray() : Promise.resolve([] as Item[])),
    [db, internalIds],
    [] as Item[],
  )
  const index = useMemo(() => indexDiscussions(items), [items])
  return <LinksContext.Provider value={index}>{children}</LinksContext.Provider>
}

/** "Discussed inside (n)": opens the internal thread where the outside item is discussed. */
export function InsideBadge({ item }: { item: Item }) {
  const { stores } = useServices()
  const found = useContext(LinksContext).get(item.url ?? '')
  if (item.side !== 'external' || !found?.length) return null
  return (
    <button
      type="button"
      className="small badge-inside"
      onClick={() => stores.ui.getState().openThread(found[0]!.internalItemId)}
    >
      Discussed inside ({found.length})
    </button>
  )
}
