// People matching what is being typed, from the account's own network (after a short pause in
// typing, latest query wins). Shared by mention suggestions and the Chatter profile picker.
import { useEffect, useState } from 'react'
import type { Person } from '../../preload/model'
import { useServices } from '../app-context'
import { errorMessage } from '../common/errors'

const SEARCH_DELAY_MS = 200

/** No account or no query: no search, no people. */
export function usePeopleSearch(accountId: string | undefined, query: string | undefined) {
  const { api } = useServices()
  const [people, setPeople] = useState<Person[]>([])
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    if (!accountId || !query) return setPeople([])
    let current = true
    const timer = setTimeout(() => {
      api
        .invoke('people.search', { accountId, query })
        .then((found) => {
          if (!current) return
          setPeople(found)
          setProblem(null)
        })
        .catch((e: unknown) => current && setProblem(errorMessage(e)))
    }, SEARCH_DELAY_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [api, accountId, query])
  return { people, problem }
}
