// The Electron shell's life: one instance, guards on every WebContents, the core created with
// the desktop's capabilities (keychain, system browser), one window, and the core stopped
// before the app quits. Receives the electron pieces as arguments (index.ts passes the real
// ones; tests pass stand-ins).
import type { App, BrowserWindow, BrowserWindowConstructorOptions, Dialog, IpcMain, Session, Shell } from 'electron'
import type { EndpointOverrides } from '../networks/endpoints'
import type { Core, CoreOptions } from '../core/app'
import { checkWebUrl } from '../core/app'
import type { Logger } from '../core/capabilities'
import { createDispatcher } from '../core/bridge/dispatcher'
import type { SecretStore } from '../core/secrets/secret-store'
import { createAppPage } from './app-page'
import { installContentSecurityPolicy } from './csp'
import { denyAllPermissions, guardWebContents, type GuardOptions } from './guards'
import { createIpcManager, type IpcManager } from './ipc-manager'
import { createMainWindow } from './window'

export interface ElectronShellOptions {
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'exit' | 'on' | 'whenReady' | 'getPath'>
  BrowserWindow: (new (options: BrowserWindowConstructorOptions) => BrowserWindow) & Pick<typeof BrowserWindow, 'getAllWindows'>
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  shell: Pick<Shell, 'openExternal'>
  session: { readonly defaultSession: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'> }
  dialog: Pick<Dialog, 'showErrorBox'>
  createCore(options: CoreOptions): Core
  createSecretStore(): SecretStore
  /** out/preload/index.cjs and out/renderer/index.html, next to out/main. */
  paths: { preload: string; indexHtml: string }
  /** ELECTRON_RENDERER_URL in development (electron-vite dev). */
  rendererUrl?: string
  platform: NodeJS.Platform
  logger: Logger
  /** CROSSTALK_ENDPOINTS, parsed. */
  endpoints?: EndpointOverrides
}

export interface ElectronShell {
  /** Resolves once the core runs and the window exists (or rejects with the start-up failure). */
  readonly started: Promise<void>
  window(): BrowserWindow | undefined
}

export function startElectronShell(opts: ElectronShellOptions): ElectronShell | undefined {
  const { app, logger } = opts
  if (!app.requestSingleInstanceLock()) {
    // Another Crosstalk is running: it gets focus (second-instance there), this one leaves.
    app.quit()
    return undefined
  }

  const page = createAppPage({ rendererUrl: opts.rendererUrl, indexHtml: opts.paths.indexHtml })
  const openExternal = async (url: string) => opts.shell.openExternal(checkWebUrl(url))
  const guard: GuardOptions = { isAppUrl: page.isAppUrl, openExternal, logger }
  let core: Core | undefined
  let ipc: IpcManager | undefined
  let mainWindow: BrowserWindow | undefined
  let stopped = false

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, guard))

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  function openWindow(): void {
    if (!ipc) return
    const bridge = ipc
    mainWindow = createMainWindow({
      BrowserWindow: opts.BrowserWindow,
      page,
      preloadPath: opts.paths.preload,
      logger,
      prepare: (window) => {
        guardWebContents(window.webContents, guard)
        bridge.attach(window.webContents)
      },
    })
  }

  const started = app.whenReady().then(async () => {
    const session = opts.session.defaultSession
    denyAllPermissions(session)
    installContentSecurityPolicy(session, page.isAppUrl)
    const created = opts.createCore({
      dataDir: app.getPath('userData'),
      secrets: opts.createSecretStore(),
      openUrl: openExternal,
      host: 'electron',
      endpoints: opts.endpoints,
      logger,
    })
    core = created
    ipc = createIpcManager({
      ipcMain: opts.ipcMain,
      dispatcher: createDispatcher(created.handlers, { logger }),
      isAppUrl: page.isAppUrl,
      logger,
    })
    const bridge = ipc
    created.onEvent((event, payload) => bridge.publish(event, payload))
    await created.start()
    openWindow()
  })
  started.catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    logger.error('Crosstalk could not start', { error: message })
    opts.dialog.showErrorBox('Crosstalk could not start', message)
    app.exit(1)
  })

  app.on('activate', () => {
    // macOS: the dock icon reopens the window the app kept running without.
    if (ipc && opts.BrowserWindow.getAllWindows().length === 0) openWindow()
  })

  app.on('window-all-closed', () => {
    if (opts.platform !== 'darwin') app.quit()
  })

  app.on('before-quit', (event) => {
    if (stopped || !core) return
    // Hold the quit until the core has stopped its timers and flushed its files.
    event.preventDefault()
    stopped = true
    const stopping = core
    ipc?.dispose()
    stopping
      .stop()
      .catch((error: unknown) => logger.error('Could not stop cleanly', { error: String(error) }))
      .finally(() => app.quit())
  })

  return { started, window: () => mainWindow }
}
