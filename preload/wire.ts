// How the contract travels. Electron: ipcRenderer.invoke(CALL_CHANNEL, method, args) answers
// with a ResultEnvelope, and main sends EVENT_CHANNEL (event, payload). Web host: the same
// messages as JSON over one WebSocket at WS_PATH?k=<per-launch secret>.
import { z } from 'zod'
import { BridgeErrorSchema } from './contract'

export const CALL_CHANNEL = 'crosstalk:call'
export const EVENT_CHANNEL = 'crosstalk:event'
export const WS_PATH = '/bridge'
/** Query parameter that carries the web host's per-launch secret (page URL and WebSocket URL). */
export const SECRET_PARAM = 'k'

export const ResultEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: BridgeErrorSchema }),
])
export type ResultEnvelope = z.infer<typeof ResultEnvelopeSchema>

export const ClientMessageSchema = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  args: z.unknown(),
})
export type ClientMessage = z.infer<typeof ClientMessageSchema>

export const ServerMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id: z.number(), envelope: ResultEnvelopeSchema }),
  z.object({ t: z.literal('event'), event: z.string(), payload: z.unknown() }),
])
export type ServerMessage = z.infer<typeof ServerMessageSchema>
