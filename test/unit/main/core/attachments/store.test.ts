import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAttachmentStore, MAX_STAGED_BYTES } from '../../../../../main/core/attachments/store'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosstalk-attachments-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const bytes = (...n: number[]) => new Uint8Array(n)

describe('attachment store', () => {
  it('stages a file in pieces, survives a new store on the same directory, and reads it whole', async () => {
    const store = createAttachmentStore({ dataDir: dir })
    const { ref } = await store.stage({ name: 'a.png', mimeType: 'image/png', size: 5 })
    expect(await store.write(ref, 0, bytes(1, 2, 3))).toEqual({ received: 3, complete: false })
    // A resent piece is acknowledged, not appended twice.
    expect(await store.write(ref, 0, bytes(1, 2, 3))).toEqual({ received: 3, complete: false })
    await expect(store.write(ref, 4, bytes(5))).rejects.toThrow(/Expected the piece at byte 3/)
    expect(await store.write(ref, 3, bytes(4, 5))).toEqual({ received: 5, complete: true })
    const again = createAttachmentStore({ dataDir: dir })
    expect(await again.describe(ref)).toEqual({ name: 'a.png', mimeType: 'image/png', size: 5, complete: true })
    expect(await again.read(ref)).toMatchObject({ name: 'a.png', bytes: bytes(1, 2, 3, 4, 5) })
  })

  it('refuses what it cannot keep honestly: too large, longer than announced, unknown or incomplete', async () => {
    const store = createAttachmentStore({ dataDir: dir })
    await expect(store.stage({ name: 'big.mov', mimeType: 'video/mp4', size: MAX_STAGED_BYTES + 1 })).rejects.toThrow(
      /larger than Crosstalk can send/,
    )
    const { ref } = await store.stage({ name: 'b.png', mimeType: 'image/png', size: 2 })
    await expect(store.write(ref, 0, bytes(1, 2, 3))).rejects.toThrow(/longer than announced/)
    await expect(store.read(ref)).rejects.toThrow(/did not arrive whole/)
    await expect(store.read('../../etc/passwd')).rejects.toThrow(/not known/)
    await expect(store.describe('00000000-0000-4000-8000-000000000000')).rejects.toThrow(/gone/)
  })

  it('removes both the bytes and the description', async () => {
    const store = createAttachmentStore({ dataDir: dir })
    const { ref } = await store.stage({ name: 'c.txt', mimeType: 'text/plain', size: 1 })
    await store.write(ref, 0, bytes(9))
    await store.remove(ref)
    expect(readdirSync(join(dir, 'attachments'))).toEqual([])
  })
})
