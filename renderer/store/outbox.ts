// What main's outbox holds (every write not yet forgotten) and which writes each account has.
import { createStore } from 'zustand/vanilla'
import type { OutboxEntry, WriteCapabilities } from '../../preload/model'

export interface OutboxState {
  entries: OutboxEntry[]
  /** By account id; absent until main answered accounts.capabilities. */
  capabilities: Record<string, WriteCapabilities>
  setEntries(entries: OutboxEntry[]): void
  setCapabilities(accountId: string, capabilities: WriteCapabilities): void
}

export const createOutboxStore = () =>
  createStore<OutboxState>()((set) => ({
    entries: [],
    capabilities: {},
    setEntries: (entries) => set({ entries }),
    setCapabilities: (accountId, capabilities) =>
      set((s) => ({ capabilities: { ...s.capabilities, [accountId]: capabilities } })),
  }))

export type OutboxStore = ReturnType<typeof createOutboxStore>

/** Entries the person still waits on or must act on (not sent). */
export const unsentEntries = (entries: readonly OutboxEntry[]) => entries.filter((e) => e.state !== 'sent')
