// A clock that moves only when the test says so. Timers fire in time order during advance(),
// and the promise work they start is allowed to settle before the next one fires.
import type { Clock } from '../../../../../main/core/capabilities'

interface Timer {
  id: number
  at: number
  fn: () => void
}

export interface ManualClock extends Clock {
  /** Moves time forward by ms, firing every timer that comes due on the way. */
  advance(ms: number): Promise<void>
  /** Lets pending promise work finish without moving time. */
  settle(): Promise<void>
  /** When the earliest pending timer fires, if any. */
  nextTimerAt(): number | undefined
  pendingTimers(): number
}

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve))

export function createManualClock(start = Date.parse('2025-06-01T12:00:00.000Z')): ManualClock {
  let now = start
  let nextId = 1
  const timers = new Map<number, Timer>()

  const settle = async () => {
    for (let i = 0; i < 5; i++) await macrotask()
  }

  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++
      timers.set(id, { id, at: now + Math.max(0, ms), fn })
      return id
    },
    clearTimeout(handle) {
      timers.delete(handle as number)
    },
    async advance(ms) {
      const target = now + ms
      await settle()
      for (;;) {
        const due = [...timers.values()].filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0]
        if (!due) break
        timers.delete(due.id)
        now = Math.max(now, due.at)
        due.fn()
        await settle()
      }
      now = target
    },
    settle,
    nextTimerAt() {
      const ats = [...timers.values()].map((t) => t.at)
      return ats.length ? Math.min(...ats) : undefined
    },
    pendingTimers: () => timers.size,
  }
}
