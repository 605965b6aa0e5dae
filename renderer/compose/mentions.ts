// Mentions in the composer: spotting "@que" at the caret, putting the picked person in the text,
// and finding where each picked mention sits when the draft is sent (the person may have
// edited around it, or deleted it).
import type { DraftMention, NetworkId, Person } from '../../preload/model'

/** A person picked from the autocomplete, for one account (mentions do not cross networks). */
export interface PickedMention {
  accountId: string
  /** What the text shows for them, e.g. "@Ada Lovelace" or "@ada.bsky.social". */
  shown: string
  person: Person
}

/** The "@query" being typed right before the caret, if any. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | undefined {
  const m = /(^|[\s(])@([\p{L}\p{N}_.-]{1,40})$/u.exec(text.slice(0, caret))
  if (!m) return undefined
  return { start: caret - m[2]!.length - 1, query: m[2]! }
}

/** How a mention reads in the text: handles where the network shows handles, names where it shows names. */
export function shownAs(network: NetworkId, person: Person): string {
  const handleNetworks: NetworkId[] = ['mastodon', 'bluesky', 'x']
  return handleNetworks.includes(network) && person.handle ? `@${person.handle}` : `@${person.name}`
}

/** Replaces "@query" (from start to caret) with the mention and a space; returns the text and the new caret. */
export function insertMention(text: string, start: number, caret: number, shown: string): { text: string; caret: number } {
  const next = `${text.slice(0, start)}${shown} ${text.slice(caret)}`
  return { text: next, caret: start + shown.length + 1 }
}

/**
 * The draft's structured mentions for one account: each picked mention found in the text, in
 * order, each occurrence used once. Mentions whose text was deleted are dropped.
 */
export function locateMentions(text: string, picked: readonly PickedMention[], accountId: string): DraftMention[] {
  const out: DraftMention[] = []
  const taken: [number, number][] = []
  for (const p of picked) {
    if (p.accountId !== accountId) continue
    let from = 0
    for (;;) {
      const at = text.indexOf(p.shown, from)
      if (at < 0) break
      const end = at + p.shown.length
      const free = !taken.some(([s, e]) => at < e && end > s)
      if (free) {
        taken.push([at, end])
        out.push({
          start: at,
          end,
          id: p.person.id,
          name: p.person.name,
          ...(p.person.handle ? { handle: p.person.handle } : {}),
        })
        break
      }
      from = end
    }
  }
  return out.sort((a, b) => a.start - b.start)
}
