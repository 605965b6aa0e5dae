// A real core (createCore) on a temp data directory, signed in to a fake network through its
// consent page, with a file secret store a second process can share.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EventName } from '../../../../../preload/contract'
import type { Draft, OutboxEntry } from '../../../../../preload/model'
import { createCore, type Core, type CoreOptions } from '../../../../../main/core/app'
import { silentLogger } from '../../../../../main/core/capabilities'
import { driveConsent } from '../../../../fakes/common/consent-driver'
import { createFileSecretStore } from './file-secrets'

const root = fileURLToPath(new URL('../../../../..', import.meta.url))

export interface HarnessCore extends Core {
  events: { event: EventName; payload: unknown }[]
  /** Resolves with the entry once it reaches one of the states (polls outbox.list). */
  entryIn(entryId: string, states: OutboxEntry['state'][], timeoutMs?: number): Promise<OutboxEntry>
}

/** Plays the person at the consent page: Authorize, then the browser follows the redirect to the loopback listener. */
const approve = (url: string) =>
  void (async () => {
    const back = await driveConsent(url, 'approve')
    await (await fetch(back)).text()
  })().catch(() => {})

export function startCore(dataDir: string, extra: Partial<CoreOptions> = {}): HarnessCore {
  const core = createCore({
    dataDir,
    secrets: createFileSecretStore(join(dataDir, 'test-secrets.json')),
    host: 'web',
    logger: silentLogger,
    openUrl: async (url) => approve(url),
    ...extra,
  })
  const events: HarnessCore['events'] = []
  core.onEvent((event, payload) => events.push({ event, payload }))
  return {
    ...core,
    events,
    async entryIn(entryId, states, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs
      for (;;) {
        const entry = (await core.handlers['outbox.list']({})).find((e) => e.id === entryId)
        if (entry && states.includes(entry.state)) return entry
        if (Date.now() > until) throw new Error(`entry ${entryId} never reached ${states.join('/')}: ${JSON.stringify(entry)}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
  }
}

export interface Child {
  process: ChildProcess
  entryId: Promise<string>
  exited: Promise<NodeJS.Signals | number | null>
  stderr(): string
}

/** Starts crash-child.ts: a second process with its own core on the same data directory. */
export function spawnSubmitter(dataDir: string, draft: Draft): Child {
  // Node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a grandchild that a
  // SIGKILL of the CLI would leave running, and this process must really die.
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'test/unit/main/core/outbox/crash-child.ts'),
      dataDir,
      join(dataDir, 'test-secrets.json'),
      JSON.stringify(draft),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stderr = ''
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  )
  const entryId = new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /SUBMITTED (\S+)/.exec(out)
      if (m?.[1]) resolve(m[1])
    })
    void exited.then((how) => reject(new Error(`the child exited (${String(how)}) before submitting: ${stderr}`)))
  })
  return { process: child, entryId, exited, stderr: () => stderr }
}

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
