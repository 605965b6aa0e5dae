// A loopback Mastodon instance: app registration and OAuth (oauth.ts), the read API our adapter
// uses, Mastodon's paging and rate-limit headers, switchable faults, and control endpoints
// (/__fake/...) for tests and people.
import { z } from 'zod'
import { createFaults, FaultSchema, type Faults } from '../common/faults'
import { json, Router, startFakeServer, type FakeRequest, type FakeResponse, type RunningFake } from '../common/server'
import {
  createRenderer,
  createWorld,
  UnknownAuthorError,
  type AccountJson,
  type AccountRecord,
  type AddStatusInput,
  type StatusJson,
  type StatusRecord,
} from './data'
import { createOAuth, type TokenRecord } from './oauth'
import { linkHeader, paginate, readPageQuery } from './paging'
import { installWrites, type FakeMastodonWrites } from './writes'

export type Status = StatusJson
export type Account = AccountJson

export interface FakeMastodonOptions {
  port?: number
  /** Requests per window per token (or for anonymous callers); default 300 per 300 s, like mastodon.social. */
  rateLimit?: { limit: number; windowSeconds: number }
  /** Post a varied new status every N seconds (0/undefined: never). */
  autoPostEverySeconds?: number
  now?: () => number
}

export type FakeMastodon = RunningFake & {
  addStatus(input?: AddStatusInput): Status
  faults: Faults
  tokens(): { issued: string[]; revoked: string[] }
  me: Account
  /** Another person on the server (with a domain: known from another server), found by people search. */
  addAccount(input: { username: string; displayName: string; domain?: string; followers?: number }): Account
  /** The write API's log, reports, and the stall switch for crash tests. */
  writes: FakeMastodonWrites
}

const AddStatusSchema = z
  .object({
    text: z.string().min(1).max(5000).optional(),
    tag: z
      .string()
      .regex(/^#?[\p{L}\p{N}_]+$/u, 'a hashtag is letters, digits and _')
      .optional(),
    mentionMe: z.boolean().optional(),
    inReplyToId: z.string().regex(/^\d+$/, 'a status id').optional(),
    author: z.string().min(1).optional(),
  })
  .strict()

const INVALID_TOKEN: FakeResponse = {
  status: 401,
  headers: {
    'www-authenticate': 'Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid"',
  },
  json: { error: 'The access token is invalid' },
}

export async function startFakeMastodon(opts: FakeMastodonOptions = {}): Promise<FakeMastodon> {
  const now = opts.now ?? Date.now
  const limit = opts.rateLimit ?? { limit: 300, windowSeconds: 300 }
  const world = createWorld(now)
  const oauth = createOAuth(now)
  const faults = createFaults()
  const router = new Router()
  let origin = 'http://127.0.0.1'
  const render = () => createRenderer(world, origin)

  // Fixed windows aligned to the period, one bucket per token (anonymous callers share one), as rack-attack counts.
  const buckets = new Map<string, { window: number; count: number }>()
  function rateLimitHeaders(req: FakeRequest): { headers: Record<string, string>; over: boolean } {
    const windowMs = limit.windowSeconds * 1000
    const window = Math.floor(now() / windowMs)
    const key = oauth.bearer(req)?.token ?? 'anonymous'
    const b = buckets.get(key)
    const bucket = b && b.window === window ? b : { window, count: 0 }
    bucket.count += 1
    buckets.set(key, bucket)
    return {
      over: bucket.count > limit.limit,
      headers: {
        'x-ratelimit-limit': String(limit.limit),
        'x-ratelimit-remaining': String(Math.max(0, limit.limit - bucket.count)),
        'x-ratelimit-reset': new Date((window + 1) * windowMs).toISOString(),
      },
    }
  }

  /** Every /api route: rate limit first, then any fault, then the handler; all answers carry X-RateLimit-*. */
  function api(method: string, path: string, handler: (req: FakeRequest) => FakeResponse | Promise<FakeResponse>) {
    router.on(method, path, async (req) => {
      const rl = rateLimitHeaders(req)
      const tooMany = (retryAfter?: number): FakeResponse => ({
        status: 429,
        headers: {
          ...rl.headers,
          'x-ratelimit-remaining': '0',
          ...(retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}),
        },
        json: { error: 'Too many requests' },
      })
      if (rl.over) return tooMany()
      const res = (await faults.apply(tooMany)) ?? (await handler(req))
      return { ...res, headers: { ...rl.headers, ...res.headers } }
    })
  }

  type Need = { scopes: string[]; user?: boolean }
  /** doorkeeper_authorize! + require_user!: 401 without a live token, 403 outside its scopes, 422 for app-only tokens. */
  function authorize(req: FakeRequest, need: Need): TokenRecord | FakeResponse {
    const token = oauth.bearer(req)
    if (!token) return INVALID_TOKEN
    if (!token.scopes.some((s) => need.scopes.includes(s)))
      return json({ error: 'This action is outside the authorized scopes' }, 403)
    if (need.user !== false && !token.user) return json({ error: 'This method requires an authenticated user' }, 422)
    return token
  }
  const isResponse = (x: TokenRecord | FakeResponse): x is FakeResponse => !('token' in x)

  /** A status list answer with Mastodon's Link header; `keep` are the request's permitted params. */
  function statusPage(req: FakeRequest, records: StatusRecord[], keep: string[]): FakeResponse {
    const q = readPageQuery(req.url.searchParams, 20)
    if ('error' in q) return json({ error: q.error }, 400)
    const page = paginate(records, (s) => s.id, q)
    const r = render()
    const headers: Record<string, string> = {}
    if (page.length > 0)
      headers.link = linkHeader(
        `${origin}${req.url.pathname}`,
        keepParams(req.url.searchParams, keep),
        page[0]!.id,
        page[page.length - 1]!.id,
      )
    return { status: 200, headers, json: page.map((s) => r.status(s)) }
  }
  const keepParams = (params: URLSearchParams, keep: string[]) => {
    const out = new URLSearchParams()
    for (const [k, v] of params) if (keep.includes(k)) out.append(k, v)
    return out
  }

  const allStatuses = () => [...world.statuses.values()]
  const isLocal = (s: StatusRecord) => !world.account(s.accountId)!.domain
  const truthy = (v: string | null) => v === 'true' || v === '1'

  oauth.register(router, api)
  const writes = installWrites({ router, api, authorize, world, render, origin: () => origin, now })

  api('GET', '/api/v1/accounts/verify_credentials', (req) => {
    const token = authorize(req, { scopes: ['read', 'read:accounts', 'profile'] })
    if (isResponse(token)) return token
    const me = render().account(world.me)
    return json({
      ...me,
      source: {
        privacy: 'public',
        sensitive: false,
        language: 'en',
        note: world.me.note,
        fields: [],
        follow_requests_count: 0,
        hide_collections: false,
        discoverable: true,
        indexable: true,
      },
      role: { id: '-99', name: '', permissions: '0', color: '', highlighted: false },
    })
  })

  api('GET', '/api/v1/timelines/home', (req) => {
    const token = authorize(req, { scopes: ['read', 'read:statuses'] })
    if (isResponse(token)) return token
    const local = truthy(req.url.searchParams.get('local'))
    return statusPage(
      req,
      allStatuses().filter((s) => s.visibility !== 'direct' && (!local || isLocal(s))),
      ['local', 'limit'],
    )
  })

  // Public and hashtag timelines: no token needed (the default for servers that allow public preview). No boosts.
  api('GET', '/api/v1/timelines/public', (req) => {
    const p = req.url.searchParams
    return statusPage(
      req,
      allStatuses().filter(
        (s) =>
          !s.reblogOfId &&
          s.visibility === 'public' &&
          (!truthy(p.get('local')) || isLocal(s)) &&
          (!truthy(p.get('remote')) || !isLocal(s)) &&
          (!truthy(p.get('only_media')) || s.media.length > 0),
      ),
      ['local', 'remote', 'only_media', 'limit'],
    )
  })

  // GET /api/v2/instance: public, no token (Mastodon 4.0+ shape, trimmed to the common fields).
  api('GET', '/api/v2/instance', () =>
    json({
      domain: new URL(origin).host,
      title: 'Fake Mastodon',
      version: '4.3.0',
      source_url: 'https://github.com/mastodon/mastodon',
      description: 'A loopback Mastodon server for Crosstalk tests and demos.',
      usage: { users: { active_month: world.accounts.length } },
      thumbnail: { url: `${origin}/system/media/thumbnail.png`, blurhash: null, versions: {} },
      languages: ['en'],
      configuration: {
        urls: { streaming: origin.replace(/^http/, 'ws') },
        accounts: { max_featured_tags: 10 },
        statuses: { max_characters: 500, max_media_attachments: 4, characters_reserved_per_url: 23 },
        media_attachments: {
          supported_mime_types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
          image_size_limit: 16777216,
        },
        polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2629746 },
        translation: { enabled: false },
      },
      registrations: { enabled: false, approval_required: false, message: null },
      contact: { email: 'admin@example.com', account: null },
      rules: [],
    }),
  )

  api('GET', '/api/v1/timelines/tag/:hashtag', (req) => {
    const tag = req.params.hashtag!.replace(/^#/, '').toLowerCase()
    const p = req.url.searchParams
    return statusPage(
      req,
      allStatuses().filter(
        (s) =>
          !s.reblogOfId &&
          s.visibility === 'public' &&
          s.tags.some((t) => t.toLowerCase() === tag) &&
          (!truthy(p.get('local')) || isLocal(s)) &&
          (!truthy(p.get('only_media')) || s.media.length > 0),
      ),
      ['local', 'remote', 'only_media', 'limit', 'any[]', 'all[]', 'none[]'],
    )
  })

  api('GET', '/api/v1/notifications', (req) => {
    const token = authorize(req, { scopes: ['read', 'read:notifications'] })
    if (isResponse(token)) return token
    const p = req.url.searchParams
    const types = [...p.getAll('types[]'), ...p.getAll('types')]
    const exclude = [...p.getAll('exclude_types[]'), ...p.getAll('exclude_types')]
    const accountId = p.get('account_id')
    const q = readPageQuery(p, 40)
    if ('error' in q) return json({ error: q.error }, 400)
    const matching = world.notifications.filter(
      (n) =>
        (types.length === 0 || types.includes(n.type)) && !exclude.includes(n.type) && (!accountId || n.accountId === accountId),
    )
    const page = paginate(matching, (n) => n.id, q)
    const r = render()
    const headers: Record<string, string> = {}
    if (page.length > 0)
      headers.link = linkHeader(
        `${origin}/api/v1/notifications`,
        keepParams(p, ['types[]', 'types', 'exclude_types[]', 'exclude_types', 'account_id', 'limit']),
        page[0]!.id,
        page[page.length - 1]!.id,
      )
    return { status: 200, headers, json: page.map((n) => r.notification(n)) }
  })

  // AccountSearchService (database backend) for a signed-in user: a leading @ is dropped; an exact
  // user@domain comes first, then accounts whose username, acct or a word of the display name starts
  // with q, the most followed first. resolve would try WebFinger; here nobody new is ever found.
  api('GET', '/api/v1/accounts/search', (req) => {
    const token = authorize(req, { scopes: ['read', 'read:accounts'] })
    if (isResponse(token)) return token
    const p = req.url.searchParams
    const page = readPageQuery(p, 40)
    if ('error' in page) return json({ error: page.error }, 400)
    const q = (p.get('q') ?? '').trim().replace(/^@/, '').toLowerCase()
    if (q === '' || page.limit < 1) return json([])
    const acct = (a: AccountRecord) => (a.domain ? `${a.username}@${a.domain}` : a.username).toLowerCase()
    const exact = q.includes('@') ? world.accounts.find((a) => acct(a) === q) : undefined
    const words = (a: AccountRecord) => [
      a.username.toLowerCase(),
      acct(a),
      ...a.displayName.toLowerCase().split(/[^\p{L}\p{N}_]+/u),
    ]
    const found = world.accounts
      .filter((a) => a !== exact && words(a).some((w) => w.startsWith(q)))
      .sort((a, b) => b.followers - a.followers)
    const r = render()
    return json([...(exact ? [exact] : []), ...found].slice(0, page.limit).map((a) => r.account(a)))
  })

  const visibleStatus = (id: string) => {
    const s = world.statuses.get(id)
    return s && s.visibility !== 'direct' ? s : undefined
  }

  api('GET', '/api/v1/statuses/:id', (req) => {
    const s = visibleStatus(req.params.id!)
    return s ? json(render().status(s)) : json({ error: 'Record not found' }, 404)
  })

  api('GET', '/api/v1/statuses/:id/context', (req) => {
    const s = visibleStatus(req.params.id!)
    if (!s) return json({ error: 'Record not found' }, 404)
    const ancestors: StatusRecord[] = []
    for (
      let p = s.inReplyToId ? world.statuses.get(s.inReplyToId) : undefined;
      p;
      p = p.inReplyToId ? world.statuses.get(p.inReplyToId) : undefined
    )
      ancestors.unshift(p)
    // Depth-first, oldest reply first at each level: the reading order Mastodon gives descendants.
    const descendants: StatusRecord[] = []
    const walk = (parentId: string) => {
      const replies = allStatuses()
        .filter((x) => x.inReplyToId === parentId && !x.reblogOfId)
        .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
      for (const child of replies) {
        descendants.push(child)
        walk(child.id)
      }
    }
    walk(s.id)
    const r = render()
    return json({ ancestors: ancestors.map((x) => r.status(x)), descendants: descendants.map((x) => r.status(x)) })
  })

  // Placeholder pictures for avatars and media previews, so pages that show them stay on loopback.
  router.on('GET', '/system/avatars/:file', (req) => {
    const name = req.params.file!.replace(/\.svg$/, '')
    const a = world.byUsername(name)
    return a ? svg(a.displayName.slice(0, 1).toUpperCase(), a.color) : json({ error: 'Record not found' }, 404)
  })
  router.on('GET', '/system/media/:file', (req) => {
    const uploaded = world.uploads.get(req.params.file!.split('-')[0]!)?.upload
    if (uploaded) return { bytes: uploaded.bytes, contentType: uploaded.mimeType }
    return req.params.file!.endsWith('.svg') ? svg('▣', '#8c8dff') : json({ error: 'Record not found' }, 404)
  })

  // Control endpoints.
  router.on('POST', '/__fake/posts', (req) => {
    const parsed = AddStatusSchema.safeParse(req.body)
    if (!parsed.success)
      return json({ error: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') }, 422)
    try {
      return json(addStatus(parsed.data))
    } catch (error) {
      if (error instanceof UnknownAuthorError || error instanceof RangeError) return json({ error: error.message }, 422)
      throw error
    }
  })
  router.on('POST', '/__fake/faults', (req) => {
    const parsed = FaultSchema.safeParse(req.body)
    if (!parsed.success)
      return json({ error: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') }, 422)
    faults.set(parsed.data)
    return json({ ok: true, fault: parsed.data })
  })
  router.on('DELETE', '/__fake/faults', () => {
    faults.set(null)
    return json({ ok: true })
  })

  function addStatus(input?: AddStatusInput): Status {
    return render().status(world.addStatus(input))
  }

  let nextAccountId = 120_000
  const addAccount: FakeMastodon['addAccount'] = ({ followers = 0, ...input }) =>
    render().account(world.addAccount({ id: String(nextAccountId++), note: '', daysOld: 30, followers, following: 0, ...input }))

  const running = await startFakeServer(router, { port: opts.port })
  origin = running.url

  let timer: ReturnType<typeof setInterval> | undefined
  if (opts.autoPostEverySeconds && opts.autoPostEverySeconds > 0) {
    let n = 0
    timer = setInterval(() => {
      n += 1
      // Vary what arrives: plain posts, hashtag posts, mentions of the user, replies to recent posts.
      const recent = allStatuses()
        .filter((s) => !s.reblogOfId)
        .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))[n % 5]
      const variants: AddStatusInput[] = [
        {},
        { tag: 'community' },
        { mentionMe: true },
        recent ? { inReplyToId: recent.id } : {},
        { tag: 'opensource' },
      ]
      world.addStatus(variants[n % variants.length])
    }, opts.autoPostEverySeconds * 1000)
    timer.unref()
  }

  return {
    ...running,
    async close() {
      if (timer) clearInterval(timer)
      await running.close()
    },
    addStatus,
    faults,
    tokens: oauth.tokens,
    me: render().account(world.me),
    addAccount,
    writes,
  }
}

function svg(letter: string, color: string): FakeResponse {
  return {
    status: 200,
    contentType: 'image/svg+xml',
    text: `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120"><rect width="120" height="120" rx="16" fill="${color}"/><text x="60" y="78" font-family="sans-serif" font-size="56" fill="#fff" text-anchor="middle">${letter.replace(/[<>&"]/g, '')}</text></svg>`,
  }
}
