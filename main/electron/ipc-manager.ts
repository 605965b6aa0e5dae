// The Electron side of the bridge (after electron/fiddle's IpcMainManager): ONE ipcMain handler
// for every call, which first checks that the sender is our window's main frame showing our
// page, then hands the call to the dispatcher. Events go out through an EventQueue that opens
// when the page's app.ready succeeds and closes again whenever the page reloads or crashes.
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron'
import type { EventName } from '../../preload/contract'
import { CALL_CHANNEL, EVENT_CHANNEL, type ResultEnvelope } from '../../preload/wire'
import type { Logger } from '../core/capabilities'
import type { Dispatcher } from '../core/bridge/dispatcher'
import { createEventQueue, type EventQueue } from '../core/bridge/event-queue'

export interface IpcManagerOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  dispatcher: Dispatcher
  isAppUrl(url: string): boolean
  logger: Logger
}

export interface IpcManager {
  /** Our window's contents: the only sender accepted, and the receiver of events. */
  attach(contents: WebContents): void
  /** Validates an event by the contract and sends it, or holds it until the page is ready. */
  publish(event: EventName, payload: unknown): void
  readonly queue: EventQueue
  dispose(): void
}

const FORBIDDEN: ResultEnvelope = { ok: false, error: { code: 'forbidden', message: 'This page may not call Crosstalk.' } }

type FrameIdentity = Pick<WebFrameMain, 'processId' | 'routingId' | 'parent' | 'url'>

const sameFrame = (a: FrameIdentity, b: FrameIdentity) => a.processId === b.processId && a.routingId === b.routingId

export function createIpcManager(opts: IpcManagerOptions): IpcManager {
  const { dispatcher, logger } = opts
  let target: WebContents | undefined
  const queue = createEventQueue({
    logger,
    deliver: (event, payload) => {
      if (!target || target.isDestroyed()) return false
      target.send(EVENT_CHANNEL, event, payload)
      return true
    },
  })

  /** Why a sender is refused, or undefined when it is our window's main frame on our page. */
  function refusal(event: IpcMainInvokeEvent): string | undefined {
    if (!target || target.isDestroyed()) return 'no window is attached'
    // Compared by id: one WebContents may be seen through more than one wrapper object.
    if (event.sender.id !== target.id) return 'another WebContents'
    const frame = event.senderFrame
    if (!frame) return 'a frame that is gone'
    if (frame.parent !== null || !sameFrame(frame, target.mainFrame)) return 'a subframe'
    if (!opts.isAppUrl(frame.url)) return `a foreign page (${frame.url.slice(0, 200)})`
    return undefined
  }

  opts.ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, args: unknown): Promise<ResultEnvelope> => {
    const why = refusal(event)
    if (why) {
      logger.warn(`Refused a bridge call from ${why}`, {
        method: typeof method === 'string' ? method.slice(0, 100) : typeof method,
      })
      return FORBIDDEN
    }
    const envelope = await dispatcher.dispatch(method, args)
    // The page that said ready may have navigated away meanwhile: only the same page counts.
    if (method === 'app.ready' && envelope.ok && refusal(event) === undefined) queue.setReady(true)
    return envelope
  })

  function attach(contents: WebContents): void {
    target = contents
    queue.setReady(false)
    const notReady = () => {
      if (target === contents) queue.setReady(false)
    }
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) notReady()
    })
    contents.on('render-process-gone', notReady)
    contents.once('destroyed', () => {
      notReady()
      if (target === contents) target = undefined
    })
  }

  return {
    attach,
    publish(event, payload) {
      try {
        const prepared = dispatcher.prepareEvent(event, payload)
        queue.push(prepared.event, prepared.payload)
      } catch (error) {
        logger.error('Dropped an event', { error: error instanceof Error ? error.message : String(error) })
      }
    },
    queue,
    dispose() {
      opts.ipcMain.removeHandler(CALL_CHANNEL)
      target = undefined
      queue.setReady(false)
    },
  }
}
