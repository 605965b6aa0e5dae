import { describe, expect, it } from 'vitest'
import { createMemorySecretStore } from '../../../../../main/core/secrets/memory-store'

describe('memory secret store (demo only)', () => {
  it('keeps values per key until deleted', async () => {
    const store = createMemorySecretStore()
    await store.check()
    expect(await store.get('a')).toBeNull()
    await store.set('a', '1')
    await store.set('b', '2')
    expect(await store.get('a')).toBe('1')
    await store.delete('a')
    expect(await store.get('a')).toBeNull()
    expect(await store.get('b')).toBe('2')
  })

  it('two stores share nothing', async () => {
    const one = createMemorySecretStore()
    await one.set('a', '1')
    expect(await createMemorySecretStore().get('a')).toBeNull()
  })
})
