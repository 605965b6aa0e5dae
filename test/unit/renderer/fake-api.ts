// A tiny in-memory Api for component tests: each method answers from a handler the test gives,
// or stays pending (like a main process that has not answered yet). Calls are recorded.
import type { Api, EventName, EventPayload, MethodArgs, MethodName, MethodResult } from '../../../preload/contract'

type Handler<M extends MethodName> = (args: MethodArgs<M>) => Promise<MethodResult<M>> | MethodResult<M>
export type FakeHandlers = { [M in MethodName]?: Handler<M> }

export interface FakeApi {
  api: Api
  calls: { method: MethodName; args: unknown }[]
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  /** Set handlers later (e.g. to let main "answer" after the first paint). */
  handle<M extends MethodName>(method: M, handler: Handler<M>): void
}

export function createFakeApi(initial: FakeHandlers = {}, onCall?: (method: MethodName) => void): FakeApi {
  const handlers: FakeHandlers = { ...initial }
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const calls: FakeApi['calls'] = []
  const api = {
    invoke(method: MethodName, args: unknown) {
      calls.push({ method, args })
      onCall?.(method)
      const handler = handlers[method] as ((a: unknown) => unknown) | undefined
      if (!handler) return new Promise(() => {})
      return Promise.resolve().then(() => handler(args))
    },
    on(event: EventName, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    },
  } as Api
  return {
    api,
    calls,
    emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)),
    handle: (method, handler) => {
      ;(handlers as Record<string, unknown>)[method] = handler
    },
  }
}
