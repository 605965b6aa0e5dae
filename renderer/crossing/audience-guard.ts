// Before anything goes outside: does it carry something from inside? Internal mentions, links
// to internal network hosts, or text copied from an internal item each need a second
// confirmation. Pure: the caller gathers what "inside" means from its cache and accounts.
import type { Draft, Item } from '../../preload/model'

export type AudienceWarning =
  | { kind: 'internal-mention'; name: string }
  | { kind: 'internal-link'; host: string }
  | { kind: 'copied-text'; excerpt: string; from: string }

export interface InsideContext {
  /** Hosts of internal networks (the Salesforce instance, the Viva Engage network). */
  internalHosts: string[]
  /** Names of colleagues on internal networks. */
  colleagueNames: string[]
  /** Internal items in the cache (their text is what must not leak). */
  internalItems: Pick<Item, 'text' | 'author'>[]
}

const MIN_COPIED = 40 // characters: shorter overlaps are common phrases, not copies

const normalize = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim()

export function checkAudience(draft: Pick<Draft, 'text'>, inside: InsideContext): AudienceWarning[] {
  const warnings: AudienceWarning[] = []
  const text = draft.text
  for (const name of inside.colleagueNames) {
    if (name && new RegExp(`@${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text))
      warnings.push({ kind: 'internal-mention', name })
  }
  for (const m of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    let host: string
    try {
      host = new URL(m[0]).host.toLowerCase()
    } catch {
      continue
    }
    if (inside.internalHosts.some((h) => host === h.toLowerCase() || host.endsWith(`.${h.toLowerCase()}`)))
      warnings.push({ kind: 'internal-link', host })
  }
  // Any run of MIN_COPIED characters that also appears in an internal item.
  const mine = normalize(text)
  if (mine.length >= MIN_COPIED) {
    for (const item of inside.internalItems) {
      const theirs = normalize(item.text)
      for (let i = 0; i + MIN_COPIED <= mine.length; i += 10) {
        const piece = mine.slice(i, i + MIN_COPIED)
        if (theirs.includes(piece)) {
          warnings.push({ kind: 'copied-text', excerpt: piece, from: item.author.name })
          break
        }
      }
      if (warnings.some((w) => w.kind === 'copied-text')) break
    }
  }
  return warnings
}

export function describeWarning(w: AudienceWarning): string {
  switch (w.kind) {
    case 'internal-mention':
      return `It mentions ${w.name}, a colleague on an internal network.`
    case 'internal-link':
      return `It links to ${w.host}, an internal network.`
    case 'copied-text':
      return `It repeats text from an internal post by ${w.from} (“${w.excerpt}…”).`
  }
}
