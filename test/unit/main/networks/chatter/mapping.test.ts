import { describe, expect, it } from 'vitest'
import { NetworkFailure } from '../../../../../main/core/errors'
import { mapComment, mapFeedElement, segmentsToHtml } from '../../../../../main/networks/chatter/mapping'

const ctx = { accountId: 'chatter:00D000000000001AAA:005000000000001AAA', instanceUrl: 'https://acme.my.salesforce.com' }

const userSummary = (id: string, name: string) => ({
  additionalLabel: null,
  communityNickname: name.toLowerCase().replace(' ', '.'),
  companyName: 'Acme',
  displayName: name,
  firstName: name.split(' ')[0],
  id,
  isActive: true,
  isInThisCommunity: true,
  lastName: name.split(' ')[1],
  motif: {
    color: '1B96FF',
    largeIconUrl: '/img/icon/profile64.png',
    mediumIconUrl: '/img/icon/profile32.png',
    smallIconUrl: '/img/icon/profile16.png',
    svgIconUrl: null,
  },
  mySubscription: null,
  name,
  outOfOffice: { message: '' },
  photo: {
    fullEmailPhotoUrl: `https://acme.file.force.com/profilephoto/729/F?oauth_token=x`,
    largePhotoUrl: `https://acme.file.force.com/profilephoto/729${id.slice(3)}/F`,
    mediumPhotoUrl: `https://acme.file.force.com/profilephoto/729${id.slice(3)}/M`,
    photoVersionId: `729${id.slice(3)}`,
    smallPhotoUrl: `https://acme.file.force.com/profilephoto/729${id.slice(3)}/T`,
    standardEmailPhotoUrl: `https://acme.file.force.com/profilephoto/729/T?oauth_token=x`,
    url: `/services/data/v62.0/chatter/users/${id}/photo`,
  },
  reputation: null,
  title: 'Support Lead',
  type: 'User',
  url: `/services/data/v62.0/chatter/users/${id}`,
  userType: 'Internal',
})

const priya = userSummary('005D0000001LL8OIAW', 'Priya Natarajan')
const alex = userSummary('005D0000001LL8PIAW', 'Alex Morgan')

// Shaped like the Feed Item response body of Connect REST API v62.0.
const feedItem = () => ({
  actor: priya,
  body: {
    isRichText: true,
    messageSegments: [
      { htmlTag: 'p', markupType: 'Paragraph', text: '', type: 'MarkupBegin' },
      { text: 'Heads up ', type: 'Text' },
      { accessible: true, name: 'Alex Morgan', record: alex, text: '@Alex Morgan', type: 'Mention' },
      { text: ': ', type: 'Text' },
      { htmlTag: 'b', markupType: 'Bold', text: '', type: 'MarkupBegin' },
      { text: 'outage', type: 'Text' },
      { htmlTag: 'b', markupType: 'Bold', text: '', type: 'MarkupEnd' },
      { text: ' tracked at ', type: 'Text' },
      {
        motif: null,
        reference: null,
        text: 'https://status.acme.example/481',
        type: 'Link',
        url: 'https://status.acme.example/481',
      },
      { text: ' ', type: 'Text' },
      {
        tag: 'incident',
        text: '#incident',
        topicUrl: '/services/data/v62.0/connect/topics?exactMatch=true&q=incident',
        type: 'Hashtag',
        url: '/services/data/v62.0/chatter/feed-elements?q=%23incident',
      },
      { htmlTag: 'p', markupType: 'Paragraph', text: '', type: 'MarkupEnd' },
    ],
    text: 'Heads up @Alex Morgan: outage tracked at https://status.acme.example/481 #incident',
  },
  canShare: true,
  capabilities: {
    bookmarks: { isBookmarkedByCurrentUser: false },
    chatterLikes: {
      isLikedByCurrentUser: false,
      likesMessage: null,
      myLike: null,
      page: {
        currentPageToken: 0,
        currentPageUrl: '/services/data/v62.0/chatter/feed-elements/0D5D0000000KsmZKAS/capabilities/chatter-likes/items',
        items: [],
        nextPageToken: null,
        nextPageUrl: null,
        previousPageToken: null,
        previousPageUrl: null,
        total: 4,
      },
    },
    comments: {
      page: {
        currentPageToken: null,
        currentPageUrl: '/services/data/v62.0/chatter/feed-elements/0D5D0000000KsmZKAS/capabilities/comments/items',
        items: [],
        nextPageToken: null,
        nextPageUrl: null,
        total: 2,
      },
    },
    topics: { canAssignTopics: true, items: [] },
  },
  clientInfo: null,
  createdDate: '2024-10-02T15:04:21.000Z',
  event: false,
  feedElementType: 'FeedItem',
  hasVerifiedComment: false,
  header: {
    isRichText: false,
    messageSegments: [{ text: 'Priya Natarajan to Support', type: 'Text' }],
    text: 'Priya Natarajan to Support',
  },
  id: '0D5D0000000KsmZKAS',
  isBookmarkedByCurrentUser: false,
  isDeleteRestricted: true,
  isLikedByCurrentUser: false,
  isSharable: true,
  modifiedDate: '2024-10-02T16:00:00.000Z',
  originalFeedItem: null,
  originalFeedItemActor: null,
  parent: {
    id: '0F9D00000000oOTKAY',
    name: 'Support',
    type: 'CollaborationGroup',
    url: '/services/data/v62.0/chatter/groups/0F9D00000000oOTKAY',
    visibility: 'PublicAccess',
  },
  photoUrl: priya.photo.smallPhotoUrl,
  relativeCreatedDate: '2h ago',
  type: 'TextPost',
  url: '/services/data/v62.0/chatter/feed-elements/0D5D0000000KsmZKAS',
  visibility: 'AllUsers',
})

const comment = () => ({
  body: { isRichText: false, messageSegments: [{ text: 'On it.', type: 'Text' }], text: 'On it.' },
  capabilities: {},
  clientInfo: null,
  createdDate: '2024-10-02T15:10:00.000Z',
  feedElement: { id: '0D5D0000000KsmZKAS', url: '/services/data/v62.0/chatter/feed-elements/0D5D0000000KsmZKAS' },
  id: '0D7D0000000Pq1AKAS',
  isDeleteRestricted: false,
  likes: { currentPageToken: 0, items: [], total: 1 },
  likesMessage: null,
  moderationFlags: null,
  myLike: null,
  relativeCreatedDate: '2h ago',
  type: 'TextComment',
  url: '/services/data/v62.0/chatter/comments/0D7D0000000Pq1AKAS',
  user: alex,
})

describe('chatter mapping', () => {
  it('maps a real-shaped feed item to an Item', () => {
    const item = mapFeedElement(feedItem(), ctx)!
    expect(item).toMatchObject({
      id: `${ctx.accountId}/0D5D0000000KsmZKAS`,
      accountId: ctx.accountId,
      network: 'chatter',
      side: 'internal',
      remoteId: '0D5D0000000KsmZKAS',
      url: 'https://acme.my.salesforce.com/0D5D0000000KsmZKAS',
      author: {
        id: '005D0000001LL8OIAW',
        name: 'Priya Natarajan',
        avatarUrl: 'https://acme.file.force.com/profilephoto/729D0000001LL8OIAW/T',
      },
      text: 'Heads up @Alex Morgan: outage tracked at https://status.acme.example/481 #incident',
      createdAt: '2024-10-02T15:04:21.000Z',
      counts: { replies: 2, likes: 4 },
      group: { id: '0F9D00000000oOTKAY', name: 'Support' },
    })
    expect(item.html).toBe(
      '<p>Heads up <a href="https://acme.my.salesforce.com/005D0000001LL8PIAW">@Alex Morgan</a>: <b>outage</b> tracked at ' +
        '<a href="https://status.acme.example/481">https://status.acme.example/481</a> #incident</p>',
    )
  })

  it('lists files and the link capability as attachments', () => {
    const raw = feedItem()
    const caps = {
      ...raw.capabilities,
      files: {
        items: [
          { id: '069D00000001FHF', title: 'Q3 plan.pdf', mimeType: 'application/pdf' },
          { id: '069D00000001FHG', title: 'chart', mimeType: 'image/png' },
        ],
      },
      link: { url: 'https://blog.acme.example/4-2', urlName: 'Release 4.2' },
    }
    expect(mapFeedElement({ ...raw, capabilities: caps }, ctx)!.attachments).toEqual([
      { type: 'file', url: 'https://acme.my.salesforce.com/069D00000001FHF', description: 'Q3 plan.pdf' },
      { type: 'image', url: 'https://acme.my.salesforce.com/069D00000001FHG', description: 'chart' },
      { type: 'link', url: 'https://blog.acme.example/4-2', description: 'Release 4.2' },
    ])
  })

  it('reads a share without words of its own as what it shares', () => {
    const raw = feedItem()
    const share = {
      ...raw,
      body: { text: '', messageSegments: [] },
      capabilities: {
        ...raw.capabilities,
        feedEntityShare: {
          feedEntity: { id: '0D5D0000000XYZ', actor: priya, body: { text: 'Export <is> broken', messageSegments: [] } },
        },
      },
    }
    const item = mapFeedElement(share, ctx)!
    expect(item.text).toBe('Shared Priya Natarajan: Export <is> broken')
    expect(item.html).toBe('<p>Shared Priya Natarajan: Export &lt;is&gt; broken</p>')
  })

  it('has no group for a post on a user profile', () => {
    const raw = { ...feedItem(), parent: alex }
    expect(mapFeedElement(raw, ctx)!.group).toBeUndefined()
  })

  it('keeps text that looks like HTML escaped', () => {
    const html = segmentsToHtml(
      { messageSegments: [{ type: 'Text', text: 'pasted <script>alert("x")</script> & <img src=x onerror=1>' }] },
      ctx,
    )
    expect(html).toBe('pasted &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=1&gt;')
    expect(html).not.toContain('<script')
  })

  it('allows only safe markup tags, balanced, and only http(s) links', () => {
    const html = segmentsToHtml(
      {
        messageSegments: [
          { type: 'MarkupBegin', htmlTag: 'script', text: '' },
          { type: 'MarkupBegin', htmlTag: 'i', text: '' },
          { type: 'Text', text: 'x' },
          { type: 'MarkupEnd', htmlTag: 'b', text: '' },
          { type: 'Link', text: 'click', url: 'javascript:alert(1)' },
          { type: 'Mention', text: '@Hidden Person', name: 'Hidden Person', record: null },
          { type: 'MarkupEnd', htmlTag: 'script', text: '' },
        ],
      },
      ctx,
    )
    expect(html).toBe('<i>xclick@Hidden Person</i>')
  })

  it('renders unknown segment types as escaped text', () => {
    expect(segmentsToHtml({ messageSegments: [{ type: 'InlineImage', text: '[a <b> image]' }] }, ctx)).toBe('[a &lt;b&gt; image]')
  })

  it('skips element types that are not posts', () => {
    expect(mapFeedElement({ id: '0D5x', feedElementType: 'Bundle' }, ctx)).toBeNull()
  })

  it('maps a comment as a reply to its element', () => {
    const item = mapComment(comment(), '0D5D0000000KsmZKAS', ctx)
    expect(item).toMatchObject({
      id: `${ctx.accountId}/0D7D0000000Pq1AKAS`,
      remoteId: '0D7D0000000Pq1AKAS',
      parentId: `${ctx.accountId}/0D5D0000000KsmZKAS`,
      threadId: `${ctx.accountId}/0D5D0000000KsmZKAS`,
      author: { id: '005D0000001LL8PIAW', name: 'Alex Morgan' },
      text: 'On it.',
      html: 'On it.',
      createdAt: '2024-10-02T15:10:00.000Z',
      counts: { likes: 1 },
    })
  })

  it('rejects a malformed feed item with a clear malformed failure', () => {
    const broken = { ...feedItem(), createdDate: 'yesterday', actor: { displayName: 'no id' } }
    const run = () => mapFeedElement(broken, ctx)
    expect(run).toThrow(NetworkFailure)
    try {
      run()
    } catch (e) {
      expect((e as NetworkFailure).kind).toBe('malformed')
      expect((e as NetworkFailure).message).toMatch(/unexpected feed item 0D5D0000000KsmZKAS: .*(createdDate|actor)/)
    }
  })

  it('rejects a malformed comment and a non-object element', () => {
    expect(() => mapComment({ id: '0D7', body: 'text' }, '0D5D0000000KsmZKAS', ctx)).toThrow(/unexpected comment 0D7/)
    expect(() => mapFeedElement(42, ctx)).toThrow(NetworkFailure)
  })
})
