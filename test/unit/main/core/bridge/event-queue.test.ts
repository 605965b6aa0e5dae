import { describe, expect, it } from 'vitest'
import type { EventName } from '../../../../../preload/contract'
import { createEventQueue } from '../../../../../main/core/bridge/event-queue'
import { recordingLogger } from './stand-in-core'

function setup(limits: { maxItems?: number; maxOther?: number } = {}) {
  const delivered: { event: EventName; payload: unknown }[] = []
  const logger = recordingLogger()
  const queue = createEventQueue({ deliver: (event, payload) => void delivered.push({ event, payload }), logger, ...limits })
  return { queue, delivered, logger }
}

const items = (n: number) => ({ columnId: 'c1', items: [], n })

describe('event queue', () => {
  it('holds events until ready, then flushes them in order, then delivers directly', () => {
    const { queue, delivered } = setup()
    queue.push('items', items(1))
    queue.push('open-url', { url: 'https://a.example/' })
    queue.push('items', items(2))
    expect(delivered).toEqual([])
    expect(queue.pending()).toHaveLength(3)

    queue.setReady(true)
    expect(delivered.map((d) => d.payload)).toEqual([items(1), { url: 'https://a.example/' }, items(2)])
    expect(queue.pending()).toEqual([])

    queue.push('items', items(3))
    expect(delivered.at(-1)).toEqual({ event: 'items', payload: items(3) })
  })

  it('holds again once the receiver is no longer ready', () => {
    const { queue, delivered } = setup()
    queue.setReady(true)
    queue.setReady(false)
    queue.push('items', items(1))
    expect(delivered).toEqual([])
    queue.setReady(true)
    expect(delivered).toEqual([{ event: 'items', payload: items(1) }])
  })

  it('drops the oldest items batches beyond the limit and warns once', () => {
    const { queue, delivered, logger } = setup({ maxItems: 3 })
    for (let n = 1; n <= 6; n++) queue.push('items', items(n))
    queue.setReady(true)
    expect(delivered.map((d) => (d.payload as { n: number }).n)).toEqual([4, 5, 6])
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1)
  })

  it('never drops account, column or status events: it keeps the latest of each', () => {
    const { queue, delivered } = setup({ maxItems: 1, maxOther: 1 })
    queue.push('accounts.changed', ['old'])
    queue.push('column.status', { columnId: 'c1', state: 'syncing' })
    queue.push('column.status', { columnId: 'c2', state: 'ok' })
    for (let n = 1; n <= 5; n++) queue.push('items', items(n))
    queue.push('columns.changed', ['cols'])
    queue.push('column.status', { columnId: 'c1', state: 'ok' })
    queue.push('accounts.changed', ['new'])
    queue.setReady(true)
    expect(delivered).toEqual([
      { event: 'column.status', payload: { columnId: 'c2', state: 'ok' } },
      { event: 'items', payload: items(5) },
      { event: 'columns.changed', payload: ['cols'] },
      { event: 'column.status', payload: { columnId: 'c1', state: 'ok' } },
      { event: 'accounts.changed', payload: ['new'] },
    ])
  })

  it('bounds other events (open-url) too', () => {
    const { queue, delivered } = setup({ maxOther: 2 })
    for (let n = 1; n <= 4; n++) queue.push('open-url', { url: `https://a.example/${n}` })
    queue.setReady(true)
    expect(delivered.map((d) => d.payload)).toEqual([{ url: 'https://a.example/3' }, { url: 'https://a.example/4' }])
  })

  it('keeps flushing after a delivery fails, and logs the failure', () => {
    const logger = recordingLogger()
    const seen: unknown[] = []
    const queue = createEventQueue({
      logger,
      deliver: (_e, p) => {
        if (p === 'bad') throw new Error('send failed')
        seen.push(p)
      },
    })
    queue.push('items', 'a')
    queue.push('items', 'bad')
    queue.push('items', 'c')
    queue.setReady(true)
    expect(seen).toEqual(['a', 'c'])
    expect(logger.lines.some((l) => l.level === 'error')).toBe(true)
  })

  it('stops flushing when a delivery makes the receiver not ready, and keeps the rest in order', () => {
    let queue: ReturnType<typeof createEventQueue> | undefined = undefined
    const seen: unknown[] = []
    queue = createEventQueue({
      logger: recordingLogger(),
      deliver: (_e, p) => {
        seen.push(p)
        if (p === 2) queue?.setReady(false)
      },
    })
    for (const n of [1, 2, 3, 4]) queue.push('items', n)
    queue.setReady(true)
    expect(seen).toEqual([1, 2])
    expect(queue.pending().map((e) => e.payload)).toEqual([3, 4])
    queue.setReady(true)
    expect(seen).toEqual([1, 2, 3, 4])
  })

  it('holds the event and what follows when the receiver turns out to be gone', () => {
    let present = true
    const seen: unknown[] = []
    const queue = createEventQueue({
      logger: recordingLogger(),
      deliver: (_e, p) => {
        if (!present) return false
        seen.push(p)
        return true
      },
    })
    queue.setReady(true)
    queue.push('items', 1)
    present = false
    queue.push('items', 2)
    expect(queue.ready).toBe(false)
    queue.push('items', 3)
    queue.setReady(true)
    expect(queue.pending().map((e) => e.payload)).toEqual([2, 3])
    present = true
    queue.setReady(true)
    expect(seen).toEqual([1, 2, 3])
    expect(queue.pending()).toEqual([])
  })
})
