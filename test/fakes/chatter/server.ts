// A loopback imitation of Salesforce Chatter (Connect REST API v62.0). It is both the login host
// (OAuth web server flow + PKCE, see oauth.ts) and the org's instance (instance_url = its URL).
// Every data answer carries Sforce-Limit-Info; over-the-limit answers are Chatter's own 503.
import { createFaults, FaultSchema, type Faults } from '../common/faults'
import {
  json,
  Router,
  startFakeServer,
  type FakeRequest,
  type FakeResponse,
  type RouteHandler,
  type RunningFake,
} from '../common/server'
import { createChatterStore, mention, segsFromText, type FakePost, type FakeUser } from './data'
import { installOAuth } from './oauth'
import { API, avatarSvg, commentPage, feedItemJson, groupJson, userDetail, type RenderContext } from './render'
import { installChatterWrites, type FakeChatterWrites } from './writes'

export interface FakeChatterOptions {
  port?: number
  /** The connected app's consumer key the fake accepts (client_id). */
  consumerKey?: string
  tokenLifetimeSeconds?: number
  autoPostEverySeconds?: number
  /** The org's API request allowance shown in Sforce-Limit-Info (Developer Edition: 15000 a day). */
  apiLimit?: number
}

export interface AddFeedElementInput {
  text?: string
  groupId?: string
  mentionMe?: boolean
  /** An element id: adds a comment to it instead of a new element. */
  commentOn?: string
  /** A user id, first name or username; default: the next colleague in turn. */
  author?: string
}

export type FakeChatter = RunningFake & {
  addFeedElement(input?: AddFeedElementInput): { id: string }
  faults: Faults
  expireAccessTokens(): void
  tokens(): { issued: string[]; revoked: string[] }
  me: { id: string; name: string }
  groups: { id: string; name: string }[]
  /** Everyone in the org but me (to mention). */
  colleagues: { id: string; name: string }[]
  /** Someone new in the org, found by people search. */
  addUser(firstName: string, lastName: string, title?: string): { id: string; name: string; username: string }
  /** The write API's log and the stall switch for crash tests. */
  writes: FakeChatterWrites
}

const sfError = (status: number, errorCode: string, message: string, headers: Record<string, string> = {}): FakeResponse =>
  json([{ errorCode, message }], status, headers)

const LINES = [
  'Customer asked about the API limits on the Starter plan, do we have a doc for that?',
  'Forum thread about slow exports is picking up, keeping an eye on it.',
  'New blog comment praising the support team, sharing internally.',
  'The status page shows all green again.',
  'Draft FAQ for the pricing change is ready: https://docs.acme.example/faq-pricing',
  'Two more sign-ups for the Berlin meetup #community',
  'A partner wants to co-host a webinar next month, who owns that?',
  'Release notes for 4.3 are in review.',
]

export async function startFakeChatter(opts: FakeChatterOptions = {}): Promise<FakeChatter> {
  const consumerKey = opts.consumerKey ?? 'crosstalk-demo-key'
  const apiLimit = opts.apiLimit ?? 15_000
  const store = createChatterStore()
  const faults = createFaults()
  const router = new Router()
  let base = ''
  const ctx: RenderContext = {
    store,
    get base() {
      return base
    },
  }
  const sessions = installOAuth(router, store, { consumerKey, tokenLifetimeSeconds: opts.tokenLifetimeSeconds, base: () => base })
  let used = 0

  // Every data resource goes through here: faults, org limit, session check, usage header.
  // Paths are Chatter resources (/feed-elements → …/chatter/feed-elements) or Connect ones (/connect/files/…).
  const data = (method: string, path: string, handler: RouteHandler) =>
    router.on(method, path.startsWith('/connect/') ? `${API}${path}` : `${API}/chatter${path}`, async (req) => {
      used += 1
      const usage = { 'sforce-limit-info': `api-usage=${used}/${apiLimit}` }
      const faulted = await faults.apply((retryAfter) =>
        sfError(503, 'REQUEST_LIMIT_EXCEEDED', 'You have reached the Connect API request limit for this hour. Try again later.', {
          ...(retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}),
        }),
      )
      if (faulted) return { ...faulted, headers: { ...faulted.headers, ...usage } }
      if (used > apiLimit) return sfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.', usage)
      if (!sessions.check(req.headers.authorization)) {
        return sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid', { ...usage, 'www-authenticate': 'Token' })
      }
      const res = await handler(req)
      return { ...res, headers: { ...res.headers, ...usage } }
    })

  // User Information: q searches people's names (not emails or titles), word by word; a word ending
  // in * is a prefix, otherwise it must match a whole name. At least two characters that are not
  // wildcards. Answered as a User Page of User Details, pageSize 1–250.
  data('GET', '/users', (req) => {
    const q = req.url.searchParams
    const size = intParam(q.get('pageSize'), 25, 1, 250)
    const page = intParam(q.get('page'), 0, 0, 10_000)
    if (size === null || page === null) return badParam('page or pageSize')
    const term = q.get('q')
    let found = [...store.users.values()].sort((a, b) => store.displayName(a).localeCompare(store.displayName(b)))
    if (term !== null) {
      if (term.replace(/[*?\s]/g, '').length < 2)
        return sfError(400, 'INVALID_SEARCH', 'Your search term must have 2 or more characters.')
      const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
      const words = fold(term).split(/\s+/).filter(Boolean)
      const matches = (w: string, name: string) => (w.endsWith('*') ? name.startsWith(w.replace(/\*+$/, '')) : name === w)
      found = found.filter((u) => {
        const names = [fold(u.firstName), fold(u.lastName)]
        return words.every((w) => names.some((n) => matches(w, n)))
      })
    }
    const start = page * size
    const more = start + size < found.length
    const url = (p: number) =>
      `${API}/chatter/users?${new URLSearchParams({ ...(term !== null ? { q: term } : {}), page: String(p), pageSize: String(size) })}`
    return json({
      currentPageToken: String(page),
      currentPageUrl: url(page),
      nextPageToken: more ? String(page + 1) : null,
      nextPageUrl: more ? url(page + 1) : null,
      previousPageToken: page > 0 ? String(page - 1) : null,
      previousPageUrl: page > 0 ? url(page - 1) : null,
      users: found.slice(start, start + size).map((u) => userDetail(ctx, u)),
    })
  })
  data('GET', '/users/me', () => json(userDetail(ctx, store.me)))
  data('GET', '/users/:id', (req) => {
    const u = store.users.get(req.params.id!)
    return u ? json(userDetail(ctx, u)) : notFound()
  })
  data('GET', '/users/me/groups', (req) => {
    const q = req.url.searchParams
    const size = intParam(q.get('pageSize'), 25, 1, 250)
    const page = intParam(q.get('page'), 0, 0, 10_000)
    if (size === null || page === null) return badParam('page or pageSize')
    const start = page * size
    const url = (p: number) => `${API}/chatter/users/me/groups?page=${p}&pageSize=${size}`
    return json({
      currentPageUrl: url(page),
      groups: store.groups.slice(start, start + size).map((g) => groupJson(ctx, g)),
      nextPageUrl: start + size < store.groups.length ? url(page + 1) : null,
      previousPageUrl: page > 0 ? url(page - 1) : null,
      total: store.groups.length,
    })
  })

  const isMe = (id: string) => id === 'me' || id === store.me.id
  const mentionsMe = (p: FakePost) =>
    p.segs.some((s) => s.t === 'mention' && s.userId === store.me.id) ||
    p.comments.some((c) => c.segs.some((s) => s.t === 'mention' && s.userId === store.me.id))
  data('GET', '/feeds/news/:user/feed-elements', (req) =>
    isMe(req.params.user!) ? feedPage(req, `/feeds/news/me/feed-elements`, store.posts) : notFound(),
  )
  data('GET', '/feeds/to/:user/feed-elements', (req) =>
    isMe(req.params.user!)
      ? feedPage(
          req,
          `/feeds/to/me/feed-elements`,
          store.posts.filter((p) => p.authorId !== store.me.id && (p.parentId === store.me.id || mentionsMe(p))),
        )
      : notFound(),
  )
  data('GET', '/feeds/record/:id/feed-elements', (req) => {
    const id = req.params.id!
    if (!store.groups.some((g) => g.id === id) && !store.users.has(id)) return notFound()
    return feedPage(
      req,
      `/feeds/record/${id}/feed-elements`,
      store.posts.filter((p) => p.parentId === id),
    )
  })
  // User profile feed: what the user created, what is posted to them, and what mentions them.
  data('GET', '/feeds/user-profile/:user/feed-elements', (req) => {
    const id = isMe(req.params.user!) ? store.me.id : req.params.user!
    if (!store.users.has(id)) return notFound()
    const mentions = (p: FakePost) => p.segs.some((s) => s.t === 'mention' && s.userId === id)
    return feedPage(
      req,
      `/feeds/user-profile/${req.params.user!}/feed-elements`,
      store.posts.filter((p) => p.authorId === id || p.parentId === id || mentions(p)),
    )
  })
  const writes = installChatterWrites({ router, data, ctx })
  data('GET', '/feed-elements/:id', (req) => {
    const post = store.findPost(req.params.id!)
    return post ? json(feedItemJson(ctx, post)) : notFound()
  })
  data('GET', '/feed-elements/:id/capabilities/comments/items', (req) => {
    const post = store.findPost(req.params.id!)
    if (!post) return notFound()
    const q = req.url.searchParams
    const size = intParam(q.get('pageSize'), 3, 1, 100)
    const start = intParam(q.get('page'), 0, 0, 1_000_000)
    if (size === null || start === null) return badParam('page or pageSize')
    return json(commentPage(ctx, post, start, size))
  })

  /** A Feed Element Page with keyset page tokens and an updatedSince token for polling. */
  function feedPage(req: FakeRequest, path: string, posts: FakePost[]): FakeResponse {
    const q = req.url.searchParams
    const size = intParam(q.get('pageSize'), 25, 1, 100)
    if (size === null) return badParam('pageSize')
    const sort = q.get('sort') ?? 'LastModifiedDateDesc'
    if (sort !== 'LastModifiedDateDesc' && sort !== 'CreatedDateDesc') return badParam('sort')
    const key = (p: FakePost) => (sort === 'CreatedDateDesc' ? p.createdAt : p.modifiedAt)
    const since = q.get('updatedSince')
    let selected = [...posts].sort((a, b) => key(b) - key(a) || (a.id < b.id ? 1 : -1))
    if (since !== null) {
      const m = /^2:(\d+)$/.exec(since)
      if (!m) return badParam('updatedSince')
      selected = selected.filter((p) => p.seq > Number(m[1]))
    }
    const page = q.get('page')
    if (page !== null) {
      const m = /^(\d{4}-\d\d-\d\dT[\d:.]+Z),([A-Za-z0-9]{18})$/.exec(page)
      if (!m) return badParam('page')
      const after = { k: Date.parse(m[1]!), id: m[2]! }
      selected = selected.filter((p) => key(p) < after.k || (key(p) === after.k && p.id < after.id))
    }
    const elements = selected.slice(0, size)
    const last = elements[elements.length - 1]
    const more = selected.length > size && last
    const url = (extra: Record<string, string>) => {
      const params = new URLSearchParams({ ...extra, pageSize: String(size), sort })
      return `${API}/chatter${path}?${params.toString()}`
    }
    const nextToken = more ? `${new Date(key(last)).toISOString()},${last.id}` : null
    const updatesToken = `2:${store.seq()}`
    return json({
      currentPageToken: page,
      currentPageUrl: `${req.url.pathname}${req.url.search}`,
      elements: elements.map((p) => feedItemJson(ctx, p)),
      isModifiedToken: null,
      isModifiedUrl: null,
      nextPageToken: nextToken,
      nextPageUrl: nextToken ? url({ ...(since !== null ? { updatedSince: since } : {}), page: nextToken }) : null,
      updatesToken,
      updatesUrl: url({ updatedSince: updatesToken }),
    })
  }

  // Profile photos (the real ones live on the instance too).
  router.on('GET', '/profilephoto/:id/:size', (req) => {
    const u = store.users.get(req.params.id!)
    const g = store.groups.find((x) => x.id === req.params.id)
    const label = u ? store.displayName(u) : g?.name
    if (!label) return { status: 404, text: 'Not found' }
    return { status: 200, text: avatarSvg(label), contentType: 'image/svg+xml', headers: { 'cache-control': 'max-age=3600' } }
  })

  // Control endpoints for tests and demos.
  router.on('POST', '/__fake/posts', (req) => {
    try {
      return json(addFeedElement(req.body as AddFeedElementInput), 201)
    } catch (error) {
      return json({ error: (error as Error).message }, 400)
    }
  })
  router.on('POST', '/__fake/faults', (req) => {
    const parsed = FaultSchema.safeParse(req.body)
    if (!parsed.success) return json({ error: parsed.error.issues.map((i) => i.message).join('; ') }, 400)
    faults.set(parsed.data)
    return json({ ok: true })
  })
  router.on('DELETE', '/__fake/faults', () => {
    faults.set(null)
    return json({ ok: true })
  })
  router.on('POST', '/__fake/expire-tokens', () => {
    sessions.expireAll()
    return json({ ok: true })
  })

  const colleagues = [...store.users.values()].filter((u) => u.id !== store.me.id)
  let turn = 0
  function findAuthor(who: string | undefined): FakeUser {
    if (!who) return colleagues[turn++ % colleagues.length]!
    const w = who.toLowerCase()
    const u = [...store.users.values()].find((x) => x.id === who || x.firstName.toLowerCase() === w || x.username === w)
    if (!u) throw new Error(`Unknown author "${who}": use a user id, a first name or a username.`)
    return u
  }

  function addFeedElement(input: AddFeedElementInput = {}): { id: string } {
    if (typeof input !== 'object' || input === null) throw new Error('Expected a JSON object.')
    const author = findAuthor(input.author)
    const body = input.text ?? LINES[turn % LINES.length]!
    const segs = [...(input.mentionMe ? [mention(store.me.id), { t: 'text' as const, text: ' ' }] : []), ...segsFromText(body)]
    if (input.commentOn) {
      const post = store.findPost(input.commentOn)
      if (!post) throw new Error(`No feed element ${input.commentOn}.`)
      return { id: store.addComment(post, { authorId: author.id, segs }).id }
    }
    if (input.groupId && !store.groups.some((g) => g.id === input.groupId)) throw new Error(`No group ${input.groupId}.`)
    return { id: store.addPost({ authorId: author.id, parentId: input.groupId ?? author.id, segs }).id }
  }

  const running = await startFakeServer(router, { port: opts.port })
  base = running.url

  let timer: ReturnType<typeof setInterval> | undefined
  if (opts.autoPostEverySeconds && opts.autoPostEverySeconds > 0) {
    let n = 0
    timer = setInterval(() => {
      n += 1
      const latest = store.posts[store.posts.length - 1]
      if (n % 5 === 0 && latest) addFeedElement({ commentOn: latest.id })
      else
        addFeedElement({ mentionMe: n % 3 === 0, groupId: n % 4 === 0 ? store.groups[n % store.groups.length]!.id : undefined })
    }, opts.autoPostEverySeconds * 1000)
    timer.unref?.()
  }

  return {
    ...running,
    async close() {
      if (timer) clearInterval(timer)
      await running.close()
    },
    addFeedElement,
    faults,
    expireAccessTokens: () => sessions.expireAll(),
    tokens: () => sessions.tokens(),
    me: { id: store.me.id, name: store.displayName(store.me) },
    groups: store.groups.map((g) => ({ id: g.id, name: g.name })),
    colleagues: [...store.users.values()]
      .filter((u) => u.id !== store.me.id)
      .map((u) => ({ id: u.id, name: store.displayName(u) })),
    addUser(firstName, lastName, title) {
      const u = store.addUser(firstName, lastName, title)
      return { id: u.id, name: store.displayName(u), username: u.username }
    },
    writes,
  }

  function notFound(): FakeResponse {
    return sfError(404, 'NOT_FOUND', 'The requested resource does not exist')
  }
}

function badParam(name: string): FakeResponse {
  return json([{ errorCode: 'INVALID_API_INPUT', message: `Invalid value for ${name}.` }], 400)
}

/** Integer query parameter within bounds; null when present but invalid. */
function intParam(v: string | null, fallback: number, min: number, max: number): number | null {
  if (v === null) return fallback
  if (!/^\d+$/.test(v)) return null
  const n = Number(v)
  return n >= min && n <= max ? n : null
}
