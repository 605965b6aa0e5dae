// The fake org's state: users, groups, feed items, comments, likes, and the seed that fills
// them. Plain data; render.ts turns it into the JSON shapes Connect REST API answers with.

/** A message segment as stored; rendered to Text/Mention/Link/Hashtag/MarkupBegin/MarkupEnd. */
export type Seg =
  | { t: 'text'; text: string }
  | { t: 'mention'; userId: string }
  | { t: 'link'; url: string }
  | { t: 'hashtag'; tag: string }
  | { t: 'open' | 'close'; tag: MarkupTag }

export type MarkupTag = 'b' | 'i' | 'u' | 's' | 'p' | 'ul' | 'ol' | 'li' | 'code'

export interface FakeUser {
  id: string
  firstName: string
  lastName: string
  username: string
  title: string
}

export interface FakeGroup {
  id: string
  name: string
  description: string
  ownerId: string
}

export interface FakeComment {
  id: string
  authorId: string
  createdAt: number
  segs: Seg[]
  /** User ids who like the comment. */
  likes?: string[]
  /** ContentDocument id of its file (capabilities.content). */
  fileId?: string
}

/** A file uploaded to a user's Files (POST /connect/files/users/me). */
export interface FakeFile {
  id: string
  title: string
  mimeType: string
  bytes: Buffer
  ownerId: string
}

export interface FakePost {
  id: string
  authorId: string
  /** A user id (profile post) or a group id. */
  parentId: string
  createdAt: number
  modifiedAt: number
  /** Store-wide sequence number of the last change, for updatedSince polling. */
  seq: number
  segs: Seg[]
  likes: string[]
  comments: FakeComment[]
  /** ContentDocument ids (capabilities.files). */
  fileIds?: string[]
  /** The feed item this one shares (capabilities.feedEntityShare). */
  sharedId?: string
}

/** Salesforce 18-character id: 15 case-sensitive characters plus a 3-character case checksum. */
export function sfId(prefix: string, n: number): string {
  const base = `${prefix}5g${n.toString(36).toUpperCase().padStart(10, '0')}`
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'
  let suffix = ''
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0
    for (let i = 0; i < 5; i++) if (/[A-Z]/.test(base[chunk * 5 + i]!)) bits |= 1 << i
    suffix += alphabet[bits]
  }
  return base + suffix
}

export interface ChatterStore {
  orgId: string
  me: FakeUser
  users: Map<string, FakeUser>
  groups: FakeGroup[]
  posts: FakePost[]
  /** Files uploaded to users' Files, by ContentDocument id. */
  files: Map<string, FakeFile>
  addFile(input: Omit<FakeFile, 'id'>): FakeFile
  /** Current change sequence number (grows on every post, comment or like). */
  seq(): number
  addPost(input: { authorId: string; parentId: string; segs: Seg[]; at?: number }): FakePost
  addComment(post: FakePost, input: { authorId: string; segs: Seg[]; at?: number }): FakeComment
  like(post: FakePost, userId: string): void
  findPost(id: string): FakePost | undefined
  displayName(user: FakeUser): string
  /** Someone new in the org (for people search). */
  addUser(firstName: string, lastName: string, title?: string): FakeUser
}

export function createChatterStore(now: () => number = Date.now): ChatterStore {
  let counter = 1000
  let seq = 0
  const next = (prefix: string) => sfId(prefix, counter++)
  const orgId = sfId('00D', 42)
  const person = (firstName: string, lastName: string, title: string): FakeUser => ({
    id: next('005'),
    firstName,
    lastName,
    username:
      `${firstName}.${lastName}`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z.]/g, '') + '@acme.example',
    title,
  })
  const me = person('Alex', 'Morgan', 'Community Manager')
  const colleagues = [
    person('Priya', 'Natarajan', 'Support Lead'),
    person('Tomás', 'Ortega', 'Product Manager'),
    person('Mei', 'Chen', 'Developer Advocate'),
    person('Jordan', 'Blake', 'Support Engineer'),
    person('Sam', 'Okafor', 'Head of Marketing'),
    person('Lena', 'Fischer', 'UX Researcher'),
  ]
  const users = new Map([me, ...colleagues].map((u) => [u.id, u]))
  const groups: FakeGroup[] = [
    { id: next('0F9'), name: 'Support', description: 'Escalations and customer issues', ownerId: colleagues[0]!.id },
    { id: next('0F9'), name: 'Community Team', description: 'Everything about our public community', ownerId: me.id },
    { id: next('0F9'), name: 'Product', description: 'Roadmap, releases and feedback', ownerId: colleagues[1]!.id },
  ]
  const posts: FakePost[] = []

  const store: ChatterStore = {
    orgId,
    me,
    users,
    groups,
    posts,
    files: new Map(),
    addFile(input) {
      const file = { ...input, id: next('069') }
      store.files.set(file.id, file)
      return file
    },
    seq: () => seq,
    addPost({ authorId, parentId, segs, at }) {
      const t = at ?? now()
      const post: FakePost = {
        id: next('0D5'),
        authorId,
        parentId,
        createdAt: t,
        modifiedAt: t,
        seq: ++seq,
        segs,
        likes: [],
        comments: [],
      }
      posts.push(post)
      return post
    },
    addComment(post, { authorId, segs, at }) {
      const t = at ?? now()
      const comment: FakeComment = { id: next('0D7'), authorId, createdAt: t, segs }
      post.comments.push(comment)
      post.modifiedAt = Math.max(post.modifiedAt, t)
      post.seq = ++seq
      return comment
    },
    like(post, userId) {
      if (post.likes.includes(userId)) return
      post.likes.push(userId)
      post.seq = ++seq
    },
    findPost: (id) => posts.find((p) => p.id === id),
    displayName: (u) => `${u.firstName} ${u.lastName}`,
    addUser(firstName, lastName, title = 'Employee') {
      const u = person(firstName, lastName, title)
      users.set(u.id, u)
      return u
    },
  }
  seed(store, colleagues, now())
  return store
}

// Segment helpers for readable seed data.
export const text = (s: string): Seg => ({ t: 'text', text: s })
export const mention = (userId: string): Seg => ({ t: 'mention', userId })
export const link = (url: string): Seg => ({ t: 'link', url })
export const hashtag = (tag: string): Seg => ({ t: 'hashtag', tag })
export const wrap = (tag: MarkupTag, ...inner: Seg[]): Seg[] => [{ t: 'open', tag }, ...inner, { t: 'close', tag }]

/** Plain text as typed in Chatter: URLs become Link segments, #words Hashtag segments. */
export function segsFromText(s: string): Seg[] {
  const out: Seg[] = []
  for (const part of s.split(/(https?:\/\/[^\s]+|#[A-Za-z][\w-]*)/)) {
    if (!part) continue
    if (/^https?:\/\//.test(part)) out.push(link(part))
    else if (part.startsWith('#') && part.length > 1) out.push(hashtag(part.slice(1)))
    else out.push(text(part))
  }
  return out
}

const HOUR = 3_600_000

function seed(store: ChatterStore, c: FakeUser[], now: number) {
  const [priya, tomas, mei, jordan, sam, lena] = c as [FakeUser, FakeUser, FakeUser, FakeUser, FakeUser, FakeUser]
  const me = store.me
  const [support, community, product] = store.groups as [FakeGroup, FakeGroup, FakeGroup]
  const ago = (hours: number) => now - hours * HOUR
  const post = (hours: number, author: FakeUser, parentId: string, segs: Seg[]) =>
    store.addPost({ authorId: author.id, parentId, segs, at: ago(hours) })
  const reply = (p: FakePost, hours: number, author: FakeUser, segs: Seg[]) =>
    store.addComment(p, { authorId: author.id, segs, at: ago(hours) })

  // Older history, so the news feed has more than one page.
  post(168, sam, community.id, [text('Kickoff for the community relaunch is on Monday.')])
  post(160, tomas, product.id, [text('Beta feedback survey closes Friday.')])
  post(152, mei, community.id, [text('Office hours recording is up: '), link('https://video.acme.example/office-hours-12')])
  post(146, jordan, support.id, [text('On call rotation for next month is posted.')])
  post(140, lena, product.id, [text('Interview notes from five admins are in the research repo.')])
  post(134, priya, support.id, [text('Reminder: first response target is 4 business hours.')])
  post(128, me, community.id, [text('Welcome to the Community Team group, everyone!')])

  const outage = post(120, priya, support.id, [
    ...wrap('p', text('Heads up: login errors reported by several customers in the EU region.')),
    ...wrap('p', text('Tracking it in '), link('https://status.acme.example/incidents/481'), text('.')),
  ])
  reply(outage, 119, jordan, [text('Seeing the same in the queue, 14 tickets so far.')])
  reply(outage, 118, me, [text('I will post a note on the public forum.')])
  reply(outage, 116, priya, [text('Resolved, root cause was an expired certificate.')])
  store.like(outage, me.id)
  store.like(outage, jordan.id)

  post(110, tomas, product.id, [text('Roadmap review moved to Thursday. Agenda: '), link('https://docs.acme.example/roadmap-q3')])
  post(104, mei, community.id, [
    text('Draft of the new contributor guide is ready for review, '),
    mention(me.id),
    text(' can you take a look?'),
  ])
  const release = post(98, sam, product.id, [
    ...wrap('p', ...wrap('b', text('Release 4.2 is out!'))),
    ...wrap('ul', ...wrap('li', text('Dark mode')), ...wrap('li', text('Faster search')), ...wrap('li', text('Export to CSV'))),
    ...wrap('p', text('Announcement copy: '), link('https://blog.acme.example/4-2'), text(' '), hashtag('release')),
  ])
  reply(release, 97, lena, [text('The dark mode research paid off, congrats team!')])
  reply(release, 96, me, [text('Scheduling the community post for tomorrow morning.')])
  for (const u of [me, priya, tomas, mei, lena]) store.like(release, u.id)

  post(90, jordan, support.id, [
    text('Reminder: tag escalations with '),
    hashtag('escalation'),
    text(' so we can report on them.'),
  ])
  const forum = post(84, lena, community.id, [
    text('Summary of forum feedback this week: people love the new onboarding, but the '),
    ...wrap('i', text('billing page')),
    text(' confuses them.'),
  ])
  reply(forum, 83, tomas, [text('Adding it to the Q3 research list.')])
  reply(forum, 80, mei, [mention(me.id), text(' could we run a poll on this?')])
  post(76, priya, me.id, [text('Thanks for handling the forum thread yesterday, it calmed things down a lot.')])
  post(70, mei, community.id, [
    text('Meetup in Berlin confirmed for the 14th. Slides template: '),
    link('https://docs.acme.example/slides'),
  ])
  post(64, me, community.id, [text('Weekly community report: 312 new members, 1,204 posts, median first response 2h 10m.')])
  post(58, tomas, product.id, [
    text('Question for support: how often do customers ask about SSO? '),
    mention(priya.id),
    text(' '),
    mention(jordan.id),
  ])
  // Literal markup typed by a person: must stay text, never become HTML.
  post(52, jordan, support.id, [
    text('A customer pasted <script>alert("hi")</script> into the form and it showed up raw. Filed a bug.'),
  ])
  const api = post(46, mei, product.id, [text('The API docs now have runnable examples '), hashtag('devrel')])
  reply(api, 45, sam, [text('Great for the launch blog post.')])
  store.like(api, sam.id)
  post(40, sam, community.id, [mention(me.id), text(' can you share the community numbers for the board deck?')])
  post(34, lena, product.id, [
    text('Usability test recordings are in the shared drive. Key finding: nobody finds the export button.'),
  ])
  post(28, priya, support.id, [...wrap('p', text('New macro for refund requests: ')), ...wrap('code', text('/refund-standard'))])
  const ambassadors = post(22, me, community.id, [text('Proposal: a community ambassadors program. Thoughts?')])
  reply(ambassadors, 21, mei, [text('Love it. We could start with the top 10 forum contributors.')])
  reply(ambassadors, 20, sam, [text('Marketing can fund swag.')])
  reply(ambassadors, 18, lena, [text('Happy to interview a few of them first.')])
  store.like(ambassadors, mei.id)
  post(16, jordan, support.id, [text('Queue is down to 23 open tickets, lowest this quarter.')])
  post(12, tomas, me.id, [text('Can we sync on the release notes tone? 15 minutes tomorrow?')])
  post(9, mei, community.id, [text('The forum spam filter caught 40 posts overnight, all correct.')])
  post(6, sam, product.id, [...wrap('b', text('Reminder:')), text(' launch checklist review at 3pm.')])
  post(4, priya, support.id, [
    mention(me.id),
    text(' a customer on Mastodon is asking about the outage, can you answer publicly?'),
  ])
  post(2, lena, community.id, [text('New survey is live: '), link('https://survey.acme.example/community-2025')])
  post(1, jordan, support.id, [text('Knowledge article on password resets updated.')])
}
