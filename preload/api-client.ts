// Builds the renderer's Api from a transport. Used by preload/index.ts (over ipcRenderer) and by
// the renderer's WebSocket client (web host): one implementation, typed by the contract.
import type { Api, BridgeError, EventName, MethodName } from './contract'
import { ResultEnvelopeSchema } from './wire'

export interface Transport {
  call(method: string, args: unknown): Promise<unknown>
  subscribe(listener: (event: string, payload: unknown) => void): () => void
}

export class BridgeCallError extends Error {
  override readonly name = 'BridgeCallError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export function createApiClient(transport: Transport): Api {
  return {
    async invoke(method: MethodName, args: unknown) {
      const envelope = ResultEnvelopeSchema.parse(await transport.call(method, args))
      if (!envelope.ok) {
        const e: BridgeError = envelope.error
        throw new BridgeCallError(e.code, e.message)
      }
      return envelope.result as never
    },
    on(event: EventName, listener: (payload: never) => void) {
      return transport.subscribe((name, payload) => {
        if (name === event) listener(payload as never)
      })
    },
  } as Api
}
