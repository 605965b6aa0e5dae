// All the renderer's stores, made together (no import-time instance) and provided via context.
import { createOutboxStore, type OutboxStore } from './outbox'
import { createStatusesStore, type StatusesStore } from './statuses'
import { createUiStore, type ConnectionState, type UiStore } from './ui'
import { createWorkspaceStore, type WorkspaceStore } from './workspace'

export interface Stores {
  workspace: WorkspaceStore
  statuses: StatusesStore
  ui: UiStore
  outbox: OutboxStore
}

export function createStores(options: { connection?: ConnectionState } = {}): Stores {
  return {
    workspace: createWorkspaceStore(),
    statuses: createStatusesStore(),
    ui: createUiStore(options),
    outbox: createOutboxStore(),
  }
}
