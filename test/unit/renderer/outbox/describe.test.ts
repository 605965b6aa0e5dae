import { describe, expect, it } from 'vitest'
import type { OutboxEntry } from '../../../../preload/model'
import { canEdit, canRetry, describeEntry } from '../../../../renderer/outbox/describe'

const entry = (over: Partial<OutboxEntry>): OutboxEntry => ({
  id: 'e',
  accountId: 'a',
  network: 'mastodon',
  action: 'post',
  state: 'pending',
  attempts: 0,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  ...over,
})
const carol = { author: { id: '1', name: 'Carol Ng' }, text: 'Looking for reviewers for the new contributor guide' }

describe('outbox entries in words', () => {
  it('says what it does, to or on which post, and what was typed', () => {
    expect(describeEntry(entry({ draft: { accountId: 'a', text: 'Hello' } }))).toBe('Post: “Hello”')
    expect(describeEntry(entry({ action: 'like', itemId: 'a/1' }), carol)).toBe(
      'Like on Carol Ng’s post “Looking for reviewers for the new contri…”',
    )
    expect(describeEntry(entry({ action: 'reply', itemId: 'a/1', draft: { accountId: 'a', text: 'Me!' } }), carol)).toBe(
      'Reply to Carol Ng’s post “Looking for reviewers for the new contri…”: “Me!”',
    )
    expect(describeEntry(entry({ action: 'moderate', moderation: 'spam' }))).toBe('Moderate (spam)')
  })

  it('offers Edit only where the draft cannot have reached the network, Retry where it waits or failed', () => {
    const draft = { accountId: 'a', text: 'x' }
    expect(canEdit(entry({ draft, state: 'failed' }))).toBe(true)
    expect(canEdit(entry({ draft, state: 'waiting-retry', uncertain: true }))).toBe(false)
    expect(canEdit(entry({ draft, state: 'sending' }))).toBe(false)
    expect(canEdit(entry({ action: 'like', state: 'failed' }))).toBe(false)
    expect(canRetry(entry({ state: 'paused' }))).toBe(true)
    expect(canRetry(entry({ state: 'sent' }))).toBe(false)
  })
})
