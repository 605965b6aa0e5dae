// The one door through which a bridge call reaches a handler, for both shells (Electron IPC and
// the web host's WebSocket). A method is callable only if preload/contract.ts declares it, and
// its arguments and its result are parsed by the contract's schemas on the way in and out:
// zod strips undeclared keys from the result, so a token on a returned object never crosses.
import type { z } from 'zod'
import {
  events,
  isEventName,
  isMethodName,
  MAX_ARGS_BYTES,
  methods,
  type EventName,
  type Handlers,
} from '../../../preload/contract'
import type { ResultEnvelope } from '../../../preload/wire'
import { consoleLogger, type Logger } from '../capabilities'
import { isNetworkFailure, UserError } from '../errors'

export interface Dispatcher {
  /** Never throws: every outcome, refusal included, is an envelope. */
  dispatch(method: unknown, args: unknown): Promise<ResultEnvelope>
  /** Parses an event's payload by its contract schema (stripping undeclared keys); throws for unknown events or bad payloads. */
  prepareEvent(event: unknown, payload: unknown): { event: EventName; payload: unknown }
}

export interface DispatcherOptions {
  logger?: Logger
}

const refuse = (code: string, message: string): ResultEnvelope => ({ ok: false, error: { code, message } })

/** A short, readable list of what was wrong (at most three issues). */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : '(arguments)'}: ${i.message}`)
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : ''
  return shown.join('; ') + more
}

/** Size of the arguments as JSON, or undefined when they cannot be serialized (cycles, BigInt). */
function jsonBytes(args: unknown): number | undefined {
  try {
    const json = JSON.stringify(args)
    return json === undefined ? 0 : Buffer.byteLength(json, 'utf8')
  } catch {
    return undefined
  }
}

export function createDispatcher(handlers: Handlers, opts: DispatcherOptions = {}): Dispatcher {
  const logger = opts.logger ?? consoleLogger

  async function dispatch(method: unknown, args: unknown): Promise<ResultEnvelope> {
    if (!isMethodName(method)) {
      const shown = typeof method === 'string' ? `"${method.slice(0, 100)}"` : `a ${typeof method}`
      logger.warn('Refused a call to an unknown method', { method: shown })
      return refuse('unknown-method', `Crosstalk has no method ${shown}.`)
    }
    const bytes = jsonBytes(args)
    if (bytes === undefined) return refuse('invalid-arguments', `The arguments of ${method} are not plain data.`)
    if (bytes > MAX_ARGS_BYTES) {
      logger.warn('Refused an oversized call', { method, bytes })
      return refuse('too-large', `The arguments of ${method} are too large (${bytes} bytes; the limit is ${MAX_ARGS_BYTES}).`)
    }
    const spec = methods[method]
    const parsedArgs = spec.args.safeParse(args)
    if (!parsedArgs.success) {
      return refuse('invalid-arguments', `Invalid arguments for ${method}: ${describeIssues(parsedArgs.error)}.`)
    }

    let raw: unknown
    try {
      const handler = handlers[method] as (a: unknown) => Promise<unknown>
      raw = await handler(parsedArgs.data)
    } catch (error) {
      return fromError(method, error)
    }

    const parsedResult = spec.result.safeParse(raw)
    if (!parsedResult.success) {
      logger.error(`The result of ${method} does not match the contract`, { issues: describeIssues(parsedResult.error) })
      return refuse('internal', `Something went wrong in Crosstalk: the answer to ${method} had an unexpected shape.`)
    }
    return { ok: true, result: parsedResult.data }
  }

  function fromError(method: string, error: unknown): ResultEnvelope {
    if (error instanceof UserError) return refuse(error.code, error.message)
    if (isNetworkFailure(error)) return refuse(error.kind, error.message)
    const message = error instanceof Error ? error.message : String(error)
    logger.error(`${method} failed`, { error: error instanceof Error ? (error.stack ?? message) : message })
    return refuse('internal', `Something went wrong in Crosstalk: ${message}`)
  }

  function prepareEvent(event: unknown, payload: unknown): { event: EventName; payload: unknown } {
    if (!isEventName(event))
      throw new Error(`Unknown event ${typeof event === 'string' ? `"${event.slice(0, 100)}"` : `(${typeof event})`}`)
    const parsed = events[event].safeParse(payload)
    if (!parsed.success) throw new Error(`Malformed "${event}" event: ${describeIssues(parsed.error)}`)
    return { event, payload: parsed.data }
  }

  return { dispatch, prepareEvent }
}
