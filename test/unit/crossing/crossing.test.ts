// The bridge's pure rules: the shared post's shape and origin line, the links index, the answer
// and resolved drafts, and the audience guard.
import { describe, expect, it } from 'vitest'
import type { Item } from '../../../preload/model'
import { checkAudience, describeWarning } from '../../../renderer/crossing/audience-guard'
import { indexDiscussions } from '../../../renderer/crossing/links'
import {
  answerOutsideDraft,
  isResolved,
  resolvedDraft,
  shareInsideDraft,
  sharedOrigin,
} from '../../../renderer/crossing/share-inside'

const outside: Item = {
  id: 'm:1/55',
  accountId: 'm:1',
  network: 'mastodon',
  side: 'external',
  remoteId: '55',
  url: 'https://social.example/@dana/55',
  author: { id: 'd', name: 'Dana', handle: '@dana@social.example' },
  text: 'Login fails after the update',
  createdAt: '2025-01-01T00:00:00.000Z',
}
const internal = (id: string, text: string, extra: Partial<Item> = {}): Item => ({
  ...outside,
  id,
  accountId: 'sf:1',
  network: 'chatter',
  side: 'internal',
  remoteId: id,
  url: undefined,
  text,
  ...extra,
})

describe('share inside', () => {
  it('quotes author, text and link under the note, mentions first, into the chosen group', () => {
    const d = shareInsideDraft(outside, {
      accountId: 'sf:1',
      group: { id: 'g1', name: 'Support' },
      note: 'Please check',
      colleagues: [
        { id: 'u1', name: 'Priya' },
        { id: 'u2', name: 'Jordan Blake' },
      ],
      networkName: 'Mastodon',
    })
    expect(d.text).toBe(
      '@Priya @Jordan Blake Please check\n\nShared from Mastodon: Dana (@dana@social.example) wrote\n“Login fails after the update”\n↗ https://social.example/@dana/55',
    )
    expect(d.mentions).toEqual([
      { start: 0, end: 6, id: 'u1', name: 'Priya' },
      { start: 7, end: 20, id: 'u2', name: 'Jordan Blake' },
    ])
    expect(d.target).toEqual({ kind: 'group', id: 'g1', name: 'Support' })
    expect(sharedOrigin(d.text)).toBe('https://social.example/@dana/55')
  })

  it('refuses an inside item or one without a public link', () => {
    const req = { accountId: 'sf:1', group: { id: 'g' }, note: '', colleagues: [], networkName: 'X' }
    expect(() => shareInsideDraft(internal('i', 'x'), req)).toThrow(/outside item/)
    expect(() => shareInsideDraft({ ...outside, url: undefined }, req)).toThrow(/no public link/)
  })

  it('indexes internal posts by the original they name; ignores outside items and unlinked posts', () => {
    const p = internal('sf:1/a', 'note\n↗ https://social.example/@dana/55', { threadId: 'sf:1/a' })
    const index = indexDiscussions([p, internal('sf:1/b', 'no link'), { ...outside, text: '↗ https://social.example/@dana/55' }])
    expect([...index.entries()]).toEqual([
      ['https://social.example/@dana/55', [{ internalItemId: 'sf:1/a', threadId: 'sf:1/a' }]],
    ])
    expect(sharedOrigin('↗ javascript:alert(1)')).toBeUndefined()
  })

  it('answer outside replies to the original with the account it was read from; resolved is a marked reply', () => {
    expect(answerOutsideDraft(outside, 'm:1', internal('i', 'Fixed in 2.4.1\n↗ https://x.example/1'))).toEqual({
      accountId: 'm:1',
      replyTo: 'm:1/55',
      text: 'Fixed in 2.4.1',
    })
    expect(() => answerOutsideDraft(outside, 'm:2', internal('i', 'x'))).toThrow(/account the original was read from/)
    const r = resolvedDraft(internal('sf:1/a', 'x'), 'sf:1', 'answered')
    expect(r).toEqual({ accountId: 'sf:1', replyTo: 'sf:1/a', text: '✅ Resolved: answered' })
    expect(isResolved([internal('a', 'x'), internal('b', r.text)])).toBe(true)
    expect(isResolved([internal('a', 'not ✅ Resolved')])).toBe(false)
  })
})

describe('audience guard', () => {
  const inside = {
    internalHosts: ['acme.my.salesforce.com', 'engage.cloud.microsoft'],
    colleagueNames: ['Priya Natarajan'],
    internalItems: [internal('i1', 'The root cause is the token cache on the EU cluster, do not share before Friday.')],
  }
  it('warns on internal mentions, internal links and copied internal text', () => {
    const w = checkAudience(
      {
        text: '@Priya Natarajan see https://acme.my.salesforce.com/x — the root cause is the token cache on the EU cluster, do not share',
      },
      inside,
    )
    expect(w.map((x) => x.kind)).toEqual(['internal-mention', 'internal-link', 'copied-text'])
    expect(describeWarning(w[1]!)).toBe('It links to acme.my.salesforce.com, an internal network.')
  })
  it('stays quiet for an ordinary public answer', () => {
    expect(checkAudience({ text: 'Sorry about that! A fix ships today, see https://status.example.com' }, inside)).toEqual([])
  })
})
