// How an outbox entry reads in the Outbox panel.
import type { Item, OutboxEntry } from '../../preload/model'

const ACTIONS: Record<OutboxEntry['action'], string> = {
  post: 'Post',
  reply: 'Reply',
  like: 'Like',
  unlike: 'Unlike',
  repost: 'Repost',
  unrepost: 'Undo repost',
  remove: 'Delete',
  moderate: 'Moderate',
  report: 'Report',
}

export const STATE_LABELS: Record<OutboxEntry['state'], string> = {
  pending: 'Waiting to send',
  sending: 'Sending',
  'waiting-retry': 'Will retry',
  sent: 'Sent',
  failed: 'Failed',
  paused: 'Paused: sign in again',
}

const excerpt = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text)

/** What the entry does, in words; `target` is the cached item it acts on or answers, when known. */
export function describeEntry(e: OutboxEntry, target?: Pick<Item, 'author' | 'text'>): string {
  const what = e.action === 'moderate' && e.moderation ? `${ACTIONS[e.action]} (${e.moderation})` : ACTIONS[e.action]
  const text = e.draft?.text.trim()
  const on = target
    ? ` ${e.action === 'reply' ? 'to' : 'on'} ${target.author.name}’s post “${excerpt(target.text.trim(), 40)}”`
    : ''
  return text ? `${what}${on}: “${excerpt(text, 80)}”` : `${what}${on}`
}

/** Posts and replies that cannot have reached the network yet (main refuses the others). */
export const canEdit = (e: OutboxEntry) =>
  e.draft !== undefined && e.state !== 'sent' && e.state !== 'sending' && e.uncertain !== true
export const canRetry = (e: OutboxEntry) => e.state === 'failed' || e.state === 'waiting-retry' || e.state === 'paused'
export const canDiscard = (e: OutboxEntry) => e.state !== 'sending'
