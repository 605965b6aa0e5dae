import { describe, expect, it } from 'vitest'
import type { Account } from '../../../../../preload/model'
import { ItemSchema } from '../../../../../preload/model'
import { NetworkFailure } from '../../../../../main/core/errors'
import { createHttp } from '../../../../../main/core/http/client'
import { htmlToText, statusToItem } from '../../../../../main/networks/mastodon/mapping'
import { NotificationListSchema, StatusListSchema, StatusSchema } from '../../../../../main/networks/mastodon/schemas'

const account: Account = {
  id: 'mastodon:mastodon.social:14715',
  network: 'mastodon',
  side: 'external',
  handle: '@trwnh@mastodon.social',
  displayName: 'trwnh',
  server: 'https://mastodon.social',
}

// The Status example from docs.joinmastodon.org/entities/Status (abridged account fields kept as sent).
const gargron = {
  id: '1',
  username: 'Gargron',
  acct: 'Gargron',
  display_name: 'Eugen',
  locked: false,
  bot: false,
  discoverable: true,
  group: false,
  created_at: '2016-03-16T14:34:26.392Z',
  note: '<p>Developer of Mastodon and administrator of mastodon.social.</p>',
  url: 'https://mastodon.social/@Gargron',
  avatar: 'https://files.mastodon.social/accounts/avatars/000/000/001/original/d96d39a0abb45b92.jpg',
  avatar_static: 'https://files.mastodon.social/accounts/avatars/000/000/001/original/d96d39a0abb45b92.jpg',
  header: 'https://files.mastodon.social/accounts/headers/000/000/001/original/c91b871f294ea63e.png',
  header_static: 'https://files.mastodon.social/accounts/headers/000/000/001/original/c91b871f294ea63e.png',
  followers_count: 322930,
  following_count: 459,
  statuses_count: 61323,
  last_status_at: '2019-12-10T08:14:44.811Z',
  emojis: [],
  fields: [],
}

const docsStatus = {
  id: '103270115826048975',
  created_at: '2019-12-08T03:48:33.901Z',
  in_reply_to_id: null,
  in_reply_to_account_id: null,
  sensitive: false,
  spoiler_text: '',
  visibility: 'public',
  language: 'en',
  uri: 'https://mastodon.social/users/Gargron/statuses/103270115826048975',
  url: 'https://mastodon.social/@Gargron/103270115826048975',
  replies_count: 5,
  reblogs_count: 6,
  favourites_count: 11,
  favourited: false,
  reblogged: false,
  muted: false,
  bookmarked: false,
  content:
    '<p>&quot;I lost my inheritance with one wrong digit on my sort code&quot;</p><p><a href="https://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code" rel="nofollow noopener noreferrer" target="_blank"><span class="invisible">https://www.</span><span class="ellipsis">theguardian.com/money/2019/dec</span><span class="invisible">/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code</span></a></p>',
  reblog: null,
  application: { name: 'Web', website: null },
  account: gargron,
  media_attachments: [],
  mentions: [],
  tags: [],
  emojis: [],
  card: null,
  poll: null,
}

const trwnh = {
  ...gargron,
  id: '14715',
  username: 'trwnh',
  acct: 'trwnh',
  display_name: '',
  url: 'https://mastodon.social/@trwnh',
}

describe('statusToItem', () => {
  it('maps the documented Status example', () => {
    const item = statusToItem(account, StatusSchema.parse(docsStatus))
    expect(ItemSchema.parse(item)).toEqual(item)
    expect(item).toMatchObject({
      id: 'mastodon:mastodon.social:14715/103270115826048975',
      remoteId: '103270115826048975',
      network: 'mastodon',
      side: 'external',
      url: 'https://mastodon.social/@Gargron/103270115826048975',
      author: { id: '1', name: 'Eugen', handle: '@Gargron', avatarUrl: gargron.avatar },
      createdAt: '2019-12-08T03:48:33.901Z',
      counts: { replies: 5, likes: 11, reposts: 6 },
      html: docsStatus.content,
    })
    expect(item.text).toBe(
      '"I lost my inheritance with one wrong digit on my sort code"\n\nhttps://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code',
    )
    expect(item.parentId).toBeUndefined()
    expect(item.repostedBy).toBeUndefined()
    expect(item.warning).toBeUndefined()
    expect(item.attachments).toBeUndefined()
    // Not the signed-in account's own post, and the documented example says neither favourited nor reblogged.
    expect(item.viewer).toEqual({ mine: false, liked: false, reposted: false })
  })

  it('says whether the signed-in account wrote, favourited or boosted it', () => {
    const mine = statusToItem(account, StatusSchema.parse({ ...docsStatus, account: { ...gargron, id: '14715' } }))
    expect(mine.viewer).toEqual({ mine: true, liked: false, reposted: false })
    const {
      favourited: _f,
      reblogged: _r,
      ...anonymous
    } = docsStatus as typeof docsStatus & { favourited?: boolean; reblogged?: boolean }
    expect(statusToItem(account, StatusSchema.parse(anonymous)).viewer).toEqual({ mine: false })
    const liked = statusToItem(account, StatusSchema.parse({ ...docsStatus, favourited: true, reblogged: false }))
    expect(liked.viewer).toEqual({ mine: false, liked: true, reposted: false })
  })

  it('shows the boosted status for a reblog, keeps the boost id and names the booster', () => {
    const boost = {
      ...docsStatus,
      id: '103270200000000000',
      uri: 'https://mastodon.social/users/trwnh/statuses/103270200000000000/activity',
      url: null,
      content: '',
      replies_count: 0,
      reblogs_count: 0,
      favourites_count: 0,
      account: trwnh,
      reblog: { ...docsStatus, in_reply_to_id: '103270000000000001' },
    }
    const item = statusToItem(account, StatusSchema.parse(boost))
    expect(item.id).toBe('mastodon:mastodon.social:14715/103270200000000000')
    expect(item.remoteId).toBe('103270200000000000')
    expect(item.author.name).toBe('Eugen')
    expect(item.html).toBe(docsStatus.content)
    expect(item.counts).toEqual({ replies: 5, likes: 11, reposts: 6 })
    expect(item.url).toBe(docsStatus.url)
    expect(item.repostedBy).toEqual({ name: 'trwnh', handle: '@trwnh' })
    expect(item.threadId).toBe('mastodon:mastodon.social:14715/103270115826048975')
    expect(item.parentId).toBe('mastodon:mastodon.social:14715/103270000000000001')
  })

  it('maps a reply, a content warning and every kind of media', () => {
    const status = {
      ...docsStatus,
      in_reply_to_id: '103186038209478945',
      in_reply_to_account_id: '14715',
      sensitive: true,
      spoiler_text: 'Incident postmortem',
      url: null,
      content: '<p>Line one<br />line two &amp; more&#8230; &#x1F600;</p><p>Second</p>',
      media_attachments: [
        {
          id: '1',
          type: 'image',
          url: 'https://f/1.jpg',
          preview_url: 'https://f/1s.jpg',
          remote_url: null,
          description: 'alt text',
          blurhash: null,
          meta: {},
        },
        {
          id: '2',
          type: 'gifv',
          url: 'https://f/2.mp4',
          preview_url: 'https://f/2.png',
          remote_url: null,
          description: null,
          blurhash: null,
          meta: {},
        },
        {
          id: '3',
          type: 'video',
          url: 'https://f/3.mp4',
          preview_url: 'https://f/3.png',
          remote_url: null,
          description: null,
          blurhash: null,
          meta: {},
        },
        {
          id: '4',
          type: 'audio',
          url: 'https://f/4.mp3',
          preview_url: null,
          remote_url: null,
          description: 'a podcast',
          blurhash: null,
          meta: {},
        },
        {
          id: '5',
          type: 'unknown',
          url: null,
          preview_url: null,
          remote_url: 'https://remote/5.bin',
          description: null,
          blurhash: null,
          meta: {},
        },
        { id: '6', type: 'image', url: null, preview_url: null, remote_url: null, description: null, blurhash: null, meta: {} },
      ],
    }
    const item = statusToItem(account, StatusSchema.parse(status))
    expect(item.parentId).toBe('mastodon:mastodon.social:14715/103186038209478945')
    expect(item.warning).toBe('Incident postmortem')
    expect(item.url).toBe(docsStatus.uri)
    expect(item.text).toBe('Line one\nline two & more\u2026 \u{1F600}\n\nSecond')
    expect(item.attachments).toEqual([
      { type: 'image', url: 'https://f/1.jpg', previewUrl: 'https://f/1s.jpg', description: 'alt text' },
      { type: 'image', url: 'https://f/2.mp4', previewUrl: 'https://f/2.png' },
      { type: 'video', url: 'https://f/3.mp4', previewUrl: 'https://f/3.png' },
      { type: 'audio', url: 'https://f/4.mp3', description: 'a podcast' },
      { type: 'file', url: 'https://remote/5.bin' },
    ])
  })

  it('falls back to the username when the display name is empty', () => {
    const item = statusToItem(account, StatusSchema.parse({ ...docsStatus, account: trwnh }))
    expect(item.author).toMatchObject({ name: 'trwnh', handle: '@trwnh' })
  })
})

describe('htmlToText', () => {
  it('leaves unknown entities alone and never produces markup', () => {
    expect(htmlToText('<p>a &bogus; b &lt;script&gt;</p>')).toBe('a &bogus; b <script>')
    expect(htmlToText('<p><span class="h-card"><a href="x" class="u-url mention">@<span>sam</span></a></span> hi</p>')).toBe(
      '@sam hi',
    )
  })
})

describe('schemas reject what is not a status', () => {
  it('names the missing or wrong field', () => {
    const { id: _id, ...noId } = docsStatus
    const missing = StatusListSchema.safeParse([noId])
    expect(missing.success).toBe(false)
    expect(missing.error?.issues[0]?.path).toEqual([0, 'id'])

    const wrongType = StatusSchema.safeParse({ ...docsStatus, replies_count: 'five' })
    expect(wrongType.success).toBe(false)
    expect(wrongType.error?.issues[0]?.path).toEqual(['replies_count'])

    expect(StatusSchema.safeParse({ ...docsStatus, created_at: 'yesterday' }).success).toBe(false)
    expect(StatusSchema.safeParse({ ...docsStatus, media_attachments: [{ id: '1', type: 'hologram', url: 'x' }] }).success).toBe(
      false,
    )
    expect(StatusListSchema.safeParse({ error: 'nope' }).success).toBe(false)
    expect(NotificationListSchema.safeParse([{ id: '1', type: 'mention', created_at: docsStatus.created_at }]).success).toBe(
      false,
    )
  })

  // Through the one Http, as the adapter reads: a changed shape becomes NetworkFailure('malformed').
  const httpAnswering = (body: string) =>
    createHttp({ fetch: async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }) })

  it.each([
    ['not an array', JSON.stringify({ statuses: [docsStatus] }), /\(root\): .*array/i],
    ['an id missing', JSON.stringify([{ ...docsStatus, id: undefined }]), /0\.id/],
    ['a wrong type', JSON.stringify([{ ...docsStatus, account: { ...gargron, acct: 42 } }]), /0\.account\.acct/],
    ['not JSON at all', '{"this is": not json', /malformed JSON/],
  ])('turns %s into a clear malformed failure', async (_label, body, message) => {
    const failure = await httpAnswering(body)
      .json({ url: 'https://mastodon.social/api/v1/timelines/home' }, StatusListSchema)
      .catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(NetworkFailure)
    expect((failure as NetworkFailure).kind).toBe('malformed')
    expect((failure as NetworkFailure).message).toMatch(message)
    expect((failure as NetworkFailure).message).toContain('mastodon.social')
  })
})
