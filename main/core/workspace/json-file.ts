// One JSON file under the data directory, written atomically: the new content goes to a temp
// file in the same directory, is fsynced, then renamed over the old one, so a crash leaves
// either the old file or the new one, never half of each. Writes are serialized and coalesced
// (a save queued behind a running write writes only the latest value). A file that does not
// parse is moved aside, never deleted, and the app starts with the empty value.
import { access, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { z } from 'zod'
import type { Clock, Logger } from '../capabilities'
import { summarizeIssues } from '../http/client'

export interface JsonFile<T> {
  readonly path: string
  /** Reads and validates the file; missing → empty, corrupt → moved aside + empty. */
  load(): Promise<T>
  /** Resolves once this value (or a newer one) is on disk. */
  save(value: T): Promise<void>
  /** Resolves when every save so far has finished (failed ones included). */
  flush(): Promise<void>
}

export interface JsonFileOptions<S extends z.ZodType> {
  dir: string
  name: string
  schema: S
  empty: () => z.output<S>
  clock: Clock
  logger: Logger
}

const TMP_MARK = '.tmp-'

export function createJsonFile<S extends z.ZodType>(opts: JsonFileOptions<S>): JsonFile<z.output<S>> {
  const path = join(opts.dir, opts.name)
  let tail: Promise<void> = Promise.resolve()
  let queued = false
  let latest: z.output<S>
  let tmpCounter = 0

  async function moveAside(why: string): Promise<void> {
    const stamp = new Date(opts.clock.now()).toISOString().replace(/[:.]/g, '-')
    let target = `${path}.corrupt-${stamp}`
    for (let n = 1; await exists(target); n++) target = `${path}.corrupt-${stamp}-${n}`
    await rename(path, target)
    opts.logger.warn(`${opts.name} could not be read (${why}); it was moved to ${target} and Crosstalk starts with an empty one.`)
  }

  /** Temp files left by a crash mid-write are incomplete by definition; the real file is intact. */
  async function removeStaleTemps(): Promise<void> {
    const names = await readdir(opts.dir).catch(() => [] as string[])
    for (const n of names) if (n.startsWith(opts.name + TMP_MARK)) await unlink(join(opts.dir, n)).catch(() => {})
  }

  async function writeAtomic(text: string): Promise<void> {
    await mkdir(opts.dir, { recursive: true })
    const tmp = `${path}${TMP_MARK}${process.pid}-${++tmpCounter}`
    try {
      const fh = await open(tmp, 'w', 0o600)
      try {
        await fh.writeFile(text, 'utf8')
        await fh.sync()
      } finally {
        await fh.close()
      }
      await rename(tmp, path)
    } catch (error) {
      await unlink(tmp).catch(() => {})
      throw error
    }
    // Make the rename itself durable (not supported everywhere, hence best effort).
    const dir = await open(opts.dir, 'r').catch(() => undefined)
    await dir?.sync().catch(() => {})
    await dir?.close()
  }

  return {
    path,
    async load() {
      await mkdir(opts.dir, { recursive: true })
      await removeStaleTemps()
      let text: string
      try {
        text = await readFile(path, 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return opts.empty()
        throw error
      }
      let raw: unknown
      try {
        raw = JSON.parse(text)
      } catch {
        await moveAside('not valid JSON')
        return opts.empty()
      }
      const parsed = opts.schema.safeParse(raw)
      if (!parsed.success) {
        await moveAside(`unexpected content: ${summarizeIssues(parsed.error)}`)
        return opts.empty()
      }
      return parsed.data
    },
    save(value) {
      latest = value
      if (!queued) {
        queued = true
        tail = tail
          .catch(() => {})
          .then(() => {
            queued = false
            return writeAtomic(JSON.stringify(latest, null, 2) + '\n')
          })
      }
      return tail
    },
    flush: () => tail.catch(() => {}),
  }
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  )
}
