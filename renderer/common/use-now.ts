import { useEffect, useState } from 'react'
import { useServices } from '../app-context'

/** The current time, refreshed every `intervalMs` so relative times ("5 min ago") stay true. */
export function useNow(intervalMs = 30_000): number {
  const { now } = useServices()
  const [value, setValue] = useState(now)
  useEffect(() => {
    const timer = setInterval(() => setValue(now()), intervalMs)
    return () => clearInterval(timer)
  }, [now, intervalMs])
  return value
}
