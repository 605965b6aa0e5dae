// Holds bridge events until the receiver (the page) says it listens, then delivers them in
// order. Bounded while nobody listens: snapshots (accounts, columns) and each column's status
// keep only their latest value (each is a full replacement), `items` batches beyond `maxItems`
// drop the oldest (the page asks for fresh pages on app.ready anyway), and other events
// beyond `maxOther` drop the oldest of their kind.
import type { EventName } from '../../../preload/contract'
import { consoleLogger, type Logger } from '../capabilities'

export interface QueuedEvent {
  event: EventName
  payload: unknown
}

export interface EventQueueOptions {
  /** Returns false when the receiver turned out to be gone: the queue then holds this event and what follows. */
  deliver(event: EventName, payload: unknown): boolean | void
  maxItems?: number
  maxOther?: number
  logger?: Logger
}

export interface EventQueue {
  /** Delivers now when ready, else holds the event. */
  push(event: EventName, payload: unknown): void
  /** Ready: flushes what is held, in order. Not ready: holds from now on. */
  setReady(ready: boolean): void
  readonly ready: boolean
  /** Held events, oldest first (for tests and logs). */
  pending(): readonly QueuedEvent[]
}

export const DEFAULT_MAX_QUEUED_ITEMS = 2000
export const DEFAULT_MAX_QUEUED_OTHER = 200

/** Events whose newest value replaces the older ones: the key says which older ones. */
function replacementKey(event: EventName, payload: unknown): string | undefined {
  if (event === 'accounts.changed' || event === 'columns.changed') return event
  if (event === 'column.status' && typeof payload === 'object' && payload !== null && 'columnId' in payload) {
    return `column.status:${String(payload.columnId)}`
  }
  return undefined
}

export function createEventQueue(opts: EventQueueOptions): EventQueue {
  const maxItems = opts.maxItems ?? DEFAULT_MAX_QUEUED_ITEMS
  const maxOther = opts.maxOther ?? DEFAULT_MAX_QUEUED_OTHER
  const logger = opts.logger ?? consoleLogger
  let held: (QueuedEvent & { key?: string })[] = []
  let ready = false
  let dropped = 0

  /** False when the receiver is gone (and the event was not delivered). */
  function deliver(e: QueuedEvent): boolean {
    try {
      return opts.deliver(e.event, e.payload) !== false
    } catch (error) {
      logger.error(`Could not deliver the "${e.event}" event`, { error: String(error) })
      return true
    }
  }

  function dropOldest(event: EventName, limit: number): void {
    let count = 0
    for (const e of held) if (e.event === event) count++
    if (count <= limit) return
    const index = held.findIndex((e) => e.event === event)
    held.splice(index, 1)
    if (dropped++ === 0) logger.warn(`Nobody is listening: dropping the oldest held "${event}" events`, { limit })
  }

  function hold(event: EventName, payload: unknown): void {
    const key = replacementKey(event, payload)
    if (key !== undefined) held = held.filter((e) => e.key !== key)
    held.push({ event, payload, key })
    if (key === undefined) dropOldest(event, event === 'items' ? maxItems : maxOther)
  }

  return {
    push(event, payload) {
      if (ready && deliver({ event, payload })) return
      ready = false
      hold(event, payload)
    },
    setReady(next) {
      ready = next
      if (!next) return
      dropped = 0
      // Delivery may flip readiness (a page that reloads mid-flush): stop and keep the rest.
      while (ready && held.length > 0) {
        if (deliver(held[0]!)) held.shift()
        else ready = false
      }
    },
    get ready() {
      return ready
    },
    pending: () => held.map(({ event, payload }) => ({ event, payload })),
  }
}
