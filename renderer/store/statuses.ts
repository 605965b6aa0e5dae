// The polling state of each column, as main last reported it.
import { createStore } from 'zustand/vanilla'
import type { ColumnStatus } from '../../preload/model'

export interface StatusesState {
  byColumn: Record<string, ColumnStatus>
  setStatus(status: ColumnStatus): void
  /** Replaces every status (main's full answer to columns.statuses). */
  setAll(statuses: ColumnStatus[]): void
  remove(columnId: string): void
}

export const createStatusesStore = (initial: ColumnStatus[] = []) =>
  createStore<StatusesState>()((set) => ({
    byColumn: Object.fromEntries(initial.map((s) => [s.columnId, s])),
    setStatus: (status) => set((s) => ({ byColumn: { ...s.byColumn, [status.columnId]: status } })),
    setAll: (statuses) => set({ byColumn: Object.fromEntries(statuses.map((s) => [s.columnId, s])) }),
    remove: (columnId) =>
      set((s) => {
        const { [columnId]: _gone, ...rest } = s.byColumn
        return { byColumn: rest }
      }),
  }))

export type StatusesStore = ReturnType<typeof createStatusesStore>
