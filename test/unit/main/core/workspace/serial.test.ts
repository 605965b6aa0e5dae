import { describe, expect, it } from 'vitest'
import { createSerial } from '../../../../../main/core/workspace/serial'

describe('serial', () => {
  it('runs steps one after another, in order, even when one fails', async () => {
    const serial = createSerial()
    const log: string[] = []
    const step = (name: string, fail = false) =>
      serial(async () => {
        log.push(`start ${name}`)
        await new Promise((r) => setImmediate(r))
        log.push(`end ${name}`)
        if (fail) throw new Error(name)
        return name
      })
    const results = await Promise.allSettled([step('a'), step('b', true), step('c')])
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
  })
})
