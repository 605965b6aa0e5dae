// Carrying an outside item inside: the internal post quotes the original (author, text, link)
// under the manager's note and mentions the colleagues it concerns (the mention is the
// assignment). Its last line names the original ("↗ <url>"): any machine signed in to the same
// internal network rebuilds the link from the internal thread alone. No server of ours.
import type { Draft, Item } from '../../preload/model'

/** The line that links an internal post to its outside original. */
export const ORIGIN_PREFIX = '↗ '

export const originLine = (url: string) => `${ORIGIN_PREFIX}${url}`

/** The outside original an internal post was shared from, if it says. */
export function sharedOrigin(text: string): string | undefined {
  for (const line of text.split('\n').reverse()) {
    const t = line.trim()
    if (t.startsWith(ORIGIN_PREFIX)) {
      const url = t.slice(ORIGIN_PREFIX.length).trim()
      if (/^https?:\/\/\S+$/.test(url)) return url
    }
  }
  return undefined
}

export interface ShareInsideRequest {
  /** The internal account that posts. */
  accountId: string
  group: { id: string; name?: string }
  note: string
  /** Colleagues to mention: the people the item is for. */
  colleagues: { id: string; name: string }[]
  networkName: string
}

export function shareInsideDraft(item: Item, req: ShareInsideRequest): Draft {
  if (item.side !== 'external') throw new Error('Only an outside item can be shared inside.')
  if (!item.url) throw new Error('This item has no public link to share.')
  const who = item.author.handle ? `${item.author.name} (${item.author.handle})` : item.author.name
  const quote = item.text.trim().length > 1500 ? `${item.text.trim().slice(0, 1500)}…` : item.text.trim()
  // Mentions come first so each is "@Name" at a known offset.
  let text = ''
  const mentions: NonNullable<Draft['mentions']> = []
  for (const c of req.colleagues) {
    const start = text.length
    text += `@${c.name}`
    mentions.push({ start, end: text.length, id: c.id, name: c.name })
    text += ' '
  }
  text += `${req.note.trim()}\n\nShared from ${req.networkName}: ${who} wrote\n“${quote}”\n${originLine(item.url)}`
  const draft: Draft = {
    accountId: req.accountId,
    text: text.trim(),
    target: { kind: 'group', id: req.group.id, name: req.group.name },
  }
  if (mentions.length > 0) draft.mentions = mentions
  return draft
}

/** The reply outside, prefilled from an internal message: the public answer to the original. */
export function answerOutsideDraft(original: Item, accountId: string, fromInside: Item): Draft {
  if (original.side !== 'external') throw new Error('The answer goes to the outside original.')
  if (original.accountId !== accountId) throw new Error('Answer with the account the original was read from.')
  return { accountId, replyTo: original.id, text: fromInside.text.replace(/\n?↗ \S+\s*$/, '').trim() }
}

export const RESOLVED_MARK = '✅ Resolved'

/** The internal reply that marks the link resolved, so the whole team sees it. */
export function resolvedDraft(internalRoot: Item, accountId: string, note = ''): Draft {
  return { accountId, replyTo: internalRoot.id, text: `${RESOLVED_MARK}${note.trim() ? `: ${note.trim()}` : ''}` }
}

export const isResolved = (thread: readonly Item[]) => thread.some((i) => i.text.trim().startsWith(RESOLVED_MARK))
