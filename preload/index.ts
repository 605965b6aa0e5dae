// The preload (sandboxed, bundled to CommonJS by electron-vite): exposes `window.api`, built
// from the contract by createApiClient over ipcRenderer, and nothing else. No ipcRenderer,
// no channel names and no Node reach the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { createApiClient } from './api-client'
import { CALL_CHANNEL, EVENT_CHANNEL } from './wire'

contextBridge.exposeInMainWorld(
  'api',
  createApiClient({
    call: (method, args) => ipcRenderer.invoke(CALL_CHANNEL, method, args),
    subscribe: (listener) => {
      const handler = (_event: IpcRendererEvent, event: string, payload: unknown) => listener(event, payload)
      ipcRenderer.on(EVENT_CHANNEL, handler)
      return () => void ipcRenderer.removeListener(EVENT_CHANNEL, handler)
    },
  }),
)
