// `npm start`: build, then launch the desktop app. Where the Electron binary cannot be
// obtained (no download possible), say so in one sentence and start the web host instead.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1

if (run(bin('electron-vite'), ['build']) !== 0) process.exit(1)

function electronBinary() {
  const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  const pathFile = join(dir, 'path.txt')
  const existing = () => existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()))
  if (existing()) return join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  // Electron fetches its binary on first launch; ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips that try.
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '1') {
    spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: dir, stdio: 'ignore', timeout: 120_000 })
    if (existing()) return join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  }
  return undefined
}

const electron = electronBinary()
const args = process.argv.slice(2)
const child = electron
  ? spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit' })
  : (console.log(
      'The Electron binary could not be obtained on this machine, so Crosstalk starts its web host instead: open the address below in your browser.',
    ),
    spawn(bin('tsx'), [join(root, 'main/web/cli.ts'), ...args], { cwd: root, stdio: 'inherit' }))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
