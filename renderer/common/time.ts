// How times read in the UI. Pure functions of (date, now) so tests can pin both.

export interface TimeFormatOptions {
  locale?: string
  timeZone?: string
  /** Show seconds too (a rate-limit pause is often shorter than a minute). */
  seconds?: boolean
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const toMs = (d: string | number | Date): number => (typeof d === 'number' ? d : new Date(d).getTime())

function sameDay(a: number, b: number, timeZone?: string): boolean {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
  return f.format(a) === f.format(b)
}

/** "14:05" today, "3 Mar, 14:05" another day: a clock time people can check against a watch. */
export function formatClock(date: string | number | Date, now: number, opts: TimeFormatOptions = {}): string {
  const ms = toMs(date)
  const time = new Intl.DateTimeFormat(opts.locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: opts.seconds ? '2-digit' : undefined,
    timeZone: opts.timeZone,
  }).format(ms)
  if (sameDay(ms, now, opts.timeZone)) return time
  const day = new Intl.DateTimeFormat(opts.locale, { day: 'numeric', month: 'short', timeZone: opts.timeZone }).format(ms)
  return `${day}, ${time}`
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatRelative(date: string | number | Date, now: number): string {
  const ago = now - toMs(date)
  if (ago < MINUTE) return 'just now'
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`
  const days = Math.floor(ago / DAY)
  return days === 1 ? '1 day ago' : `${days} days ago`
}

/** Compact age for item cards: "now", "5m", "3h", "2d", then the date. */
export function formatAge(date: string | number | Date, now: number, opts: TimeFormatOptions = {}): string {
  const ms = toMs(date)
  const ago = now - ms
  if (ago < MINUTE) return 'now'
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)}m`
  if (ago < DAY) return `${Math.floor(ago / HOUR)}h`
  if (ago < 7 * DAY) return `${Math.floor(ago / DAY)}d`
  return new Intl.DateTimeFormat(opts.locale, { day: 'numeric', month: 'short', timeZone: opts.timeZone }).format(ms)
}

/** Full date and time, for tooltips. */
export const formatFull = (date: string | number | Date, opts: TimeFormatOptions = {}): string =>
  new Intl.DateTimeFormat(opts.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: opts.timeZone }).format(toMs(date))
