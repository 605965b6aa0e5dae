// Everything the components need, created once in main.tsx (or by a test) and handed down.
import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { Api } from '../preload/contract'
import type { CrosstalkDb } from './db/database'
import type { Sanitizer } from './common/sanitize'
import type { Stores } from './store'
import type { OutboxState } from './store/outbox'
import type { StatusesState } from './store/statuses'
import type { UiState } from './store/ui'
import type { WorkspaceState } from './store/workspace'

export interface AppServices {
  api: Api
  db: CrosstalkDb
  stores: Stores
  sanitizer: Sanitizer
  /** Current time in epoch ms (tests pin it). */
  now(): number
  /** Opens a URL in a new browser tab (the web host's sign-in page). */
  openWindow(url: string): void
}

const ServicesContext = createContext<AppServices | null>(null)

export const ServicesProvider = ServicesContext.Provider

export function useServices(): AppServices {
  const services = useContext(ServicesContext)
  if (!services) throw new Error('useServices must be used inside <ServicesProvider>')
  return services
}

export const useWorkspace = <T,>(select: (s: WorkspaceState) => T): T => useStore(useServices().stores.workspace, select)
export const useStatuses = <T,>(select: (s: StatusesState) => T): T => useStore(useServices().stores.statuses, select)
export const useUi = <T,>(select: (s: UiState) => T): T => useStore(useServices().stores.ui, select)
export const useOutbox = <T,>(select: (s: OutboxState) => T): T => useStore(useServices().stores.outbox, select)
