// Stand-ins for the few electron pieces the shell uses (the Electron binary cannot run here).
// They record what the shell asked for and let a test play the part of Chromium: emit
// navigation events, invoke IPC from a chosen sender frame, and so on.
import { EventEmitter } from 'node:events'
import { pathToFileURL } from 'node:url'

export interface StandInEvent {
  preventDefault(): void
  defaultPrevented: boolean
  [key: string]: unknown
}

export function electronEvent(params: Record<string, unknown> = {}): StandInEvent {
  const event = {
    ...params,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    },
  }
  return event
}

let nextContentsId = 1

export interface StandInFrame {
  processId: number
  routingId: number
  parent: StandInFrame | null
  url: string
}

export class StandInWebContents extends EventEmitter {
  readonly id = nextContentsId++
  readonly sent: { channel: string; args: unknown[] }[] = []
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined
  destroyed = false
  readonly mainFrame: StandInFrame
  constructor(url = 'file:///app/out/renderer/index.html') {
    super()
    this.mainFrame = { processId: 7, routingId: this.id, parent: null, url }
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args })
  }
  isDestroyed() {
    return this.destroyed
  }
  /** A subframe of this page (an iframe). */
  subframe(url: string): StandInFrame {
    return { processId: 7, routingId: 1000 + this.id, parent: this.mainFrame, url }
  }
}

export class StandInBrowserWindow extends EventEmitter {
  static instances: StandInBrowserWindow[] = []
  static getAllWindows = () => StandInBrowserWindow.instances.filter((w) => !w.destroyed)
  readonly webContents = new StandInWebContents()
  readonly loaded: { kind: 'url' | 'file'; target: string }[] = []
  destroyed = false
  minimized = false
  focused = 0
  shown = false
  constructor(readonly options: Record<string, unknown>) {
    super()
    StandInBrowserWindow.instances.push(this)
  }
  loadURL(url: string) {
    this.loaded.push({ kind: 'url', target: url })
    this.webContents.mainFrame.url = url
    return Promise.resolve()
  }
  loadFile(path: string) {
    this.loaded.push({ kind: 'file', target: path })
    this.webContents.mainFrame.url = pathToFileURL(path).href
    return Promise.resolve()
  }
  show() {
    this.shown = true
  }
  isDestroyed() {
    return this.destroyed
  }
  isMinimized() {
    return this.minimized
  }
  restore() {
    this.minimized = false
  }
  focus() {
    this.focused++
  }
}

export class StandInIpcMain {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>()
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, handler)
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel)
  }
  /** Plays ipcRenderer.invoke from the given sender and frame. */
  invoke(channel: string, sender: { id: number }, senderFrame: StandInFrame | null, ...args: unknown[]) {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    return handler({ sender, senderFrame }, ...args)
  }
}

export class StandInApp extends EventEmitter {
  lock = true
  quits = 0
  exitCode: number | undefined
  readonly ready: Promise<void> = Promise.resolve()
  requestSingleInstanceLock() {
    return this.lock
  }
  quit() {
    this.quits++
    this.emit('before-quit', electronEvent())
  }
  exit(code: number) {
    this.exitCode = code
  }
  whenReady() {
    return this.ready
  }
  getPath(name: string) {
    return `/stand-in/${name}`
  }
}

export function createStandInSession() {
  const calls = {
    permissionRequest: undefined as
      undefined | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheck: undefined as undefined | ((...args: unknown[]) => boolean),
    headers: undefined as
      | undefined
      | ((
          details: { url: string; responseHeaders?: Record<string, string[]> },
          callback: (response: Record<string, unknown>) => void,
        ) => void),
  }
  return {
    calls,
    setPermissionRequestHandler(handler: typeof calls.permissionRequest) {
      calls.permissionRequest = handler
    },
    setPermissionCheckHandler(handler: typeof calls.permissionCheck) {
      calls.permissionCheck = handler
    },
    webRequest: {
      onHeadersReceived(handler: typeof calls.headers) {
        calls.headers = handler
      },
    },
  }
}

/** A fresh set of stand-ins: what `import … from 'electron'` returns in the tests. */
export function createElectronStandIn() {
  StandInBrowserWindow.instances = []
  const defaultSession = createStandInSession()
  const opened: string[] = []
  const errorBoxes: { title: string; content: string }[] = []
  return {
    app: new StandInApp(),
    BrowserWindow: StandInBrowserWindow,
    ipcMain: new StandInIpcMain(),
    session: { defaultSession },
    shell: {
      opened,
      openExternal: async (url: string) => void opened.push(url),
    },
    dialog: { errorBoxes, showErrorBox: (title: string, content: string) => void errorBoxes.push({ title, content }) },
  }
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>

/** Lets pending promise callbacks run (no timers involved). */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve))
