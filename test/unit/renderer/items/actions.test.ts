import { describe, expect, it } from 'vitest'
import type { OutboxEntry, WriteCapabilities } from '../../../../preload/model'
import { cardActions, pendingFor } from '../../../../renderer/items/actions'
import { makeItem } from '../fixtures'

const all: WriteCapabilities = { post: true, reply: true, like: true, repost: true, remove: true, moderate: true, report: true }
const none: WriteCapabilities = {
  post: false,
  reply: false,
  like: false,
  repost: false,
  remove: false,
  moderate: false,
  report: false,
}
const labels = (...args: Parameters<typeof cardActions>) => cardActions(...args).map((a) => a.label)

describe('card actions', () => {
  it('offers nothing for a public source and nothing before main said what the account can do', () => {
    expect(cardActions(makeItem(1), none)).toEqual([])
    expect(cardActions(makeItem(1), undefined)).toEqual([])
  })

  it('offers Mastodon-like actions on someone else’s post, and toggles what was done', () => {
    expect(labels(makeItem(1, { viewer: { mine: false } }), { ...all, moderate: false })).toEqual([
      'Reply',
      'Like',
      'Repost',
      'Report',
    ])
    const done = cardActions(makeItem(1, { viewer: { mine: false, liked: true, reposted: true } }), all)
    expect(done.filter((a) => a.pressed).map((a) => a.action)).toEqual(['unlike', 'unrepost'])
  })

  it('lets the author delete (with a confirmation) but not repost or report their own post', () => {
    const own = cardActions(makeItem(1, { viewer: { mine: true } }), { ...all, moderate: false })
    expect(own.map((a) => a.label)).toEqual(['Reply', 'Like', 'Delete'])
    expect(own.find((a) => a.action === 'remove')?.confirm).toBe(true)
  })

  it('moderates a blog comment by its state, and hides a reply elsewhere', () => {
    const held = makeItem(1, { network: 'wordpress', remoteId: 'comment:9', parentId: 'p', moderation: 'hold' })
    expect(labels(held, { ...none, moderate: true })).toEqual(['Approve', 'Spam', 'Trash'])
    const approved = makeItem(1, { network: 'wordpress', remoteId: 'comment:9', parentId: 'p', moderation: 'approved' })
    expect(labels(approved, { ...none, moderate: true })).toEqual(['Hold', 'Spam', 'Trash'])
    expect(labels(makeItem(1, { network: 'wordpress', remoteId: 'post:3' }), { ...none, moderate: true })).toEqual([])
    const trashed = makeItem(1, { network: 'wordpress', remoteId: 'comment:9', parentId: 'p', moderation: 'hidden' })
    expect(labels(trashed, { ...none, moderate: true })).toEqual(['Approve', 'Hold', 'Spam'])
    // Hide only where the network lets this account hide it (X: a conversation the account started).
    const foreign = makeItem(2, { network: 'x', parentId: 'acct-1/1' })
    expect(labels(foreign, { ...none, moderate: true })).toEqual([])
    const reply = makeItem(2, { network: 'facebook', parentId: 'acct-1/1', viewer: { canModerate: true } })
    expect(labels(reply, { ...none, moderate: true })).toEqual(['Hide'])
    expect(labels({ ...reply, moderation: 'hidden' }, { ...none, moderate: true })).toEqual(['Unhide'])
    expect(labels(makeItem(1, { network: 'facebook' }), { ...none, moderate: true })).toEqual([])
  })

  it('finds the unsent entry a button waits on', () => {
    const item = makeItem(1)
    const like = cardActions(item, all).find((a) => a.action === 'like')!
    const entry = (state: OutboxEntry['state']): OutboxEntry => ({
      id: 'e',
      accountId: 'acct-1',
      network: 'mastodon',
      action: 'like',
      itemId: item.id,
      state,
      attempts: 0,
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    })
    expect(pendingFor([entry('waiting-retry')], item, like)?.id).toBe('e')
    expect(pendingFor([entry('sent')], item, like)).toBeUndefined()
    expect(pendingFor([entry('failed')], item, like)).toBeUndefined()
  })
})
