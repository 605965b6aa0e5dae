// Which actions a card offers: only what the account's network really has (its declared
// capabilities), and only where they make sense for this item.
import type { Item, ItemAction, ModerationAction, OutboxEntry, WriteCapabilities } from '../../preload/model'

export interface CardAction {
  /** What is sent through items.act (or 'reply', which opens the composer). */
  action: ItemAction | 'reply'
  moderation?: ModerationAction
  /** The button's name. */
  label: string
  /** Pressed state for toggles (Like / Repost). */
  pressed?: boolean
  /** Asks for a second press (deleting). */
  confirm?: boolean
}

const isComment = (item: Item) => item.parentId !== undefined

/** Blog comments are approved, held, marked spam or trashed; elsewhere a reply is hidden or shown. */
export function moderationActions(item: Item): CardAction[] {
  if (item.network === 'wordpress') {
    if (!item.remoteId.startsWith('comment:')) return []
    const all: [ModerationAction, string][] = [
      ['approve', 'Approve'],
      ['hold', 'Hold'],
      ['spam', 'Spam'],
      ['trash', 'Trash'],
    ]
    // WordPress's trash reads as 'hidden'.
    const current =
      item.moderation === 'approved' || item.moderation === undefined
        ? 'approve'
        : item.moderation === 'hidden'
          ? 'trash'
          : item.moderation
    return all.filter(([m]) => m !== current).map(([moderation, label]) => ({ action: 'moderate', moderation, label }))
  }
  // Facebook comments on the Page's posts, X replies in conversations one started, Bluesky replies in one's threads.
  if (!isComment(item) || item.viewer?.mine || item.viewer?.canModerate !== true) return []
  return item.moderation === 'hidden'
    ? [{ action: 'moderate', moderation: 'unhide', label: 'Unhide' }]
    : [{ action: 'moderate', moderation: 'hide', label: 'Hide' }]
}

export function cardActions(item: Item, caps: WriteCapabilities | undefined): CardAction[] {
  if (!caps) return []
  const out: CardAction[] = []
  if (caps.reply) out.push({ action: 'reply', label: 'Reply' })
  if (caps.like) {
    const liked = item.viewer?.liked === true
    out.push({ action: liked ? 'unlike' : 'like', label: liked ? 'Unlike' : 'Like', pressed: liked })
  }
  if (caps.repost && !item.viewer?.mine) {
    const reposted = item.viewer?.reposted === true
    out.push({ action: reposted ? 'unrepost' : 'repost', label: reposted ? 'Undo repost' : 'Repost', pressed: reposted })
  }
  if (caps.moderate) out.push(...moderationActions(item))
  if (caps.remove && item.viewer?.mine) out.push({ action: 'remove', label: 'Delete', confirm: true })
  if (caps.report && !item.viewer?.mine) out.push({ action: 'report', label: 'Report' })
  return out
}

/** An entry acting on this item that has not gone out yet (its button waits). */
export function pendingFor(entries: readonly OutboxEntry[], item: Item, a: CardAction): OutboxEntry | undefined {
  return entries.find(
    (e) =>
      e.itemId === item.id &&
      e.action === a.action &&
      (a.moderation === undefined || e.moderation === a.moderation) &&
      e.state !== 'sent' &&
      e.state !== 'failed',
  )
}
