import { useCallback } from 'react'
import { useServices } from '../app-context'
import { errorMessage, isUnreachable } from './errors'

/**
 * Wraps a call to main so a failure becomes a visible alert instead of a silent rejection.
 * Unreachable-bridge failures are left to the connection banner.
 */
export function useReportingAction() {
  const { stores } = useServices()
  return useCallback(
    async <T>(what: string, action: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await action()
      } catch (error) {
        stores.ui.getState().pushAlert(isUnreachable(error) ? errorMessage(error) : `${what}: ${errorMessage(error)}`)
        return undefined
      }
    },
    [stores],
  )
}
