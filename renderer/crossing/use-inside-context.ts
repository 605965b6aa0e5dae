// What "inside" means right now, for the audience guard: the internal networks' hosts, the
// colleagues' names and the internal items in the cache.
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo } from 'react'
import type { Item } from '../../preload/model'
import { useServices, useWorkspace } from '../app-context'
import type { InsideContext } from './audience-guard'

export function useInsideContext(): InsideContext {
  const { db } = useServices()
  const accounts = useWorkspace((s) => s.accounts)
  const internalItems = useLiveQuery(
    () => {
      const ids = accounts.filter((a) => a.side === 'internal').map((a) => a.id)
      return ids.length ? db.items.where('accountId').anyOf(ids).toArray() : Promise.resolve([] as Item[])
    },
    [db, accounts],
    [] as Item[],
  )
  return useMemo(() => {
    const internalHosts = accounts
      .filter((a) => a.side === 'internal' && a.server)
      .flatMap((a) => {
        try {
          return [new URL(a.server!).host]
        } catch {
          return []
        }
      })
    return { internalHosts, colleagueNames: [...new Set(internalItems.map((i) => i.author.name))], internalItems }
  }, [accounts, internalItems])
}
