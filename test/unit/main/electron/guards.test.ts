import { describe, expect, it } from 'vitest'
import { createAppPage } from '../../../../main/electron/app-page'
import { denyAllPermissions, guardWebContents } from '../../../../main/electron/guards'
import { recordingLogger } from '../core/bridge/stand-in-core'
import { createStandInSession, electronEvent, StandInWebContents } from './stand-in-electron'

const page = createAppPage({ indexHtml: '/app/out/renderer/index.html' })

function guarded() {
  const contents = new StandInWebContents()
  const opened: string[] = []
  const logger = recordingLogger()
  guardWebContents(contents as never, { isAppUrl: page.isAppUrl, openExternal: async (url) => void opened.push(url), logger })
  return { contents, opened, logger }
}

describe('our page', () => {
  it('is exactly the built index.html (any hash or query) when packaged', () => {
    expect(page.target).toEqual({ kind: 'file', path: '/app/out/renderer/index.html' })
    expect(page.isAppUrl('file:///app/out/renderer/index.html')).toBe(true)
    expect(page.isAppUrl('file:///app/out/renderer/index.html#/thread/1?x=1')).toBe(true)
    expect(page.isAppUrl('file:///app/out/renderer/../renderer/index.html')).toBe(true)
    for (const url of [
      'file:///app/out/renderer/other.html',
      'file:///etc/passwd',
      'file://evil.example/app/out/renderer/index.html',
      'https://evil.example/',
      'not a url',
    ]) {
      expect(page.isAppUrl(url), url).toBe(false)
    }
  })

  it('is the dev server origin in development', () => {
    const dev = createAppPage({ rendererUrl: 'http://localhost:5173', indexHtml: '/unused' })
    expect(dev.target).toEqual({ kind: 'url', url: 'http://localhost:5173' })
    expect(dev.isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true)
    expect(dev.isAppUrl('http://localhost:5174/')).toBe(false)
    expect(dev.isAppUrl('file:///app/out/renderer/index.html')).toBe(false)
  })
})

describe('WebContents guards', () => {
  it('prevents navigation to any other page, and allows a reload of ours', () => {
    const { contents, logger } = guarded()
    for (const name of ['will-navigate', 'will-redirect']) {
      const foreign = electronEvent({ url: 'https://evil.example/phish' })
      contents.emit(name, foreign)
      expect(foreign.defaultPrevented, name).toBe(true)
      const ours = electronEvent({ url: 'file:///app/out/renderer/index.html' })
      contents.emit(name, ours)
      expect(ours.defaultPrevented, name).toBe(false)
    }
    expect(logger.lines.filter((l) => l.message.startsWith('Blocked a navigation'))).toHaveLength(2)
  })

  it('denies every new window and hands only http(s) links to the system browser', () => {
    const { contents, opened } = guarded()
    const open = (url: string) => contents.windowOpenHandler!({ url })
    expect(open('https://mastodon.example/@ann/1')).toEqual({ action: 'deny' })
    expect(open('http://127.0.0.1:4001/oauth')).toEqual({ action: 'deny' })
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(open('smb://share/x')).toEqual({ action: 'deny' })
    expect(open('')).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://mastodon.example/@ann/1', 'http://127.0.0.1:4001/oauth'])
  })

  it('prevents <webview> attachment', () => {
    const { contents } = guarded()
    const event = electronEvent()
    contents.emit('will-attach-webview', event, {}, {})
    expect(event.defaultPrevented).toBe(true)
  })

  it('guards a WebContents once even when asked twice', () => {
    const contents = new StandInWebContents()
    const options = { isAppUrl: page.isAppUrl, openExternal: async () => {}, logger: recordingLogger() }
    guardWebContents(contents as never, options)
    guardWebContents(contents as never, options)
    expect(contents.listenerCount('will-navigate')).toBe(1)
  })
})

describe('permissions', () => {
  it('refuses every permission request and check', () => {
    const session = createStandInSession()
    denyAllPermissions(session as never)
    const answers: boolean[] = []
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      session.calls.permissionRequest!({}, permission, (granted) => answers.push(granted))
    }
    expect(answers).toEqual([false, false, false, false])
    expect(session.calls.permissionCheck!({}, 'media', 'file://', {})).toBe(false)
  })
})
