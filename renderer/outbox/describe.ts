// How an outbox entry reads in the Outbox panel.
import type { OutboxEntry } from '../../preload/model'

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

export function describeEntry(e: OutboxEntry): string {
  const what = e.action === 'moderate' && e.moderation ? `${ACTIONS[e.action]} (${e.moderation})` : ACTIONS[e.action]
  const text = e.draft?.text.trim()
  return text ? `${what}: “${text.length > 80 ? `${text.slice(0, 80)}…` : text}”` : what
}

/** Posts and replies that cannot have reached the network yet (main refuses the others). */
export const canEdit = (e: OutboxEntry) =>
  e.draft !== undefined && e.state !== 'sent' && e.state !== 'sending' && e.uncertain !== true
export const canRetry = (e: OutboxEntry) => e.state === 'failed' || e.state === 'waiting-retry' || e.state === 'paused'
export const canDiscard = (e: OutboxEntry) => e.state !== 'sending'
