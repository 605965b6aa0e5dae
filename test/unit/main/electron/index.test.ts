// The real entry (main/electron/index.ts) with `electron` replaced by stand-ins and the core by
// a stand-in core: what it wires, and what it refuses.
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../../preload/wire'
import type { CoreOptions } from '../../../../main/core/app'
import { createStandInCore, type StandInCore } from '../core/bridge/stand-in-core'
import { createElectronStandIn, electronEvent, settle, StandInBrowserWindow, type ElectronStandIn } from './stand-in-electron'

const current = vi.hoisted(() => ({
  electron: undefined as unknown as ElectronStandIn,
  core: undefined as unknown as StandInCore,
  coreOptions: [] as CoreOptions[],
  stops: 0,
}))

vi.mock('electron', () => ({
  get app() {
    return current.electron.app
  },
  get BrowserWindow() {
    return current.electron.BrowserWindow
  },
  get ipcMain() {
    return current.electron.ipcMain
  },
  get session() {
    return current.electron.session
  },
  get shell() {
    return current.electron.shell
  },
  get dialog() {
    return current.electron.dialog
  },
}))

vi.mock('../../../../main/core/app', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../main/core/app')>()),
  createCore: (options: CoreOptions) => {
    current.coreOptions.push(options)
    return {
      ...current.core,
      stop: async () => {
        current.stops++
      },
    }
  },
}))

async function launch() {
  vi.resetModules()
  await import('../../../../main/electron/index')
  await settle()
  await settle()
}

beforeEach(() => {
  current.electron = createElectronStandIn()
  current.core = createStandInCore('electron')
  current.coreOptions = []
  current.stops = 0
})

describe('Electron entry', () => {
  it('quits at once when another instance holds the lock', async () => {
    current.electron.app.lock = false
    await launch()
    expect(current.electron.app.quits).toBe(1)
    expect(current.coreOptions).toEqual([])
    expect(StandInBrowserWindow.instances).toEqual([])
    expect(current.electron.ipcMain.handlers.size).toBe(0)
  })

  it('creates the core with the desktop capabilities, then one secure window', async () => {
    await launch()
    expect(current.coreOptions).toHaveLength(1)
    expect(current.coreOptions[0]).toMatchObject({ dataDir: '/stand-in/userData', host: 'electron' })
    const [window] = StandInBrowserWindow.instances
    expect(StandInBrowserWindow.instances).toHaveLength(1)
    expect(window!.options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: join(__dirname, '../../../../main/preload/index.cjs'),
    })
    expect(window!.loaded).toEqual([{ kind: 'file', target: join(__dirname, '../../../../main/renderer/index.html') }])
    expect([...current.electron.ipcMain.handlers.keys()]).toEqual([CALL_CHANNEL])
    expect(current.electron.session.defaultSession.calls.permissionRequest).toBeDefined()
    expect(current.electron.session.defaultSession.calls.headers).toBeDefined()
  })

  it('gives the core an openUrl that hands only http(s) to the system browser', async () => {
    await launch()
    const { openUrl } = current.coreOptions[0]!
    await openUrl('https://mastodon.example/oauth/authorize')
    await expect(openUrl('file:///etc/passwd')).rejects.toThrow(/only http and https/)
    await expect(openUrl('javascript:alert(1)')).rejects.toThrow(/only http and https/)
    expect(current.electron.shell.opened).toEqual(['https://mastodon.example/oauth/authorize'])
  })

  it('guards every other WebContents the app creates', async () => {
    await launch()
    const { StandInWebContents } = await import('./stand-in-electron')
    const stray = new StandInWebContents('https://evil.example/')
    current.electron.app.emit('web-contents-created', electronEvent(), stray)
    const attach = electronEvent()
    stray.emit('will-attach-webview', attach, {}, {})
    expect(attach.defaultPrevented).toBe(true)
    expect(stray.windowOpenHandler!({ url: 'https://x.example/' })).toEqual({ action: 'deny' })
  })

  it('routes the core events to the window once its page is ready', async () => {
    await launch()
    const window = StandInBrowserWindow.instances[0]!
    const contents = window.webContents
    current.core.emit('columns.changed', [])
    expect(contents.sent).toEqual([])
    expect(await current.electron.ipcMain.invoke(CALL_CHANNEL, contents, contents.mainFrame, 'app.ready', {})).toEqual({
      ok: true,
      result: { host: 'electron', demo: false },
    })
    expect(contents.sent).toEqual([{ channel: EVENT_CHANNEL, args: ['columns.changed', []] }])
  })

  it('focuses the existing window when a second instance starts', async () => {
    await launch()
    const window = StandInBrowserWindow.instances[0]!
    window.minimized = true
    current.electron.app.emit('second-instance', electronEvent(), [], '/')
    expect(window.minimized).toBe(false)
    expect(window.focused).toBe(1)
    expect(StandInBrowserWindow.instances).toHaveLength(1)
  })

  it('stops the core before quitting', async () => {
    await launch()
    const quit = electronEvent()
    current.electron.app.emit('before-quit', quit)
    expect(quit.defaultPrevented).toBe(true)
    await settle()
    expect(current.stops).toBe(1)
    // It asked to quit again once stopped, and that second quit goes through.
    expect(current.electron.app.quits).toBe(1)
    expect(current.electron.ipcMain.handlers.size).toBe(0)
  })

  it('quits when the last window closes (except on macOS)', async () => {
    await launch()
    current.electron.app.emit('window-all-closed')
    expect(current.electron.app.quits).toBe(process.platform === 'darwin' ? 0 : 1)
  })

  it('shows the reason and exits when the core cannot start', async () => {
    current.core.start = async () => {
      throw new Error('accounts.json is not valid JSON')
    }
    await launch()
    expect(current.electron.dialog.errorBoxes).toEqual([
      { title: 'Crosstalk could not start', content: 'accounts.json is not valid JSON' },
    ])
    expect(current.electron.app.exitCode).toBe(1)
    expect(StandInBrowserWindow.instances).toEqual([])
  })
})
