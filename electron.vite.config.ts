// One build tool for the three parts: main (Node), preload (sandboxed: CommonJS) and the renderer.
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// CROSSTALK_OUT_DIR builds elsewhere (parallel work that must not overwrite out/).
const outRoot = resolve(__dirname, process.env.CROSSTALK_OUT_DIR ?? 'out')

export default defineConfig({
  main: {
    build: {
      outDir: resolve(outRoot, 'main'),
      rollupOptions: { input: { index: resolve(__dirname, 'main/electron/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(outRoot, 'preload'),
      // A sandboxed preload can require only 'electron': bundle zod instead of leaving it external.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(outRoot, 'renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
})
