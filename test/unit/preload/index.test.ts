// preload/index.ts with `electron` replaced by stand-ins: it exposes exactly one thing,
// window.api, and that api travels over ipcRenderer on the contract's channels.
import { EventEmitter } from 'node:events'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { Api } from '../../../preload/contract'
import { BridgeCallError } from '../../../preload/api-client'
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../preload/wire'

const stand = vi.hoisted(() => ({
  exposed: [] as { key: string; value: unknown }[],
  invoked: [] as unknown[][],
  answer: (_method: string, _args: unknown): unknown => undefined,
  renderer: undefined as unknown as import('node:events').EventEmitter,
}))

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  const renderer = Object.assign(new EventEmitter(), {
    invoke: async (channel: string, method: string, args: unknown) => {
      stand.invoked.push([channel, method, args])
      return stand.answer(method, args)
    },
  })
  stand.renderer = renderer
  return {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void stand.exposed.push({ key, value }) },
    ipcRenderer: renderer,
  }
})

let api: Api

beforeAll(async () => {
  await import('../../../preload/index')
  api = stand.exposed[0]!.value as Api
})

describe('preload', () => {
  it('exposes only window.api, with invoke and on', () => {
    expect(stand.exposed.map((e) => e.key)).toEqual(['api'])
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on'])
  })

  it('invoke round-trips through ipcRenderer on the call channel', async () => {
    stand.answer = (method) => (method === 'app.ready' ? { ok: true, result: { host: 'electron', demo: false } } : undefined)
    expect(await api.invoke('app.ready', {})).toEqual({ host: 'electron', demo: false })
    expect(stand.invoked.at(-1)).toEqual([CALL_CHANNEL, 'app.ready', {}])
  })

  it('turns an error envelope into a BridgeCallError with its code and message', async () => {
    stand.answer = () => ({ ok: false, error: { code: 'forbidden', message: 'This page may not call Crosstalk.' } })
    const failure = api.invoke('accounts.list', {})
    await expect(failure).rejects.toBeInstanceOf(BridgeCallError)
    await expect(failure).rejects.toMatchObject({ code: 'forbidden', message: 'This page may not call Crosstalk.' })
  })

  it('on() listens to the event channel for one event, and stops when asked', () => {
    const renderer = stand.renderer as EventEmitter
    const seen: unknown[] = []
    const off = api.on('columns.changed', (payload) => seen.push(payload))
    expect(renderer.listenerCount(EVENT_CHANNEL)).toBe(1)
    renderer.emit(EVENT_CHANNEL, {}, 'columns.changed', [])
    renderer.emit(EVENT_CHANNEL, {}, 'items', { columnId: 'c', items: [] })
    expect(seen).toEqual([[]])
    off()
    expect(renderer.listenerCount(EVENT_CHANNEL)).toBe(0)
    renderer.emit(EVENT_CHANNEL, {}, 'columns.changed', [])
    expect(seen).toEqual([[]])
  })
})
