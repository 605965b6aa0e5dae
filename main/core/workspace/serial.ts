// Runs async read-modify-write steps one at a time, so two concurrent changes to the same list
// cannot both start from the same old version and lose one of them.
export type Serial = <T>(step: () => Promise<T>) => Promise<T>

export function createSerial(): Serial {
  let tail: Promise<unknown> = Promise.resolve()
  return (step) => {
    const run = tail.then(step, step)
    tail = run.catch(() => {})
    return run
  }
}
