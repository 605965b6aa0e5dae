// Turns the fake org's data into the JSON shapes of Connect REST API v62.0: User Summary/Detail,
// Group, Feed Item, Comment, Comment Page, Like Page, Message Segments. URLs in the JSON are
// relative to the instance, as Salesforce sends them; photo URLs are absolute.
import type { ChatterStore, FakeComment, FakeFile, FakeGroup, FakePost, FakeUser, MarkupTag, Seg } from './data'

export const API = '/services/data/v62.0'

const MARKUP_TYPE: Record<MarkupTag, string> = {
  b: 'Bold',
  i: 'Italic',
  u: 'Underline',
  s: 'Strikethrough',
  p: 'Paragraph',
  ul: 'UnorderedList',
  ol: 'OrderedList',
  li: 'ListItem',
  code: 'Code',
}

export interface RenderContext {
  store: ChatterStore
  /** The instance URL (the fake's own origin), for absolute photo URLs. */
  base: string
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000Z')

function relative(ms: number): string {
  const minutes = Math.max(0, Math.round((Date.now() - ms) / 60_000))
  if (minutes < 1) return 'Just now'
  if (minutes < 60) return `${minutes}m ago`
  const hours = Math.round(minutes / 60)
  return hours < 24 ? `${hours}h ago` : `${Math.round(hours / 24)}d ago`
}

function photo(ctx: RenderContext, id: string) {
  const p = `${ctx.base}/profilephoto/${id}`
  return {
    fullEmailPhotoUrl: `${p}/F`,
    largePhotoUrl: `${p}/F`,
    mediumPhotoUrl: `${p}/M`,
    photoVersionId: id.replace(/^.../, '729'),
    smallPhotoUrl: `${p}/T`,
    standardEmailPhotoUrl: `${p}/T`,
    url: `${API}/chatter/users/${id}/photo`,
  }
}

export function userSummary(ctx: RenderContext, u: FakeUser) {
  const name = ctx.store.displayName(u)
  return {
    additionalLabel: null,
    communityNickname: u.username.split('@')[0],
    companyName: 'Acme',
    displayName: name,
    firstName: u.firstName,
    id: u.id,
    isActive: true,
    isInThisCommunity: true,
    lastName: u.lastName,
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
    photo: photo(ctx, u.id),
    reputation: null,
    title: u.title,
    type: 'User',
    url: `${API}/chatter/users/${u.id}`,
    userType: 'Internal',
  }
}

export function userDetail(ctx: RenderContext, u: FakeUser) {
  return {
    ...userSummary(ctx, u),
    aboutMe: null,
    address: null,
    chatterActivity: { commentCount: 0, commentReceivedCount: 0, likeReceivedCount: 0, postCount: 0 },
    chatterInfluence: { percentile: '0.5', rank: 3 },
    email: u.username,
    followersCount: 6,
    followingCounts: { people: 6, records: 0, total: 6 },
    groupCount: ctx.store.groups.length,
    isChatterGuest: false,
    managerId: null,
    managerName: null,
    phoneNumbers: [],
    username: u.username,
  }
}

export function groupJson(ctx: RenderContext, g: FakeGroup) {
  const owner = ctx.store.users.get(g.ownerId)!
  const last = ctx.store.posts.filter((p) => p.parentId === g.id).reduce((m, p) => Math.max(m, p.createdAt), 0)
  return {
    additionalLabel: null,
    announcement: null,
    canHaveChatterGuests: false,
    community: null,
    description: g.description,
    emailToChatterAddress: null,
    fileCount: 0,
    id: g.id,
    isArchived: false,
    isAutoArchiveDisabled: false,
    isBroadcast: false,
    lastFeedElementPostDate: last ? iso(last) : null,
    memberCount: ctx.store.users.size,
    motif: {
      color: '1B96FF',
      largeIconUrl: '/img/icon/groups64.png',
      mediumIconUrl: '/img/icon/groups32.png',
      smallIconUrl: '/img/icon/groups16.png',
      svgIconUrl: null,
    },
    myRole: g.ownerId === ctx.store.me.id ? 'GroupOwner' : 'StandardMember',
    mySubscription: { id: g.id.replace(/^.../, '0FB'), url: `${API}/chatter/group-memberships/${g.id.replace(/^.../, '0FB')}` },
    name: g.name,
    owner: userSummary(ctx, owner),
    photo: photo(ctx, g.id),
    type: 'CollaborationGroup',
    url: `${API}/chatter/groups/${g.id}`,
    visibility: 'PublicAccess',
  }
}

function segmentJson(ctx: RenderContext, s: Seg) {
  switch (s.t) {
    case 'text':
      return { text: s.text, type: 'Text' }
    case 'mention': {
      const u = ctx.store.users.get(s.userId)!
      const name = ctx.store.displayName(u)
      return { accessible: true, name, record: userSummary(ctx, u), text: `@${name}`, type: 'Mention' }
    }
    case 'link':
      return { motif: null, reference: null, text: s.url, type: 'Link', url: s.url }
    case 'hashtag':
      return {
        tag: s.tag,
        text: `#${s.tag}`,
        topicUrl: `${API}/connect/topics?exactMatch=true&q=${encodeURIComponent(s.tag)}`,
        type: 'Hashtag',
        url: `${API}/chatter/feed-elements?q=%23${encodeURIComponent(s.tag)}`,
      }
    case 'open':
    case 'close':
      return { htmlTag: s.tag, markupType: MARKUP_TYPE[s.tag], text: '', type: s.t === 'open' ? 'MarkupBegin' : 'MarkupEnd' }
  }
}

function segText(ctx: RenderContext, s: Seg): string {
  switch (s.t) {
    case 'text':
      return s.text
    case 'mention':
      return `@${ctx.store.displayName(ctx.store.users.get(s.userId)!)}`
    case 'link':
      return s.url
    case 'hashtag':
      return `#${s.tag}`
    case 'close':
      return s.tag === 'p' || s.tag === 'li' ? '\n' : ''
    case 'open':
      return ''
  }
}

export function bodyJson(ctx: RenderContext, segs: Seg[]) {
  return {
    isRichText: segs.some((s) => s.t === 'open'),
    messageSegments: segs.map((s) => segmentJson(ctx, s)),
    text: segs
      .map((s) => segText(ctx, s))
      .join('')
      .trim(),
  }
}

export function likePage(ctx: RenderContext, itemId: string, likes: string[], kind: 'feed-elements' | 'comments') {
  return {
    currentPageToken: 0,
    currentPageUrl: `${API}/chatter/${kind}/${itemId}/capabilities/chatter-likes/items`,
    items: likes.map((userId, i) => ({
      id: `0I0${itemId.slice(3, 15 - String(i).length)}${i}AAA`,
      likedItem: { id: itemId, url: `${API}/chatter/${kind}/${itemId}` },
      url: `${API}/chatter/likes/0I0${itemId.slice(3, 15)}`,
      user: userSummary(ctx, ctx.store.users.get(userId)!),
    })),
    nextPageToken: null,
    nextPageUrl: null,
    previousPageToken: null,
    previousPageUrl: null,
    total: likes.length,
  }
}

export function commentJson(ctx: RenderContext, post: FakePost, c: FakeComment) {
  const author = ctx.store.users.get(c.authorId)!
  return {
    body: bodyJson(ctx, c.segs),
    capabilities: {
      edit: { isEditRestricted: c.authorId !== ctx.store.me.id, lastEditedBy: null, lastEditedDate: null },
      ...(c.fileId && ctx.store.files.get(c.fileId) ? { content: fileSummary(ctx.store.files.get(c.fileId)!) } : {}),
    },
    clientInfo: null,
    createdDate: iso(c.createdAt),
    feedElement: { id: post.id, url: `${API}/chatter/feed-elements/${post.id}` },
    id: c.id,
    isDeleteRestricted: c.authorId !== ctx.store.me.id,
    likes: likePage(ctx, c.id, c.likes ?? [], 'comments'),
    likesMessage: null,
    moderationFlags: null,
    myLike: c.likes?.includes(ctx.store.me.id)
      ? { id: `0I0${c.id.slice(3)}`, url: `${API}/chatter/likes/0I0${c.id.slice(3)}` }
      : null,
    parent: { id: post.id, url: `${API}/chatter/feed-elements/${post.id}` },
    relativeCreatedDate: relative(c.createdAt),
    threadLevel: 1,
    threadParentId: null,
    type: 'TextComment',
    url: `${API}/chatter/comments/${c.id}`,
    user: userSummary(ctx, author),
  }
}

export const commentsUrl = (postId: string) => `${API}/chatter/feed-elements/${postId}/capabilities/comments/items`

/** A Comment Page: oldest first, `page` is the index of the first comment (opaque to clients). */
export function commentPage(ctx: RenderContext, post: FakePost, start: number, pageSize: number) {
  const items = post.comments.slice(start, start + pageSize)
  const nextStart = start + pageSize < post.comments.length ? start + pageSize : null
  const url = (s: number) => `${commentsUrl(post.id)}?page=${s}&pageSize=${pageSize}`
  return {
    currentPageToken: String(start),
    currentPageUrl: url(start),
    items: items.map((c) => commentJson(ctx, post, c)),
    nextPageToken: nextStart === null ? null : String(nextStart),
    nextPageUrl: nextStart === null ? null : url(nextStart),
    previousPageToken: start > 0 ? String(Math.max(0, start - pageSize)) : null,
    previousPageUrl: start > 0 ? url(Math.max(0, start - pageSize)) : null,
    total: post.comments.length,
  }
}

export function feedItemJson(ctx: RenderContext, post: FakePost) {
  const { store } = ctx
  const author = store.users.get(post.authorId)!
  const group = store.groups.find((g) => g.id === post.parentId)
  const parentUser = store.users.get(post.parentId)
  const actor = userSummary(ctx, author)
  const authorName = store.displayName(author)
  const headerText = group
    ? `${authorName} to ${group.name}`
    : parentUser && parentUser.id !== author.id
      ? `${authorName} to ${store.displayName(parentUser)}`
      : authorName
  const myLike = post.likes.includes(store.me.id)
  return {
    actor,
    body: bodyJson(ctx, post.segs),
    canShare: true,
    capabilities: {
      bookmarks: { isBookmarkedByCurrentUser: false },
      chatterLikes: {
        isLikedByCurrentUser: myLike,
        likesMessage: null,
        myLike: myLike ? { id: `0I0${post.id.slice(3)}`, url: `${API}/chatter/likes/0I0${post.id.slice(3)}` } : null,
        page: likePage(ctx, post.id, post.likes, 'feed-elements'),
      },
      comments: { page: commentPage(ctx, post, 0, 3) },
      ...(post.sharedId && store.findPost(post.sharedId)
        ? { feedEntityShare: { feedEntity: entitySummary(ctx, store.findPost(post.sharedId)!) } }
        : {}),
      ...(post.fileIds?.length
        ? {
            files: {
              items: post.fileIds.flatMap((id) => (ctx.store.files.has(id) ? [fileSummary(ctx.store.files.get(id)!)] : [])),
            },
          }
        : {}),
      edit: { isEditRestricted: post.authorId !== store.me.id, lastEditedBy: null, lastEditedDate: null },
      topics: { canAssignTopics: true, items: [] },
    },
    clientInfo: null,
    createdDate: iso(post.createdAt),
    event: false,
    feedElementType: 'FeedItem',
    hasVerifiedComment: false,
    header: { isRichText: false, messageSegments: [{ text: headerText, type: 'Text' }], text: headerText },
    id: post.id,
    isBookmarkedByCurrentUser: false,
    isDeleteRestricted: post.authorId !== store.me.id,
    isLikedByCurrentUser: myLike,
    isSharable: true,
    modifiedDate: iso(post.modifiedAt),
    originalFeedItem: null,
    originalFeedItemActor: null,
    parent: group ? groupJson(ctx, group) : userSummary(ctx, parentUser ?? author),
    photoUrl: actor.photo.smallPhotoUrl,
    relativeCreatedDate: relative(post.createdAt),
    type: 'TextPost',
    url: `${API}/chatter/feed-elements/${post.id}`,
    visibility: 'AllUsers',
  }
}

/** A small SVG avatar with initials, served at the photo URLs. */
export function avatarSvg(label: string): string {
  const initials = label
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .replace(/[^A-Za-z]/g, '')
  let h = 0
  for (const ch of label) h = (h * 31 + ch.charCodeAt(0)) % 360
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="hsl(${h},55%,45%)"/><text x="32" y="40" font-family="sans-serif" font-size="24" fill="#fff" text-anchor="middle">${initials}</text></svg>`
}

/** A File Summary, as feed items and comments carry their files. */
export function fileSummary(f: FakeFile) {
  return {
    id: f.id,
    title: f.title,
    mimeType: f.mimeType,
    contentSize: f.bytes.length,
    downloadUrl: `${API}/connect/files/${f.id}/content`,
    fileExtension: f.title.includes('.') ? f.title.split('.').pop() : null,
    url: `${API}/connect/files/${f.id}`,
  }
}

/** A Feed Entity Summary: what a share shows of the shared post. */
function entitySummary(ctx: RenderContext, post: FakePost) {
  return {
    actor: userSummary(ctx, ctx.store.users.get(post.authorId)!),
    body: bodyJson(ctx, post.segs),
    createdDate: iso(post.createdAt),
    id: post.id,
    url: `${API}/chatter/feed-elements/${post.id}`,
  }
}
