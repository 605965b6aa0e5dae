import { beforeEach, describe, expect, it } from 'vitest'
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../../preload/wire'
import { createDispatcher } from '../../../../main/core/bridge/dispatcher'
import { createAppPage } from '../../../../main/electron/app-page'
import { createIpcManager, type IpcManager } from '../../../../main/electron/ipc-manager'
import { account, createStandInCore, recordingLogger, type StandInCore } from '../core/bridge/stand-in-core'
import { electronEvent, StandInIpcMain, StandInWebContents } from './stand-in-electron'

const PAGE = 'file:///app/out/renderer/index.html'
let ipcMain: StandInIpcMain
let core: StandInCore
let logger: ReturnType<typeof recordingLogger>
let manager: IpcManager
let contents: StandInWebContents
type WebContents = Parameters<IpcManager['attach']>[0]

beforeEach(() => {
  ipcMain = new StandInIpcMain()
  core = createStandInCore('electron')
  logger = recordingLogger()
  const page = createAppPage({ indexHtml: '/app/out/renderer/index.html' })
  manager = createIpcManager({
    ipcMain: ipcMain as never,
    dispatcher: createDispatcher(core.handlers, { logger }),
    isAppUrl: page.isAppUrl,
    logger,
  })
  contents = new StandInWebContents(PAGE)
  manager.attach(contents as unknown as WebContents)
})

const call = (method: string, args: unknown, from = contents, frame = contents.mainFrame) =>
  ipcMain.invoke(CALL_CHANNEL, from, frame, method, args)
const events = () => contents.sent.map((s) => ({ channel: s.channel, event: s.args[0], payload: s.args[1] }))
const FORBIDDEN = { ok: false, error: { code: 'forbidden', message: 'This page may not call Crosstalk.' } }

describe('IPC manager: calls', () => {
  it('registers exactly one handler, on the call channel', () => {
    expect([...ipcMain.handlers.keys()]).toEqual([CALL_CHANNEL])
    manager.dispose()
    expect(ipcMain.handlers.size).toBe(0)
  })

  it('forwards a call from our main frame to the dispatcher', async () => {
    expect(await call('accounts.list', {})).toEqual({ ok: true, result: [account] })
    expect(await call('accounts.signOut', { accountId: 'a', extra: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' },
    })
    expect(core.calls.map((c) => c.method)).toEqual(['accounts.list'])
  })

  it('refuses a subframe of our page', async () => {
    expect(await call('accounts.list', {}, contents, contents.subframe(PAGE))).toEqual(FORBIDDEN)
    expect(core.calls).toEqual([])
    expect(logger.lines.some((l) => l.level === 'warn' && l.message.includes('subframe'))).toBe(true)
  })

  it('refuses another WebContents, even one showing our page', async () => {
    const other = new StandInWebContents(PAGE)
    expect(await call('accounts.list', {}, other, other.mainFrame)).toEqual(FORBIDDEN)
    expect(core.calls).toEqual([])
  })

  it('refuses our main frame once it shows a foreign page', async () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'file:///app/out/renderer/other.html', 'about:blank']) {
      contents.mainFrame.url = url
      expect(await call('accounts.list', {}), url).toEqual(FORBIDDEN)
    }
    expect(core.calls).toEqual([])
  })

  it('refuses a sender whose frame is gone, and any sender when no window is attached', async () => {
    expect(await call('accounts.list', {}, contents, null as never)).toEqual(FORBIDDEN)
    contents.destroyed = true
    contents.emit('destroyed')
    expect(await call('accounts.list', {})).toEqual(FORBIDDEN)
    expect(core.calls).toEqual([])
  })
})

describe('IPC manager: events', () => {
  it('holds events until app.ready succeeds, then sends them in order, stripped', async () => {
    manager.publish('accounts.changed', [{ ...account, refreshToken: 'leak' }])
    manager.publish('items', { columnId: 'c1', items: [] })
    await call('networks.list', {})
    expect(contents.sent).toEqual([])

    expect(await call('app.ready', {})).toEqual({ ok: true, result: { host: 'electron', demo: false } })
    expect(events()).toEqual([
      { channel: EVENT_CHANNEL, event: 'accounts.changed', payload: [account] },
      { channel: EVENT_CHANNEL, event: 'items', payload: { columnId: 'c1', items: [] } },
    ])
    manager.publish('columns.changed', [])
    expect(events().at(-1)).toEqual({ channel: EVENT_CHANNEL, event: 'columns.changed', payload: [] })
  })

  it('drops unknown or malformed events with a log line', async () => {
    await call('app.ready', {})
    manager.publish('tokens.leaked' as never, { token: 't' })
    manager.publish('column.status', { columnId: 'c1', state: 'exploded' })
    expect(contents.sent).toEqual([])
    expect(logger.lines.filter((l) => l.message === 'Dropped an event')).toHaveLength(2)
  })

  it('stays closed when app.ready fails or comes from a foreign frame', async () => {
    core.handlers['app.ready'] = async () => {
      throw new Error('disk full')
    }
    manager.publish('columns.changed', [])
    expect(await call('app.ready', {})).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(await call('app.ready', {}, contents, contents.subframe(PAGE))).toEqual(FORBIDDEN)
    expect(contents.sent).toEqual([])
    expect(manager.queue.pending()).toHaveLength(1)
  })

  it('holds again while the page reloads, until the new page says ready', async () => {
    await call('app.ready', {})
    contents.emit('did-start-navigation', electronEvent({ url: PAGE, isMainFrame: true, isSameDocument: true }))
    manager.publish('columns.changed', [])
    expect(events()).toHaveLength(1) // a same-document navigation (hash change) keeps the page

    contents.emit('did-start-navigation', electronEvent({ url: PAGE, isMainFrame: false, isSameDocument: false }))
    manager.publish('columns.changed', [])
    expect(events()).toHaveLength(2) // a subframe navigating does not reload our page

    contents.emit('did-start-navigation', electronEvent({ url: PAGE, isMainFrame: true, isSameDocument: false }))
    manager.publish('items', { columnId: 'c1', items: [] })
    expect(events()).toHaveLength(2)
    await call('app.ready', {})
    expect(events()).toHaveLength(3)
    expect(events()[2]).toMatchObject({ event: 'items' })
  })

  it('holds again when the renderer process is gone', async () => {
    await call('app.ready', {})
    contents.emit('render-process-gone', electronEvent(), { reason: 'crashed' })
    manager.publish('columns.changed', [])
    expect(contents.sent).toEqual([])
    await call('app.ready', {})
    expect(events()).toEqual([{ channel: EVENT_CHANNEL, event: 'columns.changed', payload: [] }])
  })

  it('keeps events for a new window after the old one is destroyed', async () => {
    await call('app.ready', {})
    contents.destroyed = true
    contents.emit('destroyed')
    manager.publish('columns.changed', [])
    const next = new StandInWebContents(PAGE)
    manager.attach(next as unknown as WebContents)
    expect(next.sent).toEqual([])
    await ipcMain.invoke(CALL_CHANNEL, next, next.mainFrame, 'app.ready', {})
    expect(next.sent).toEqual([{ channel: EVENT_CHANNEL, args: ['columns.changed', []] }])
    expect(contents.sent).toEqual([])
  })
})
