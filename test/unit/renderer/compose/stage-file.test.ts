import { describe, expect, it } from 'vitest'
import { ATTACHMENT_CHUNK_BYTES } from '../../../../preload/contract'
import { combinedRules, refusal, stageFile } from '../../../../renderer/compose/stage-file'
import { createFakeApi } from '../fake-api'

const mastodon = { max: 4, maxBytes: 16_777_216, accept: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'], describe: true }
const chatter = { max: 10, maxBytes: 100 * 1024 * 1024, accept: ['*/*'], describe: false }
const bluesky = { max: 4, maxBytes: 1_000_000, accept: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'], describe: true }

describe('staging a picked file', () => {
  it('stages it, then sends every byte once, in order, in base64 pieces', async () => {
    const bytes = new Uint8Array(ATTACHMENT_CHUNK_BYTES * 2 + 5).map((_, i) => i % 256)
    const received: Uint8Array[] = []
    const fake = createFakeApi({
      'attachments.stage': () => ({ ref: '11111111-1111-4111-8111-111111111111' }),
      'attachments.write': ({ offset, data }) => {
        received.push(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)))
        const total = received.reduce((n, r) => n + r.length, 0)
        expect(offset).toBe(total - received.at(-1)!.length)
        return { received: total, complete: total === bytes.length }
      },
    })
    const progress: number[] = []
    const file = { name: 'shot.png', type: 'image/png', size: bytes.length, arrayBuffer: async () => bytes.buffer }
    const attachment = await stageFile(fake.api, file, (f) => progress.push(f))
    expect(attachment).toEqual({
      ref: '11111111-1111-4111-8111-111111111111',
      name: 'shot.png',
      mimeType: 'image/png',
      size: bytes.length,
    })
    const joined = new Uint8Array(received.reduce((n, r) => n + r.length, 0))
    received.reduce((at, r) => (joined.set(r, at), at + r.length), 0)
    expect(joined).toEqual(bytes)
    expect(progress.at(-1)).toBe(1)
    expect(fake.calls.filter((c) => c.method === 'attachments.write')).toHaveLength(3)
  })
})

describe('attachment rules for the chosen accounts', () => {
  it('combines: the fewest files, the smallest size, the types all take; none when one network takes no files', () => {
    expect(combinedRules([mastodon, chatter])).toEqual({ ...mastodon, describe: true })
    expect(combinedRules([mastodon, bluesky])).toMatchObject({ max: 4, maxBytes: 1_000_000 })
    expect(combinedRules([chatter])).toEqual(chatter)
    expect(combinedRules([mastodon, undefined])).toBeUndefined()
    expect(combinedRules([])).toBeUndefined()
  })

  it('says why a file cannot go', () => {
    expect(refusal({ name: 'a.pdf', type: 'application/pdf', size: 10 }, mastodon, 0)).toBe(
      'a.pdf: this type of file cannot be sent here.',
    )
    expect(refusal({ name: 'big.png', type: 'image/png', size: 2_000_000 }, bluesky, 0)).toBe(
      'big.png is 2.0 MB; the limit here is 1.0 MB.',
    )
    expect(refusal({ name: 'e.png', type: 'image/png', size: 10 }, mastodon, 4)).toBe('At most 4 files per post here.')
    expect(refusal({ name: 'a.pdf', type: 'application/pdf', size: 10 }, chatter, 0)).toBeUndefined()
  })
})
