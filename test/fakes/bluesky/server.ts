// A loopback Bluesky: a PDS + AppView in one, answering the XRPC methods Crosstalk calls with
// the lexicons' JSON, XRPC error bodies ({error, message}), ratelimit-* headers, cursor
// paging, sessions whose access JWT expires (so refreshSession is exercised), and faults.
// Posts may embed uploaded images (served back from CDN-like URLs), and a thread's author may
// hide replies in it with the thread's threadgate, which the AppView shows on the root post.
import { randomBytes } from 'node:crypto'
import { createFaults, type Faults } from '../common/faults'
import { Router, startFakeServer, type FakeRequest, type FakeResponse, type RunningFake } from '../common/server'
import { blobCid, cidFor, tid } from './ids'
import { createRenderer, createWorld, type ImagesEmbed, type PostRecord, type Threadgate, type World } from './world'

export const APP_PASSWORD = 'abcd-efgh-ijkl-mnop'
const THREADGATE = 'app.bsky.feed.threadgate'
/** A PDS's default limit for one uploaded blob (PDS_BLOB_UPLOAD_LIMIT: 5 MiB). */
const BLOB_UPLOAD_LIMIT = 5 * 1024 * 1024
/** app.bsky.embed.images#image: image/*, at most 2,000,000 bytes (the lexicon's maxSize). */
const IMAGE_MAX_SIZE = 2_000_000

export interface FakeBlueskyOptions {
  port?: number
  /** Seconds an access JWT lives (real PDS: about two hours). */
  accessLifetimeSeconds?: number
  /** Requests per 5-minute window (real AppView: 3000). */
  rateLimit?: number
  autoPostEverySeconds?: number
  now?: () => number
}

export type FakeBluesky = RunningFake & {
  world: World
  addPost(input: { text: string; author?: string; replyTo?: string; embed?: ImagesEmbed }): PostRecord
  deletePost(uri: string): void
  /** The threadgate record of a root post (what its author wrote), if there is one. */
  threadgate(rootUri: string): Threadgate['record'] | undefined
  /** Runs `change` once, just before the next putRecord is applied: another app writing in between. */
  beforeNextPut(change: () => void): void
  faults: Faults
  /** The like and repost records in the users' repos: who (did) liked or reposted what (subject). */
  records(): { uri: string; collection: 'app.bsky.feed.like' | 'app.bsky.feed.repost'; did: string; subject: string }[]
  /** Makes every access JWT issued so far expire now. */
  expireAccessTokens(): void
  sessions(): { created: number; refreshed: number; deleted: number }
}

interface Session {
  did: string
  access: string
  refresh: string
  accessExpires: number
  refreshRevoked?: boolean
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
const xrpcError = (status: number, error: string, message: string, headers: Record<string, string> = {}): FakeResponse => ({
  status,
  headers,
  json: { error, message },
})

export async function startFakeBluesky(opts: FakeBlueskyOptions = {}): Promise<FakeBluesky> {
  const now = opts.now ?? Date.now
  const world = createWorld(now)
  const faults = createFaults()
  const sessions: Session[] = []
  const counts = { created: 0, refreshed: 0, deleted: 0 }
  const limit = opts.rateLimit ?? 3000
  let windowStart = now()
  let used = 0
  let origin = ''
  const router = new Router()

  // Seed: a conversation, a mention of me, a reply to me, a blocked reply and non-ASCII text.
  const welcome = world.addPost({
    text: 'Welcome to the #community space! Details at https://example.com/start',
    author: 'bob.test',
  })
  world.addPost({ text: 'Thanks @bob.test, happy to be here 🎉', author: 'carol.test', replyTo: welcome.uri })
  world.addPost({ text: 'Ignore this', author: 'mallory.test', replyTo: welcome.uri })
  const mine = world.addPost({ text: 'Our roadmap call is on Thursday.', author: 'alice.test' })
  world.addPost({ text: 'Will it be recorded?', author: 'carol.test', replyTo: mine.uri })
  world.addPost({ text: '@alice.test could you look at the export bug? Ça ne marche pas.', author: 'bob.test' })

  function issue(did: string): Session {
    const token = (kind: string, lifetime: number) =>
      `${b64({ typ: kind === 'refresh' ? 'refresh+jwt' : 'at+jwt', alg: 'HS256' })}.${b64({
        scope: kind === 'refresh' ? 'com.atproto.refresh' : 'com.atproto.appPass',
        sub: did,
        iat: Math.floor(now() / 1000),
        exp: Math.floor(now() / 1000) + lifetime,
        jti: randomBytes(8).toString('hex'),
      })}.${randomBytes(16).toString('base64url')}`
    const s: Session = {
      did,
      access: token('access', opts.accessLifetimeSeconds ?? 7200),
      refresh: token('refresh', 90 * 86400),
      accessExpires: now() + (opts.accessLifetimeSeconds ?? 7200) * 1000,
    }
    sessions.push(s)
    return s
  }
  const bearer = (req: FakeRequest) => /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1]
  const sessionJson = (s: Session) => {
    const u = world.byDid(s.did)!
    return {
      did: u.did,
      handle: u.handle,
      accessJwt: s.access,
      refreshJwt: s.refresh,
      email: `${u.handle}@example.com`,
      emailConfirmed: true,
      active: true,
    }
  }

  /** Access-token check: 401 AuthenticationRequired without one, 400 ExpiredToken when expired (as a PDS answers). */
  function viewer(req: FakeRequest, required: boolean): Session | FakeResponse | undefined {
    const token = bearer(req)
    if (!token) return required ? xrpcError(401, 'AuthenticationRequired', 'Authentication Required') : undefined
    const s = sessions.find((x) => x.access === token)
    if (!s) return xrpcError(400, 'InvalidToken', 'Token could not be verified')
    if (s.accessExpires <= now()) return xrpcError(400, 'ExpiredToken', 'Token has expired')
    return s
  }
  /** Every early answer (an XRPC error) carries a status; sessions and pages do not. */
  const isResponse = (x: unknown): x is FakeResponse => typeof x === 'object' && x !== null && 'status' in x

  function xrpc(method: 'GET' | 'POST', nsid: string, handler: (req: FakeRequest) => FakeResponse) {
    router.on(method, `/xrpc/${nsid}`, async (req) => {
      if (now() - windowStart >= 300_000) {
        windowStart = now()
        used = 0
      }
      used += 1
      const rl = {
        'ratelimit-limit': String(limit),
        'ratelimit-remaining': String(Math.max(0, limit - used)),
        'ratelimit-reset': String(Math.ceil((windowStart + 300_000) / 1000)),
        'ratelimit-policy': `${limit};w=300`,
      }
      const tooMany = (retryAfter?: number) =>
        xrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', {
          ...rl,
          'ratelimit-remaining': '0',
          ...(retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}),
        })
      if (used > limit) return tooMany()
      const res = (await faults.apply(tooMany)) ?? handler(req)
      return { ...res, headers: { ...rl, ...res.headers } }
    })
  }

  const render = () => createRenderer(world, origin)
  const visible = () => world.posts.filter((p) => !p.deleted).sort((a, b) => b.sortKey - a.sortKey)
  const blockedAuthor = (did: string) => ({
    did,
    viewer: { blockedBy: false, blocking: `at://${world.me.did}/app.bsky.graph.block/3kblock2222222` },
  })
  /** A reply's root or parent in a feed entry: #postView, #notFoundPost or #blockedPost. */
  const refView = (uri: string): Record<string, unknown> => {
    const p = world.posts.find((x) => x.uri === uri && !x.deleted)
    if (!p) return { $type: 'app.bsky.feed.defs#notFoundPost', uri, notFound: true }
    if (world.byDid(p.authorDid)?.blocked)
      return { $type: 'app.bsky.feed.defs#blockedPost', uri, blocked: true, author: blockedAuthor(p.authorDid) }
    return { $type: 'app.bsky.feed.defs#postView', ...render().post(p) }
  }
  /** app.bsky.feed.defs#feedViewPost: a reply comes with its root and parent (the root's view carries the thread's gate). */
  const feedEntry = (p: PostRecord) => ({
    post: render().post(p),
    ...(p.reply ? { reply: { root: refView(p.reply.root.uri), parent: refView(p.reply.parent.uri) } } : {}),
  })

  /** Cursor = the sort key of the last item served; the next page starts below it. */
  function paginate<T extends { sortKey: number }>(list: T[], req: FakeRequest): { page: T[]; cursor?: string } | FakeResponse {
    const p = req.url.searchParams
    const limitRaw = p.get('limit') ?? '50'
    const n = Number(limitRaw)
    if (!/^\d+$/.test(limitRaw) || n < 1 || n > 100)
      return xrpcError(400, 'InvalidRequest', 'Error: limit must be between 1 and 100')
    const cursor = p.get('cursor')
    const start = cursor ? list.filter((x) => x.sortKey < Number(cursor)) : list
    const page = start.slice(0, n)
    return { page, cursor: start.length > n ? String(page[page.length - 1]!.sortKey) : undefined }
  }

  xrpc('POST', 'com.atproto.server.createSession', (req) => {
    const identifier = String(req.body.identifier ?? '').replace(/^@/, '')
    const user = world.users.find((u) => u.handle === identifier || `${u.handle}@example.com` === identifier)
    if (!user || req.body.password !== APP_PASSWORD)
      return xrpcError(401, 'AuthenticationRequired', 'Invalid identifier or password')
    counts.created += 1
    return { json: sessionJson(issue(user.did)) }
  })
  xrpc('POST', 'com.atproto.server.refreshSession', (req) => {
    const s = sessions.find((x) => x.refresh === bearer(req))
    if (!s || s.refreshRevoked) return xrpcError(400, 'ExpiredToken', 'Token has been revoked')
    s.refreshRevoked = true
    counts.refreshed += 1
    return { json: sessionJson(issue(s.did)) }
  })
  xrpc('POST', 'com.atproto.server.deleteSession', (req) => {
    const s = sessions.find((x) => x.refresh === bearer(req))
    if (!s) return xrpcError(401, 'AuthenticationRequired', 'Authentication Required')
    s.refreshRevoked = true
    s.accessExpires = 0
    counts.deleted += 1
    return { status: 200 }
  })
  xrpc('GET', 'com.atproto.server.getSession', (req) => {
    const v = viewer(req, true)
    if (isResponse(v)) return v
    return { json: sessionJson(v as Session) }
  })
  xrpc('GET', 'app.bsky.actor.getProfile', (req) => {
    const v = viewer(req, false)
    if (isResponse(v)) return v
    const actor = req.url.searchParams.get('actor') ?? ''
    const u = world.byDid(actor) ?? world.byHandle(actor)
    if (!u) return xrpcError(400, 'InvalidRequest', 'Profile not found')
    return {
      json: {
        ...render().profile(u),
        followersCount: 10,
        followsCount: 5,
        postsCount: world.posts.filter((p) => p.authorDid === u.did).length,
      },
    }
  })
  // Typeahead as the AppView answers it: no auth needed; q (or the older term) a prefix of the
  // handle or of a word of the display name; limit 1–100 (default 10). With a viewer, accounts in a
  // block relation are left out unless the handle is exactly q.
  xrpc('GET', 'app.bsky.actor.searchActorsTypeahead', (req) => {
    const v = viewer(req, false)
    if (isResponse(v)) return v
    const p = req.url.searchParams
    const limitRaw = p.get('limit') ?? '10'
    const n = Number(limitRaw)
    if (!/^\d+$/.test(limitRaw) || n < 1 || n > 100)
      return xrpcError(400, 'InvalidRequest', 'Error: limit must be between 1 and 100')
    const q = (p.get('q') ?? p.get('term') ?? '').trim().replace(/^@/, '').toLowerCase()
    if (q === '') return { json: { actors: [] } }
    const hits = world.users.filter(
      (u) =>
        (u.handle.startsWith(q) ||
          u.displayName
            .toLowerCase()
            .split(/\s+/)
            .some((w) => w.startsWith(q))) &&
        (!v || !u.blocked || u.handle === q),
    )
    const r = render()
    return { json: { actors: hits.slice(0, n).map((u) => r.profile(u)) } }
  })
  xrpc('GET', 'app.bsky.feed.getTimeline', (req) => {
    const v = viewer(req, true)
    if (isResponse(v)) return v
    const r = paginate(visible(), req)
    if (isResponse(r)) return r
    return { json: { feed: r.page.map(feedEntry), ...(r.cursor ? { cursor: r.cursor } : {}) } }
  })
  const feedOf = (req: FakeRequest, param: string) => {
    const v = viewer(req, true)
    if (isResponse(v)) return v
    const uri = req.url.searchParams.get(param) ?? ''
    if (!/^at:\/\//.test(uri)) return xrpcError(400, 'InvalidRequest', `Error: ${param} must be a valid at-uri`)
    const r = paginate(visible(), req)
    if (isResponse(r)) return r
    return { json: { feed: r.page.map(feedEntry), ...(r.cursor ? { cursor: r.cursor } : {}) } }
  }
  xrpc('GET', 'app.bsky.feed.getFeed', (req) => feedOf(req, 'feed'))
  xrpc('GET', 'app.bsky.feed.getListFeed', (req) => feedOf(req, 'list'))
  // Search works without a session on the public AppView.
  xrpc('GET', 'app.bsky.feed.searchPosts', (req) => {
    const v = viewer(req, false)
    if (isResponse(v)) return v
    const q = (req.url.searchParams.get('q') ?? '').toLowerCase().trim()
    if (!q) return xrpcError(400, 'InvalidRequest', 'Error: Params must have the property "q"')
    const r = paginate(
      visible().filter((p) => p.text.toLowerCase().includes(q.replace(/^#/, ''))),
      req,
    )
    if (isResponse(r)) return r
    return {
      json: { posts: r.page.map((p) => render().post(p)), hitsTotal: r.page.length, ...(r.cursor ? { cursor: r.cursor } : {}) },
    }
  })
  xrpc('GET', 'app.bsky.feed.getPosts', (req) => {
    const v = viewer(req, false)
    if (isResponse(v)) return v
    const uris = req.url.searchParams.getAll('uris')
    if (uris.length > 25) return xrpcError(400, 'InvalidRequest', 'Error: uris must not have more than 25 elements')
    const who = (v as Session | undefined)?.did
    return {
      json: {
        posts: uris
          .flatMap((u) => visible().filter((p) => p.uri === u))
          .map((p) => ({ ...render().post(p), ...(who ? { viewer: viewerOf(who, p.uri) } : {}) })),
      },
    }
  })
  xrpc('GET', 'app.bsky.feed.getPostThread', (req) => {
    const v = viewer(req, false)
    if (isResponse(v)) return v
    const uri = req.url.searchParams.get('uri') ?? ''
    const focus = world.posts.find((p) => p.uri === uri && !p.deleted)
    if (!focus) return xrpcError(400, 'NotFound', `Post not found: ${uri}`)
    const node = (p: PostRecord | undefined, ref: string): Record<string, unknown> => {
      if (!p || p.deleted) return { $type: 'app.bsky.feed.defs#notFoundPost', uri: ref, notFound: true }
      if (world.byDid(p.authorDid)?.blocked)
        return { $type: 'app.bsky.feed.defs#blockedPost', uri: p.uri, blocked: true, author: blockedAuthor(p.authorDid) }
      return { $type: 'app.bsky.feed.defs#threadViewPost', post: render().post(p) }
    }
    const parentChain = (p: PostRecord): Record<string, unknown> | undefined => {
      if (!p.reply) return undefined
      const parent = world.posts.find((x) => x.uri === p.reply!.parent.uri)
      const n = node(parent, p.reply.parent.uri)
      if (parent && !parent.deleted && n.$type === 'app.bsky.feed.defs#threadViewPost') {
        const up = parentChain(parent)
        if (up) n.parent = up
      }
      return n
    }
    const withReplies = (p: PostRecord, depth: number): Record<string, unknown> => {
      const n = node(p, p.uri)
      if (depth > 0 && n.$type === 'app.bsky.feed.defs#threadViewPost')
        n.replies = world.posts.filter((r) => r.reply?.parent.uri === p.uri && !r.deleted).map((r) => withReplies(r, depth - 1))
      return n
    }
    const thread = withReplies(focus, Number(req.url.searchParams.get('depth') ?? 6))
    const up = parentChain(focus)
    if (up) thread.parent = up
    // The thread root's gate, also when the root is beyond parentHeight.
    const root = world.posts.find((p) => p.uri === (focus.reply?.root.uri ?? focus.uri) && !p.deleted)
    const threadgate = root ? render().threadgate(root) : undefined
    return { json: { thread, ...(threadgate ? { threadgate } : {}) } }
  })
  xrpc('GET', 'app.bsky.notification.listNotifications', (req) => {
    const v = viewer(req, true)
    if (isResponse(v)) return v
    const reasons = req.url.searchParams.getAll('reasons')
    const list = world.notifications
      .filter((n) => reasons.length === 0 || reasons.includes(n.reason))
      .sort((a, b) => b.sortKey - a.sortKey)
    const r = paginate(list, req)
    if (isResponse(r)) return r
    return {
      json: {
        notifications: r.page.map((n) => {
          const p = world.posts.find((x) => x.uri === n.uri)!
          return {
            uri: n.uri,
            cid: n.cid,
            author: render().profile(world.byDid(n.authorDid)!),
            reason: n.reason,
            ...(n.reasonSubject ? { reasonSubject: n.reasonSubject } : {}),
            record: render().post(p).record,
            isRead: false,
            indexedAt: n.indexedAt,
            labels: [],
          }
        }),
        ...(r.cursor ? { cursor: r.cursor } : {}),
        seenAt: new Date(0).toISOString(),
      },
    }
  })
  // ——— Writes to the user's own repo (com.atproto.repo.*) ———
  const likes = new Map<string, { did: string; subject: string }>() // like record uri → who liked what
  const reposts = new Map<string, { did: string; subject: string }>()
  const viewerOf = (did: string | undefined, uri: string) => {
    if (!did) return undefined
    const like = [...likes].find(([, l]) => l.did === did && l.subject === uri)?.[0]
    const repost = [...reposts].find(([, r]) => r.did === did && r.subject === uri)?.[0]
    return { ...(like ? { like } : {}), ...(repost ? { repost } : {}) }
  }
  const blobKey = (did: string, cid: string) => `${did} ${cid}`
  const invalidPost = (message: string) => xrpcError(400, 'InvalidRequest', `Invalid app.bsky.feed.post record: ${message}`)
  /**
   * A post's embed checked as the PDS does: the lexicon (app.bsky.embed.images: at most 4, each an
   * image blob with alt text), then each blob uploaded by this account and within the image's constraints.
   */
  function imagesEmbed(embed: unknown, did: string): ImagesEmbed | FakeResponse {
    const e = embed as { $type?: unknown; images?: unknown }
    if (!e || typeof e !== 'object' || e.$type !== 'app.bsky.embed.images')
      return xrpcError(400, 'InvalidRequest', 'The fake PDS stores app.bsky.embed.images embeds only')
    if (!Array.isArray(e.images)) return invalidPost('Record/embed must have the property "images"')
    if (e.images.length > 4) return invalidPost('Record/embed/images must not have more than 4 elements')
    const images: ImagesEmbed['images'] = []
    for (const [n, raw] of e.images.entries()) {
      const i = raw as { image?: Record<string, unknown>; alt?: unknown; aspectRatio?: { width?: unknown; height?: unknown } }
      if (typeof i?.alt !== 'string') return invalidPost(`Record/embed/images/${n} must have the property "alt"`)
      const blob = i.image
      const link = (blob?.ref as { $link?: unknown } | undefined)?.$link
      if (
        blob?.$type !== 'blob' ||
        typeof link !== 'string' ||
        typeof blob.mimeType !== 'string' ||
        typeof blob.size !== 'number'
      )
        return invalidPost(`Record/embed/images/${n}/image should be a blob ref`)
      const stored = world.blobs.get(blobKey(did, link))
      if (!stored) return xrpcError(400, 'BlobNotFound', `Could not find blob: ${link}`)
      if (!stored.mimeType.startsWith('image/'))
        return xrpcError(400, 'InvalidMimeType', `Wrong type of file. It is ${stored.mimeType} but it must match image/*.`)
      if (stored.bytes.length > IMAGE_MAX_SIZE)
        return xrpcError(
          400,
          'BlobTooLarge',
          `This file is too large. It is ${(stored.bytes.length / 1e6).toFixed(2)}MB but the maximum size is ${(IMAGE_MAX_SIZE / 1e6).toFixed(2)}MB.`,
        )
      const ratio = i.aspectRatio
      if (ratio !== undefined && !(Number.isInteger(ratio.width) && Number.isInteger(ratio.height)))
        return invalidPost(`Record/embed/images/${n}/aspectRatio must have the properties "width" and "height"`)
      images.push({
        image: { $type: 'blob', ref: { $link: link }, mimeType: blob.mimeType, size: blob.size },
        alt: i.alt,
        ...(ratio ? { aspectRatio: { width: ratio.width as number, height: ratio.height as number } } : {}),
      })
    }
    return { $type: 'app.bsky.embed.images', images }
  }
  // Raw bytes in, a blob ref out; the blob stays with its uploader until a record uses it.
  xrpc('POST', 'com.atproto.repo.uploadBlob', (req) => {
    const v = viewer(req, true)
    if (isResponse(v)) return v
    const me2 = v as Session
    const bytes = req.rawBytes
    if (bytes.length > BLOB_UPLOAD_LIMIT) return xrpcError(413, 'PayloadTooLarge', 'request entity too large')
    const mimeType =
      String(req.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim() || 'application/octet-stream'
    const cid = blobCid(bytes)
    world.blobs.set(blobKey(me2.did, cid), { cid, did: me2.did, mimeType, bytes: Buffer.from(bytes) })
    return { json: { blob: { $type: 'blob', ref: { $link: cid }, mimeType, size: bytes.length } } }
  })
  xrpc('POST', 'com.atproto.repo.createRecord', (req) => {
    const v = viewer(req, true)
    if (isResponse(v)) return v
    const me2 = v as Session
    const b = req.body as { repo?: string; collection?: string; record?: Record<string, unknown> }
    if (b.repo !== me2.did) return xrpcError(400, 'InvalidRequest', 'Input/repo must be the authenticated account')
    const record = b.record ?? {}
    if (b.collection === 'app.bsky.feed.post') {
      if (typeof record.text !== 'string')
        return xrpcError(400, 'InvalidRequest', 'Invalid app.bsky.feed.post record: Record must have the property "text"')
      const embed = record.embed === undefined ? undefined : imagesEmbed(record.embed, me2.did)
      if (isResponse(embed)) return embed
      const reply = record.reply as { parent?: { uri?: string } } | undefined
      const post = world.addPost({
        text: record.text,
        author: world.byDid(me2.did)!.handle,
        replyTo: reply?.parent?.uri,
        ...(embed ? { embed } : {}),
      })
      return { json: { uri: post.uri, cid: post.cid, validationStatus: 'valid' } }
    }
    if (b.collection === 'app.bsky.feed.like' || b.collection === 'app.bsky.feed.repost') {
      const subject = (record.subject as { uri?: string } | undefined)?.uri ?? ''
      const post = world.posts.find((x) => x.uri === subject && !x.deleted)
      if (!post) return xrpcError(400, 'InvalidRequest', 'Could not locate record: subject')
      const like = b.collection === 'app.bsky.feed.like'
      const uri = `at://${me2.did}/${b.collection}/${tid(BigInt(Date.now()) * 1000n + BigInt(likes.size + reposts.size), 7)}`
      ;(like ? likes : reposts).set(uri, { did: me2.did, subject })
      ;(like ? post.likes : post.reposts).add(me2.did)
      return { json: { uri, cid: cidFor({ uri }), validationStatus: 'valid' } }
    }
    return xrpcError(400, 'InvalidRequest', `Unsupported collection ${b.collection}`)
  })
  xrpc('POST', 'com.atproto.repo.deleteRecord', (req) => {
    const v = viewer(req, true)
    if (isResponse(v)) return v
    const me2 = v as Session
    const b = req.body as { repo?: string; collection?: string; rkey?: string }
    const uri = `at://${b.repo}/${b.collection}/${b.rkey}`
    if (b.repo !== me2.did) return xrpcError(400, 'InvalidRequest', 'Input/repo must be the authenticated account')
    for (const [map, set] of [
      [likes, 'likes'],
      [reposts, 'reposts'],
    ] as const) {
      const rec = map.get(uri)
      if (rec) {
        map.delete(uri)
        world.posts.find((x) => x.uri === rec.subject)?.[set].delete(me2.did)
      }
    }
    const post = world.posts.find((x) => x.uri === uri)
    if (post) post.deleted = true
    world.threadgates.delete(uri)
    return { json: {} }
  })
  const repoOf = (repo: string) => world.byDid(repo) ?? world.byHandle(repo)
  const postValue = (x: PostRecord) => ({
    $type: 'app.bsky.feed.post',
    text: x.text,
    createdAt: x.createdAt,
    ...(x.reply ? { reply: x.reply } : {}),
    ...(x.embed ? { embed: x.embed } : {}),
  })
  // Anyone may read a record from a repo; a missing one is 400 RecordNotFound.
  xrpc('GET', 'com.atproto.repo.getRecord', (req) => {
    const p = req.url.searchParams
    const user = repoOf(p.get('repo') ?? '')
    if (!user) return xrpcError(400, 'InvalidRequest', `Could not find repo: ${p.get('repo') ?? ''}`)
    const uri = `at://${user.did}/${p.get('collection') ?? ''}/${p.get('rkey') ?? ''}`
    const gate = world.threadgates.get(uri)
    if (gate) return { json: { uri, cid: gate.cid, value: gate.record } }
    const post = world.posts.find((x) => x.uri === uri && !x.deleted)
    if (post) return { json: { uri, cid: post.cid, value: postValue(post) } }
    return xrpcError(400, 'RecordNotFound', `Could not locate record: ${uri}`)
  })
  // Threadgates only: written by the root post's author, under the root's rkey, naming the root.
  // swapRecord as the PDS checks it: null = must not exist yet, a CID = must be the current one.
  let beforePut: (() => void) | undefined
  xrpc('POST', 'com.atproto.repo.putRecord', (req) => {
    const v = viewer(req, true)
    if (isResponse(v)) return v
    const change = beforePut
    beforePut = undefined
    change?.()
    const me2 = v as Session
    const b = req.body as {
      repo?: string
      collection?: string
      rkey?: string
      record?: Record<string, unknown>
      swapRecord?: unknown
    }
    if (repoOf(b.repo ?? '')?.did !== me2.did)
      return xrpcError(400, 'InvalidRequest', 'Input/repo must be the authenticated account')
    if (b.collection !== THREADGATE) return xrpcError(400, 'InvalidRequest', `Unsupported collection ${b.collection}`)
    if (typeof b.rkey !== 'string' || !/^[A-Za-z0-9._:~-]{1,512}$/.test(b.rkey))
      return xrpcError(400, 'InvalidRequest', 'Error: Input/rkey must be a valid Record Key')
    const record = b.record ?? {}
    const invalid = (message: string) => xrpcError(400, 'InvalidRequest', `Invalid ${THREADGATE} record: ${message}`)
    if (record.$type !== undefined && record.$type !== THREADGATE)
      return xrpcError(400, 'InvalidRequest', `Invalid $type: expected ${THREADGATE}, got ${String(record.$type)}`)
    if (typeof record.post !== 'string') return invalid('Record must have the property "post"')
    if (typeof record.createdAt !== 'string') return invalid('Record must have the property "createdAt"')
    const hidden = record.hiddenReplies
    if (hidden !== undefined && !(Array.isArray(hidden) && hidden.every((h) => typeof h === 'string' && h.startsWith('at://'))))
      return invalid('Record/hiddenReplies must be an array of at-uris')
    if (Array.isArray(hidden) && hidden.length > 300) return invalid('Record/hiddenReplies must not have more than 300 elements')
    const root = world.posts.find((x) => x.uri === record.post && !x.deleted)
    if (!root || root.reply) return invalid(`${record.post} is not the root post of a thread`)
    if (root.authorDid !== me2.did || root.uri.split('/').pop() !== b.rkey)
      return invalid('a threadgate belongs in the repo of the post it gates, under the same record key')
    const uri = `at://${me2.did}/${THREADGATE}/${b.rkey}`
    const current = world.threadgates.get(uri)
    if (b.swapRecord !== undefined && (current ? b.swapRecord !== current.cid : b.swapRecord !== null))
      return xrpcError(400, 'InvalidSwap', `Record was at ${current?.cid ?? 'null'}`)
    const value = { ...record, $type: THREADGATE } as Threadgate['record']
    const cid = cidFor({ uri, value })
    world.threadgates.set(uri, { uri, cid, record: value })
    return {
      json: {
        uri,
        cid,
        commit: { cid: cidFor({ commit: uri, cid }), rev: tid(BigInt(now()) * 1000n) },
        validationStatus: 'valid',
      },
    }
  })
  xrpc('GET', 'com.atproto.repo.listRecords', (req) => {
    const repo = req.url.searchParams.get('repo') ?? ''
    const records = world.posts
      .filter((x) => x.authorDid === repo && !x.deleted)
      .sort((a, b) => b.sortKey - a.sortKey)
      .slice(0, Number(req.url.searchParams.get('limit') ?? '50'))
      .map((x) => ({ uri: x.uri, cid: x.cid, value: postValue(x) }))
    return { json: { records } }
  })
  router.on('GET', '/img/avatar/plain/:did/:file', () => ({ status: 200, text: '', contentType: 'image/jpeg' }))
  // The AppView's image CDN: /img/<preset>/plain/<did>/<cid>@jpeg (here: the uploaded bytes as they are).
  for (const preset of ['feed_thumbnail', 'feed_fullsize'])
    router.on('GET', `/img/${preset}/plain/:did/:file`, (req) => {
      const blob = world.blobs.get(blobKey(req.params.did ?? '', (req.params.file ?? '').replace(/@\w+$/, '')))
      return blob ? { status: 200, bytes: blob.bytes, contentType: blob.mimeType } : { status: 404, text: 'Not Found' }
    })
  router.on('POST', '/__fake/posts', (req) => {
    const text = typeof req.body.text === 'string' && req.body.text.trim() ? req.body.text : undefined
    if (!text) return { status: 422, json: { error: 'text is required' } }
    return {
      status: 201,
      json: world.addPost({
        text,
        author: String(req.body.author ?? 'bob.test'),
        replyTo: req.body.replyTo as string | undefined,
      }),
    }
  })

  const running = await startFakeServer(router, { port: opts.port })
  origin = running.url

  let timer: NodeJS.Timeout | undefined
  if (opts.autoPostEverySeconds && opts.autoPostEverySeconds > 0) {
    const lines = [
      'Shipping day! #release',
      '@alice.test is the beta open to everyone?',
      'Loving the new dashboard.',
      'Anyone at the meetup tonight? #community',
    ]
    let n = 0
    timer = setInterval(() => {
      world.addPost({ text: lines[n % lines.length]!, author: n % 2 ? 'carol.test' : 'bob.test' })
      n += 1
    }, opts.autoPostEverySeconds * 1000)
    timer.unref()
  }

  return {
    ...running,
    world,
    addPost: (input) => world.addPost(input),
    deletePost(uri) {
      const p = world.posts.find((x) => x.uri === uri)
      if (p) p.deleted = true
    },
    beforeNextPut(change) {
      beforePut = change
    },
    threadgate(rootUri) {
      const root = world.posts.find((p) => p.uri === rootUri)
      return root ? world.gateOf(root)?.record : undefined
    },
    faults,
    records: () => [
      ...[...likes].map(([uri, r]) => ({ uri, collection: 'app.bsky.feed.like' as const, ...r })),
      ...[...reposts].map(([uri, r]) => ({ uri, collection: 'app.bsky.feed.repost' as const, ...r })),
    ],
    expireAccessTokens() {
      for (const s of sessions) s.accessExpires = 0
    },
    sessions: () => ({ ...counts }),
    close: async () => {
      if (timer) clearInterval(timer)
      await running.close()
    },
  }
}
