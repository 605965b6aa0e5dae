// Entry of the desktop app (electron-vite builds it to out/main/index.js). All the logic is in
// shell.ts; here the real electron module and the real capabilities are handed to it.
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron'
import { createCore } from '../core/app'
import { consoleLogger } from '../core/capabilities'
import { createKeytarSecretStore } from '../core/secrets/keytar-store'
import { parseEndpointOverrides } from '../networks/endpoints'
import { startElectronShell } from './shell'

startElectronShell({
  app,
  BrowserWindow,
  ipcMain,
  shell,
  session,
  dialog,
  createCore,
  createSecretStore: () => createKeytarSecretStore(),
  paths: { preload: join(__dirname, '../preload/index.cjs'), indexHtml: join(__dirname, '../renderer/index.html') },
  rendererUrl: process.env.ELECTRON_RENDERER_URL,
  platform: process.platform,
  logger: consoleLogger,
  endpoints: parseEndpointOverrides(process.env.CROSSTALK_ENDPOINTS),
})
