// Files picked for drafts, staged under <dataDir>/attachments until the post that carries them
// is sent or discarded. The renderer never names a path: it gets a ref and sends the bytes in
// pieces (the same over Electron IPC and the web host's WebSocket). On disk, so a post waiting
// in the outbox keeps its files across restarts.
import { randomUUID } from 'node:crypto'
import { mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { UserError } from '../errors'

/** Largest file Crosstalk stages at all; each network's own limit is checked when the draft is queued. */
export const MAX_STAGED_BYTES = 100 * 1024 * 1024

const MetaSchema = z.object({ name: z.string(), mimeType: z.string(), size: z.number().int().positive() })
export type StagedMeta = z.infer<typeof MetaSchema>

export interface StagedFile extends StagedMeta {
  bytes: Uint8Array
}

export interface AttachmentStore {
  stage(meta: StagedMeta): Promise<{ ref: string }>
  write(ref: string, offset: number, data: Uint8Array): Promise<{ received: number; complete: boolean }>
  /** The file's name, type and size, and whether all its bytes arrived. */
  describe(ref: string): Promise<StagedMeta & { complete: boolean }>
  read(ref: string): Promise<StagedFile>
  remove(ref: string): Promise<void>
}

const REF = /^[0-9a-f-]{36}$/

export function createAttachmentStore(opts: { dataDir: string }): AttachmentStore {
  const dir = join(opts.dataDir, 'attachments')
  const paths = (ref: string) => {
    // Refs are ours (UUIDs): anything else never becomes a path.
    if (!REF.test(ref)) throw new UserError('unknown-attachment', 'That attachment is not known (pick the file again).')
    return { meta: join(dir, `${ref}.json`), data: join(dir, `${ref}.bin`) }
  }
  async function meta(ref: string): Promise<StagedMeta> {
    try {
      return MetaSchema.parse(JSON.parse(await readFile(paths(ref).meta, 'utf8')))
    } catch (error) {
      if (error instanceof UserError) throw error
      throw new UserError('unknown-attachment', 'That attachment is gone (pick the file again).')
    }
  }
  const received = async (ref: string) => (await stat(paths(ref).data).catch(() => ({ size: 0 }))).size

  return {
    async stage(m) {
      if (m.size > MAX_STAGED_BYTES) {
        throw new UserError('attachment-too-large', `${m.name} is larger than Crosstalk can send (100 MB).`)
      }
      await mkdir(dir, { recursive: true })
      const ref = randomUUID()
      const p = paths(ref)
      await writeFile(p.data, new Uint8Array(0))
      await writeFile(p.meta, JSON.stringify(MetaSchema.parse(m)))
      return { ref }
    },

    async write(ref, offset, data) {
      const m = await meta(ref)
      const have = await received(ref)
      // Pieces arrive in order; a repeated piece (a resend after a lost answer) is acknowledged, not appended twice.
      if (offset + data.length <= have) return { received: have, complete: have === m.size }
      if (offset !== have) {
        throw new UserError('attachment-out-of-order', `Expected the piece at byte ${have} of ${m.name}, got ${offset}.`)
      }
      if (have + data.length > m.size) throw new UserError('attachment-too-long', `${m.name} is longer than announced.`)
      const file = await open(paths(ref).data, 'a')
      try {
        await file.write(data)
        await file.sync()
      } finally {
        await file.close()
      }
      const now = have + data.length
      return { received: now, complete: now === m.size }
    },

    async describe(ref) {
      const m = await meta(ref)
      return { ...m, complete: (await received(ref)) === m.size }
    },

    async read(ref) {
      const m = await meta(ref)
      const bytes = new Uint8Array(await readFile(paths(ref).data))
      if (bytes.length !== m.size) {
        throw new UserError('attachment-incomplete', `${m.name} did not arrive whole; pick the file again.`)
      }
      return { ...m, bytes }
    },

    async remove(ref) {
      const p = paths(ref)
      await rm(p.data, { force: true })
      await rm(p.meta, { force: true })
    },
  }
}
