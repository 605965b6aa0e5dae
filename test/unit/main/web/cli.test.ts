// Runs the real entry (`tsx main/web/cli.ts`) the way a person does, with a temp renderer and
// data folder and the memory secret store (--demo): no keychain and no network needed.
import { spawn } from 'node:child_process'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const root = join(__dirname, '..', '..', '..', '..')
const tsx = join(root, 'node_modules', '.bin', 'tsx')
let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crosstalk-cli-'))
  await mkdir(join(dir, 'renderer'))
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Crosstalk</title>')
})
afterEach(() => rm(dir, { recursive: true, force: true }))

function run(args: string[], opts: { stopWhenPrinted?: boolean } = {}) {
  const child = spawn(tsx, [join(root, 'main/web/cli.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString()
    if (opts.stopWhenPrinted && stdout.includes('\n')) child.kill('SIGTERM')
  })
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  )
}

describe('web host entry (tsx main/web/cli.ts)', () => {
  it('prints exactly one line with the address, and stops cleanly on SIGTERM', async () => {
    const out = await run(['--demo', '--data-dir', join(dir, 'data'), '--renderer-dir', join(dir, 'renderer')], {
      stopWhenPrinted: true,
    })
    expect(out.stdout).toMatch(/^Crosstalk is running at http:\/\/127\.0\.0\.1:\d+\/\?k=[A-Za-z0-9_-]{43}\n$/)
    expect(out.stderr).toContain('Demo mode: tokens live in this process’s memory only')
    expect(out.code).toBe(0)
  })

  it('refuses to start without a built renderer', async () => {
    const out = await run(['--demo', '--data-dir', join(dir, 'data'), '--renderer-dir', join(dir, 'missing')])
    expect(out.code).toBe(1)
    expect(out.stdout).toBe('')
    expect(out.stderr).toContain('Build the renderer first: npm run build')
  })

  it('refuses bad arguments with the usage', async () => {
    const out = await run(['--port', 'many'])
    expect(out.code).toBe(2)
    expect(out.stdout).toBe('')
    expect(out.stderr).toContain('--port needs a whole number')
    expect(out.stderr).toContain('Usage: npm run web --')
  })
})
