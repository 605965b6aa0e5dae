import { describe, expect, it } from 'vitest'
import { createAppPage } from '../../../../main/electron/app-page'
import { installContentSecurityPolicy } from '../../../../main/electron/csp'
import { createMainWindow, secureWebPreferences } from '../../../../main/electron/window'
import { recordingLogger } from '../core/bridge/stand-in-core'
import { createStandInSession, StandInBrowserWindow } from './stand-in-electron'

const POLICY =
  "default-src 'self'; img-src 'self' https: http: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

describe('main window', () => {
  it('has exactly the secure web preferences', () => {
    const prepared: unknown[] = []
    const window = createMainWindow({
      BrowserWindow: StandInBrowserWindow as never,
      page: createAppPage({ indexHtml: '/app/out/renderer/index.html' }),
      preloadPath: '/app/out/preload/index.cjs',
      prepare: (w) => prepared.push(w),
      logger: recordingLogger(),
    }) as unknown as StandInBrowserWindow
    expect(window.options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/app/out/preload/index.cjs',
    })
    expect(secureWebPreferences('/p')).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/p',
    })
    // Guards are in place before the page starts loading.
    expect(prepared).toEqual([window])
    expect(window.loaded).toEqual([{ kind: 'file', target: '/app/out/renderer/index.html' }])
    expect(window.shown).toBe(false)
    window.emit('ready-to-show')
    expect(window.shown).toBe(true)
  })

  it('loads the dev server in development', () => {
    const window = createMainWindow({
      BrowserWindow: StandInBrowserWindow as never,
      page: createAppPage({ rendererUrl: 'http://localhost:5173/', indexHtml: '/unused' }),
      preloadPath: '/p',
      prepare: () => {},
      logger: recordingLogger(),
    }) as unknown as StandInBrowserWindow
    expect(window.loaded).toEqual([{ kind: 'url', target: 'http://localhost:5173/' }])
  })
})

describe('content security policy', () => {
  it('is set on our page, replacing any other policy, and leaves other responses alone', () => {
    const session = createStandInSession()
    const page = createAppPage({ rendererUrl: 'http://localhost:5173', indexHtml: '/unused' })
    installContentSecurityPolicy(session as never, page.isAppUrl)
    const answer = (url: string, responseHeaders?: Record<string, string[]>) => {
      let response: Record<string, unknown> | undefined
      session.calls.headers!({ url, responseHeaders }, (r) => (response = r))
      return response
    }
    expect(
      answer('http://localhost:5173/', { 'content-type': ['text/html'], 'content-security-policy': ['default-src *'] }),
    ).toEqual({
      responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': [POLICY] },
    })
    expect(answer('https://files.mastodon.example/avatar.png', { 'content-type': ['image/png'] })).toEqual({})
  })
})
