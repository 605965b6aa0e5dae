// Transient UI state: dialogs, the open thread, the bridge connection, messages to the user.
import { createStore } from 'zustand/vanilla'
import type { Item, OutboxEntry } from '../../preload/model'

export type ConnectionState = 'connecting' | 'connected' | 'disconnected'
export type DialogName = 'add-account' | 'add-column' | 'outbox'

/** What the composer opens with: a reply to an item, an unsent entry to edit, or a new post. */
export interface ComposerRequest {
  replyTo?: Item
  /** Edit this failed or waiting outbox entry (its draft fills the composer). */
  entry?: OutboxEntry
  /** Preselected account for a new post. */
  accountId?: string
  text?: string
  /** Answer outside: internal messages the public reply can start from (the text follows the choice). */
  startFrom?: Item[]
  /** The dialog's title when it is not the usual one ("Answer outside"). */
  title?: string
}

export interface Alert {
  id: number
  message: string
}

export interface UiState {
  connection: ConnectionState
  /** The item a thread was opened from, if the thread panel is open. */
  threadFocusId: string | null
  dialog: DialogName | null
  composer: ComposerRequest | null
  /** Last consent-page URL main asked to open (shown as a link in case the popup was blocked). */
  signInUrl: string | null
  alerts: Alert[]
  /** Whether the cached workspace was read (the first paint happened from it). */
  hydrated: boolean
  setConnection(connection: ConnectionState): void
  openThread(focusId: string): void
  closeThread(): void
  openDialog(dialog: DialogName): void
  closeDialog(): void
  openComposer(request: ComposerRequest): void
  closeComposer(): void
  setSignInUrl(url: string | null): void
  pushAlert(message: string): void
  dismissAlert(id: number): void
  setHydrated(): void
}

/** At most this many alerts are kept: the oldest go first. */
const MAX_ALERTS = 4

export const createUiStore = (initial: { connection?: ConnectionState } = {}) => {
  let nextAlertId = 1
  return createStore<UiState>()((set) => ({
    connection: initial.connection ?? 'connecting',
    threadFocusId: null,
    dialog: null,
    composer: null,
    signInUrl: null,
    alerts: [],
    hydrated: false,
    setConnection: (connection) => set({ connection }),
    openThread: (threadFocusId) => set({ threadFocusId }),
    closeThread: () => set({ threadFocusId: null }),
    openDialog: (dialog) => set({ dialog, signInUrl: null }),
    closeDialog: () => set({ dialog: null, signInUrl: null }),
    openComposer: (composer) => set({ composer, dialog: null }),
    closeComposer: () => set({ composer: null }),
    setSignInUrl: (signInUrl) => set({ signInUrl }),
    pushAlert: (message) => set((s) => ({ alerts: [...s.alerts, { id: nextAlertId++, message }].slice(-MAX_ALERTS) })),
    dismissAlert: (id) => set((s) => ({ alerts: s.alerts.filter((a) => a.id !== id) })),
    setHydrated: () => set({ hydrated: true }),
  }))
}

export type UiStore = ReturnType<typeof createUiStore>
