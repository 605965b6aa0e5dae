import { describe, expect, it } from 'vitest'
import { insertMention, locateMentions, mentionQueryAt, shownAs } from '../../../../renderer/compose/mentions'

const ada = { id: '005A', name: 'Ada Lovelace', handle: 'ada' }

describe('composer mentions', () => {
  it('spots the @query before the caret, not an e-mail address', () => {
    expect(mentionQueryAt('Hello @ad', 9)).toEqual({ start: 6, query: 'ad' })
    expect(mentionQueryAt('@bo', 3)).toEqual({ start: 0, query: 'bo' })
    expect(mentionQueryAt('mail me at me@ad', 16)).toBeUndefined()
    expect(mentionQueryAt('Hello @ad and more', 18)).toBeUndefined()
  })

  it('shows a handle on Mastodon and Bluesky, a name on Chatter', () => {
    expect(shownAs('mastodon', ada)).toBe('@ada')
    expect(shownAs('chatter', ada)).toBe('@Ada Lovelace')
    expect(shownAs('bluesky', { id: 'did:plc:1', name: 'X' })).toBe('@X')
  })

  it('puts the mention in place of the query and moves the caret after it', () => {
    expect(insertMention('Hi @ad!', 3, 6, '@Ada Lovelace')).toEqual({ text: 'Hi @Ada Lovelace !', caret: 17 })
  })

  it('finds each picked mention where it now is, for its own account only, and drops deleted ones', () => {
    const picked = [
      { accountId: 'c', shown: '@Ada Lovelace', person: ada },
      { accountId: 'c', shown: '@Ada Lovelace', person: ada },
      { accountId: 'm', shown: '@ada', person: ada },
      { accountId: 'c', shown: '@Bob', person: { id: '005B', name: 'Bob' } },
    ]
    const text = 'ok 👍 @Ada Lovelace and again @Ada Lovelace'
    const found = locateMentions(text, picked, 'c')
    expect(found).toEqual([
      { start: 6, end: 19, id: '005A', name: 'Ada Lovelace', handle: 'ada' },
      { start: 30, end: 43, id: '005A', name: 'Ada Lovelace', handle: 'ada' },
    ])
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('@Ada Lovelace')
  })
})
