// The fake network's people, posts, uploaded blobs and threadgates, and how each renders as app.bsky JSON.
import { cidFor, plcDid, postUri, tid } from './ids'

export interface User {
  did: string
  handle: string
  displayName: string
  /** Threads show this user's posts as #blockedPost. */
  blocked?: boolean
}

export interface PostRecord {
  uri: string
  cid: string
  authorDid: string
  text: string
  createdAt: string
  indexedAt: string
  sortKey: number
  facets: unknown[]
  reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } }
  /** The record's app.bsky.embed.images, as written (blobs as JSON blob refs). */
  embed?: ImagesEmbed
  likes: Set<string>
  reposts: Set<string>
  deleted?: boolean
}

/** A blob as the record holds it: { $type: 'blob', ref: { $link: cid }, mimeType, size }. */
export interface BlobJson {
  $type: 'blob'
  ref: { $link: string }
  mimeType: string
  size: number
}

export interface ImagesEmbed {
  $type: 'app.bsky.embed.images'
  images: { image: BlobJson; alt: string; aspectRatio?: { width: number; height: number } }[]
}

/** An uploaded blob in its uploader's repo. */
export interface StoredBlob {
  cid: string
  did: string
  mimeType: string
  bytes: Buffer
}

/** An app.bsky.feed.threadgate record in its author's repo (rkey = the root post's rkey). */
export interface Threadgate {
  uri: string
  cid: string
  record: { $type: 'app.bsky.feed.threadgate'; post: string; createdAt: string; hiddenReplies?: string[]; allow?: unknown[] }
}

export interface Notification {
  uri: string
  cid: string
  authorDid: string
  reason: 'mention' | 'reply' | 'like' | 'repost' | 'follow' | 'quote'
  reasonSubject?: string
  indexedAt: string
  sortKey: number
}

export function createWorld(now: () => number) {
  const users: User[] = []
  const posts: PostRecord[] = []
  const notifications: Notification[] = []
  const blobs = new Map<string, StoredBlob>()
  /** By the gate's at-uri. */
  const threadgates = new Map<string, Threadgate>()
  let clock = 0
  const addUser = (handle: string, displayName: string, blocked = false): User => {
    const user = { did: plcDid(handle), handle, displayName, blocked }
    users.push(user)
    return user
  }
  const me = addUser('alice.test', 'Alice Community')
  const bob = addUser('bob.test', 'Bob Builder')
  const carol = addUser('carol.test', 'Carol Café ☕')
  addUser('mallory.test', 'Mallory', true)
  const byHandle = (h: string) => users.find((u) => u.handle === h.replace(/^@/, ''))
  const byDid = (d: string) => users.find((u) => u.did === d)

  /** Facets for @handles, links and #tags, by UTF-8 byte offsets as the lexicon requires. */
  function facetsOf(text: string): unknown[] {
    const out: unknown[] = []
    const enc = new TextEncoder()
    const byteAt = (i: number) => enc.encode(text.slice(0, i)).length
    for (const m of text.matchAll(/@([a-z0-9.-]+\.[a-z]+)/gi)) {
      const u = byHandle(m[1]!)
      if (u)
        out.push({
          index: { byteStart: byteAt(m.index!), byteEnd: byteAt(m.index! + m[0].length) },
          features: [{ $type: 'app.bsky.richtext.facet#mention', did: u.did }],
        })
    }
    for (const m of text.matchAll(/https?:\/\/[^\s]+/g))
      out.push({
        index: { byteStart: byteAt(m.index!), byteEnd: byteAt(m.index! + m[0].length) },
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: m[0] }],
      })
    for (const m of text.matchAll(/(^|\s)#([\p{L}\p{N}_]+)/gu)) {
      const start = m.index! + m[1]!.length
      out.push({
        index: { byteStart: byteAt(start), byteEnd: byteAt(start + m[2]!.length + 1) },
        features: [{ $type: 'app.bsky.richtext.facet#tag', tag: m[2] }],
      })
    }
    return out
  }

  function addPost(input: { text: string; author?: string; replyTo?: string; embed?: ImagesEmbed }): PostRecord {
    const author = (input.author ? byHandle(input.author) : undefined) ?? bob
    const t = now()
    clock += 1
    const sortKey = t * 1000 + clock
    const rkey = tid(BigInt(sortKey), clock)
    const parent = input.replyTo ? posts.find((p) => p.uri === input.replyTo) : undefined
    const reply = parent
      ? { root: parent.reply?.root ?? { uri: parent.uri, cid: parent.cid }, parent: { uri: parent.uri, cid: parent.cid } }
      : undefined
    const createdAt = new Date(t).toISOString()
    const record = {
      text: input.text,
      createdAt,
      facets: facetsOf(input.text),
      reply,
      ...(input.embed ? { embed: input.embed } : {}),
    }
    const post: PostRecord = {
      uri: postUri(author.did, rkey),
      cid: cidFor({ ...record, author: author.did, rkey }),
      authorDid: author.did,
      ...record,
      indexedAt: createdAt,
      sortKey,
      likes: new Set(),
      reposts: new Set(),
    }
    posts.push(post)
    // Notify "me" of mentions and replies to my posts.
    if (author.did !== me.did) {
      const mentionsMe = record.facets.some((f) => (f as { features: { did?: string }[] }).features[0]?.did === me.did)
      if (parent && parent.authorDid === me.did)
        notifications.push({
          uri: post.uri,
          cid: post.cid,
          authorDid: author.did,
          reason: 'reply',
          reasonSubject: parent.uri,
          indexedAt: createdAt,
          sortKey,
        })
      else if (mentionsMe)
        notifications.push({
          uri: post.uri,
          cid: post.cid,
          authorDid: author.did,
          reason: 'mention',
          indexedAt: createdAt,
          sortKey,
        })
    }
    return post
  }

  /** The gate the AppView honours for a root post: same repo, same rkey, and it names that post. */
  function gateOf(post: PostRecord): Threadgate | undefined {
    if (post.reply) return undefined
    const rkey = post.uri.split('/').pop()!
    const gate = threadgates.get(`at://${post.authorDid}/app.bsky.feed.threadgate/${rkey}`)
    return gate?.record.post === post.uri ? gate : undefined
  }

  return { users, posts, notifications, blobs, threadgates, me, bob, carol, byHandle, byDid, addPost, addUser, gateOf }
}

export type World = ReturnType<typeof createWorld>

export function createRenderer(world: World, origin: string) {
  const profile = (u: User) => ({
    did: u.did,
    handle: u.handle,
    displayName: u.displayName,
    avatar: `${origin}/img/avatar/plain/${u.did}/avatar@jpeg`,
    labels: [],
    createdAt: '2024-01-01T00:00:00.000Z',
  })
  /** The AppView's CDN URLs for a post's image (thumbnail and full size). */
  const imageUrl = (kind: 'feed_thumbnail' | 'feed_fullsize', did: string, cid: string) =>
    `${origin}/img/${kind}/plain/${did}/${cid}@jpeg`
  const imagesView = (p: PostRecord) =>
    p.embed
      ? {
          $type: 'app.bsky.embed.images#view',
          images: p.embed.images.map((i) => ({
            thumb: imageUrl('feed_thumbnail', p.authorDid, i.image.ref.$link),
            fullsize: imageUrl('feed_fullsize', p.authorDid, i.image.ref.$link),
            alt: i.alt,
            ...(i.aspectRatio ? { aspectRatio: i.aspectRatio } : {}),
          })),
        }
      : undefined
  /** app.bsky.feed.defs#threadgateView, on a root post whose author gated its thread. */
  const threadgate = (p: PostRecord) => {
    const gate = world.gateOf(p)
    return gate ? { uri: gate.uri, cid: gate.cid, record: gate.record, lists: [] } : undefined
  }
  const post = (p: PostRecord) => ({
    uri: p.uri,
    cid: p.cid,
    author: profile(world.byDid(p.authorDid)!),
    record: {
      $type: 'app.bsky.feed.post',
      text: p.text,
      createdAt: p.createdAt,
      langs: ['en'],
      ...(p.facets.length ? { facets: p.facets } : {}),
      ...(p.reply ? { reply: p.reply } : {}),
      ...(p.embed ? { embed: p.embed } : {}),
    },
    ...(p.embed ? { embed: imagesView(p) } : {}),
    ...(threadgate(p) ? { threadgate: threadgate(p) } : {}),
    replyCount: world.posts.filter((r) => r.reply?.parent.uri === p.uri && !r.deleted).length,
    repostCount: p.reposts.size,
    likeCount: p.likes.size,
    quoteCount: 0,
    indexedAt: p.indexedAt,
    labels: [],
  })
  return { profile, post, threadgate }
}
