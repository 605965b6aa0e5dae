// How a page moves a column's stored cursor. A newer poll moves only the newer end; the older
// end stays where the first page (or the last loadMore) left it, and vice versa.
import type { Page, PageCursor } from '../../networks/types'

export function mergeNewer(saved: PageCursor, page: PageCursor): PageCursor {
  return defined({ newer: page.newer ?? saved.newer, older: saved.older ?? page.older })
}

export function mergeOlder(saved: PageCursor, page: PageCursor): PageCursor {
  return defined({ newer: saved.newer ?? page.newer, older: page.older })
}

/** When the page says the allowance is used up, the time it refills. */
export function exhaustedUntil(page: Page): number | undefined {
  const rl = page.rateLimit
  return rl?.remaining === 0 && rl.resetAt !== undefined ? rl.resetAt : undefined
}

/** Drops undefined fields, so persisted JSON and events carry only what is known. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
