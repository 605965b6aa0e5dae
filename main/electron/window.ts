// The one application window, with the secure preferences: isolated, sandboxed, no Node, web
// security on, and our preload as the only bridge.
import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron'
import type { Logger } from '../core/capabilities'
import type { AppPage } from './app-page'

export function secureWebPreferences(preload: string): WebPreferences {
  return { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload }
}

export interface MainWindowOptions {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow
  page: AppPage
  preloadPath: string
  /** Called with the window's WebContents before anything loads (navigation guards, IPC). */
  prepare(window: BrowserWindow): void
  logger: Logger
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const window = new opts.BrowserWindow({
    width: 1320,
    height: 860,
    minWidth: 640,
    minHeight: 420,
    title: 'Crosstalk',
    show: false,
    webPreferences: secureWebPreferences(opts.preloadPath),
  })
  opts.prepare(window)
  window.once('ready-to-show', () => window.show())
  const loading = opts.page.target.kind === 'url' ? window.loadURL(opts.page.target.url) : window.loadFile(opts.page.target.path)
  loading.catch((error: unknown) => opts.logger.error('Could not load the Crosstalk page', { error: String(error) }))
  return window
}
