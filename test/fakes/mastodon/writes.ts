// The fake instance's write API, as Mastodon 4.x answers it: post a status (with Idempotency-Key
// honoured for an hour, per account, like PostStatusService), favourite / unfavourite, reblog /
// unreblog, delete, report, and an account's statuses (what a client reads to see its own posts).
// For the outbox's crash tests it can "stall": commit a write, then never answer it.
import type { FakeRequest, FakeResponse, Router } from '../common/server'
import { json } from '../common/server'
import type { createRenderer, StatusRecord, World } from './data'
import type { TokenRecord } from './oauth'
import { linkHeader, paginate, readPageQuery } from './paging'

type Handler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>

export interface WriteDeps {
  router: Router
  /** The server's /api route wrapper: rate limit, faults, X-RateLimit-* headers. */
  api(method: string, path: string, handler: Handler): void
  authorize(req: FakeRequest, need: { scopes: string[]; user?: boolean }): TokenRecord | FakeResponse
  world: World
  render(): ReturnType<typeof createRenderer>
  origin(): string
  now(): number
  /** Status length limit (configuration.statuses.max_characters). Default 500. */
  maxCharacters?: number
  /** How long an Idempotency-Key is remembered. Mastodon: 3600 s. */
  idempotencyTtlMs?: number
}

export interface WriteLogEntry {
  method: string
  path: string
  status: number
  idempotencyKey?: string
}

export interface ReportRecord {
  id: string
  accountId: string
  statusIds: string[]
  comment: string
  forward: boolean
  category: string
  createdAt: number
}

export interface FakeMastodonWrites {
  /** Every write request, in order (stalled ones with status 0). */
  log: WriteLogEntry[]
  reports: ReportRecord[]
  /**
   * The next `count` writes are never answered (the connection hangs): carried out first
   * ('after-commit', the lost answer) or not at all ('before-commit', the server never got to it).
   */
  stall(count?: number, when?: 'after-commit' | 'before-commit'): void
  /** Statuses the signed-in user posted (not boosts), oldest first. */
  ownStatuses(): StatusRecord[]
}

const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const
/** What the fake's instance announces (configuration.media_attachments). */
const SUPPORTED_IMAGES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp']
const SUPPORTED_LATER = ['video/mp4', 'video/webm', 'video/quicktime', 'audio/mpeg', 'audio/ogg', 'audio/wav']
const IMAGE_SIZE_LIMIT = 16_777_216
const VIDEO_SIZE_LIMIT = 103_809_024
/** How many polls a video or audio file stays "processing" in the fake. */
const PROCESSING_POLLS = 2
const CATEGORIES = ['spam', 'legal', 'violation', 'other']
const URL_PATTERN = /https?:\/\/[^\s<]+[^\s<.,:;"')\]!?]/g

/** Mastodon's StatusLengthValidator: every URL counts 23, a mention counts only its username. */
export function countCharacters(text: string): number {
  const shortened = text
    .replace(URL_PATTERN, 'x'.repeat(23))
    .replace(/(?<![\w/@])@([A-Za-z0-9_]+)@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '@$1')
  return [...shortened].length
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)])
const flag = (v: unknown) => v === true || v === 'true' || v === '1'

export function installWrites(deps: WriteDeps): FakeMastodonWrites {
  const { world, api, authorize } = deps
  const maxCharacters = deps.maxCharacters ?? 500
  const ttl = deps.idempotencyTtlMs ?? 3_600_000
  /** `${accountId}:${key}` → status id and when it expires (Redis idempotency:status:…, EX 3600). */
  const idempotency = new Map<string, { statusId: string; expiresAt: number }>()
  const log: WriteLogEntry[] = []
  const reports: ReportRecord[] = []
  let stalls = 0
  let stallWhen: 'after-commit' | 'before-commit' = 'after-commit'
  let nextReportId = 4100

  const isResponse = (x: TokenRecord | FakeResponse): x is FakeResponse => !('token' in x)
  const notFound = () => json({ error: 'Record not found' }, 404)
  const visible = (id: string) => {
    const s = world.statuses.get(id)
    return s && (s.visibility !== 'direct' || s.accountId === world.me.id) ? s : undefined
  }
  /** Favourites and reblogs act on the boosted status when given a boost (Favourite#before_validation, ReblogService). */
  const original = (s: StatusRecord) => (s.reblogOfId ? (world.statuses.get(s.reblogOfId) ?? s) : s)

  /** A write route: scope check, then the change, logged; a stalled write is made and never answered. */
  function write(method: string, path: string, scopes: string[], handler: (req: FakeRequest) => FakeResponse) {
    api(method, path, (req) => {
      const token = authorize(req, { scopes: ['write', ...scopes] })
      const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined
      const entry: WriteLogEntry = { method, path: req.url.pathname, status: 0, ...(key ? { idempotencyKey: key } : {}) }
      log.push(entry)
      if (stalls > 0 && stallWhen === 'before-commit') {
        stalls -= 1
        return new Promise<FakeResponse>(() => {})
      }
      const res = isResponse(token) ? token : handler(req)
      if (stalls > 0 && (res.status ?? 200) < 400) {
        stalls -= 1
        return new Promise<FakeResponse>(() => {})
      }
      entry.status = res.status ?? 200
      return res
    })
  }

  // MediaController#create (v2): the file and its description; images are processed at once (200),
  // video and audio later (202 with url null, then GET /api/v1/media/:id: 206 until done, then 200).
  write('POST', '/api/v2/media', ['write:media'], (req) => {
    const file = req.files.file
    if (!file) return json({ error: "Validation failed: File can't be blank" }, 422)
    const image = SUPPORTED_IMAGES.includes(file.contentType)
    if (!image && !SUPPORTED_LATER.includes(file.contentType)) {
      return json({ error: 'Validation failed: File content type is invalid, File is invalid' }, 422)
    }
    if (image && file.bytes.length > IMAGE_SIZE_LIMIT)
      return json({ error: 'Validation failed: File file size must be less than 16 MB' }, 422)
    if (!image && file.bytes.length > VIDEO_SIZE_LIMIT)
      return json({ error: 'Validation failed: File file size must be less than 99 MB' }, 422)
    const description = typeof req.body.description === 'string' ? req.body.description : undefined
    if (description && description.length > 1500) {
      return json({ error: 'Validation failed: Description is too long (maximum is 1500 characters)' }, 422)
    }
    const rec = {
      id: world.newMediaId(),
      type: image ? ('image' as const) : file.contentType.startsWith('video/') ? ('video' as const) : ('audio' as const),
      ...(description ? { description } : {}),
      width: image ? 640 : 0,
      height: image ? 480 : 0,
      upload: { mimeType: file.contentType, bytes: file.bytes, filename: file.filename },
      ...(image ? {} : { processing: PROCESSING_POLLS }),
    }
    world.uploads.set(rec.id, rec)
    return image ? json(deps.render().media(rec)) : json({ ...deps.render().media(rec), url: null }, 202)
  })

  // MediaController#show: 206 while processing, 200 once it is ready.
  api('GET', '/api/v1/media/:id', (req) => {
    const token = authorize(req, { scopes: ['write', 'write:media'] })
    if (isResponse(token)) return token
    const rec = world.uploads.get(req.params.id!)
    if (!rec) return notFound()
    if (rec.processing && rec.processing > 0) {
      rec.processing -= 1
      return json({ ...deps.render().media(rec), url: null }, 206)
    }
    delete rec.processing
    return json(deps.render().media(rec))
  })

  write('POST', '/api/v1/statuses', ['write:statuses'], (req) => {
    const now = deps.now()
    const key = req.headers['idempotency-key']
    const idemKey = typeof key === 'string' && key !== '' ? `${world.me.id}:${key}` : undefined
    if (idemKey) {
      const seen = idempotency.get(idemKey)
      if (seen && seen.expiresAt > now) {
        const s = world.statuses.get(seen.statusId)
        if (s) return json(deps.render().status(s))
      }
    }
    const b = req.body
    const text = typeof b.status === 'string' ? b.status : ''
    const media = list(b.media_ids)
    if (text.trim() === '' && media.length === 0) return json({ error: "Validation failed: Text can't be blank" }, 422)
    if (media.length > 4) return json({ error: 'Validation failed: Cannot attach more than 4 files' }, 422)
    const attached = [...world.statuses.values()].flatMap((s) => s.media.map((m) => m.id))
    // PostStatusService#validate_media!: only the poster's own, not yet attached uploads.
    const uploads = media.map((id) => world.uploads.get(id))
    if (uploads.some((u, i) => !u || attached.includes(media[i]!))) {
      return json({ error: 'Validation failed: Media attachments are invalid' }, 422)
    }
    if (uploads.some((u) => u?.processing)) {
      return json({ error: 'Cannot attach files that have not finished processing. Try again in a moment!' }, 422)
    }
    const kinds = uploads.map((u) => (u?.type === 'image' ? 'image' : 'av'))
    if (kinds.includes('av') && kinds.length > 1) {
      return json({ error: 'Validation failed: Cannot attach a video to a post that already contains images' }, 422)
    }
    if (countCharacters(text) > maxCharacters) {
      return json({ error: `Validation failed: Text character limit of ${maxCharacters} exceeded` }, 422)
    }
    const visibility = b.visibility === undefined || b.visibility === '' ? 'public' : String(b.visibility)
    if (!(VISIBILITIES as readonly string[]).includes(visibility)) {
      return json({ error: `Validation failed: Visibility '${visibility}' is not a valid visibility` }, 422)
    }
    let inReplyToId: string | undefined
    if (b.in_reply_to_id !== undefined && b.in_reply_to_id !== null && b.in_reply_to_id !== '') {
      const parent = visible(String(b.in_reply_to_id))
      if (!parent) return notFound()
      // Status#set_conversation: a reply to a boost answers the boosted status.
      inReplyToId = original(parent).id
    }
    const rec = world.createStatus({
      accountId: world.me.id,
      text,
      at: now,
      visibility: visibility as StatusRecord['visibility'],
      spoilerText: typeof b.spoiler_text === 'string' ? b.spoiler_text : '',
      inReplyToId,
      media: uploads.filter((u) => u !== undefined),
    })
    if (idemKey) idempotency.set(idemKey, { statusId: rec.id, expiresAt: now + ttl })
    return json(deps.render().status(rec))
  })

  write('POST', '/api/v1/statuses/:id/favourite', ['write:favourites'], (req) => {
    const s = visible(req.params.id!)
    if (!s) return notFound()
    const target = original(s)
    if (!target.favouritedByMe) {
      target.favouritedByMe = true
      target.favourites += 1
    }
    return json(deps.render().status(s))
  })

  write('POST', '/api/v1/statuses/:id/unfavourite', ['write:favourites'], (req) => {
    const s = visible(req.params.id!)
    if (!s) return notFound()
    const target = original(s)
    if (target.favouritedByMe) {
      target.favouritedByMe = false
      target.favourites = Math.max(0, target.favourites - 1)
    }
    return json(deps.render().status(s))
  })

  write('POST', '/api/v1/statuses/:id/reblog', ['write:statuses'], (req) => {
    const s = visible(req.params.id!)
    if (!s) return notFound()
    const target = original(s)
    if (target.visibility === 'private' || target.visibility === 'direct')
      return json({ error: 'This action is not allowed' }, 403)
    const existing = [...world.statuses.values()].find((x) => x.reblogOfId === target.id && x.accountId === world.me.id)
    return json(deps.render().status(existing ?? world.reblog(world.me.id, target, deps.now())))
  })

  write('POST', '/api/v1/statuses/:id/unreblog', ['write:statuses'], (req) => {
    const s = visible(req.params.id!)
    if (!s) return notFound()
    const target = original(s)
    for (const x of [...world.statuses.values()]) {
      if (x.reblogOfId === target.id && x.accountId === world.me.id) world.statuses.delete(x.id)
    }
    return json(deps.render().status(target))
  })

  write('DELETE', '/api/v1/statuses/:id', ['write:statuses'], (req) => {
    // current_account.statuses.find: someone else's status is "not found" too.
    const s = world.statuses.get(req.params.id!)
    if (!s || s.accountId !== world.me.id) return notFound()
    const rendered = deps.render().status(s)
    for (const x of [...world.statuses.values()]) if (x.id === s.id || x.reblogOfId === s.id) world.statuses.delete(x.id)
    for (let i = world.notifications.length - 1; i >= 0; i--) {
      if (world.notifications[i]!.statusId === s.id) world.notifications.splice(i, 1)
    }
    // The deleted status with its source text, for "delete and redraft".
    return json({ ...rendered, text: s.text })
  })

  write('POST', '/api/v1/reports', ['write:reports'], (req) => {
    const b = req.body
    const accountId = b.account_id === undefined ? '' : String(b.account_id)
    const target = world.account(accountId)
    if (!target) return notFound()
    const statusIds = list(b.status_ids)
    for (const id of statusIds) {
      const s = world.statuses.get(id)
      if (!s || s.accountId !== target.id) return json({ error: 'Validation failed: Status ids are invalid' }, 422)
    }
    const comment = typeof b.comment === 'string' ? b.comment : ''
    if ([...comment].length > 1000)
      return json({ error: 'Validation failed: Comment is too long (maximum is 1000 characters)' }, 422)
    const category = b.category === undefined || b.category === '' ? 'other' : String(b.category)
    if (!CATEGORIES.includes(category))
      return json({ error: `Validation failed: Category '${category}' is not a valid category` }, 422)
    const rec: ReportRecord = {
      id: String(nextReportId++),
      accountId: target.id,
      statusIds,
      comment,
      forward: flag(b.forward),
      category,
      createdAt: deps.now(),
    }
    reports.push(rec)
    return json({
      id: rec.id,
      action_taken: false,
      action_taken_at: null,
      category: rec.category,
      comment: rec.comment,
      forwarded: rec.forward,
      created_at: new Date(rec.createdAt).toISOString(),
      status_ids: rec.statusIds,
      rule_ids: null,
      target_account: deps.render().account(target),
    })
  })

  // GET /api/v1/accounts/:id/statuses: newest first, Link paging; direct ones only for their author.
  api('GET', '/api/v1/accounts/:id/statuses', (req) => {
    const a = world.account(req.params.id!)
    if (!a) return notFound()
    const p = req.url.searchParams
    const q = readPageQuery(p, 20)
    if ('error' in q) return json({ error: q.error }, 400)
    const mine = [...world.statuses.values()].filter(
      (s) =>
        s.accountId === a.id &&
        (s.visibility !== 'direct' || a.id === world.me.id) &&
        !(flag(p.get('exclude_reblogs')) && s.reblogOfId) &&
        !(flag(p.get('exclude_replies')) && s.inReplyToId),
    )
    const page = paginate(mine, (s) => s.id, q)
    const r = deps.render()
    const keep = new URLSearchParams()
    for (const [k, v] of p) if (['limit', 'exclude_reblogs', 'exclude_replies'].includes(k)) keep.append(k, v)
    const headers: Record<string, string> = {}
    if (page.length > 0) {
      headers.link = linkHeader(`${deps.origin()}${req.url.pathname}`, keep, page[0]!.id, page[page.length - 1]!.id)
    }
    return { status: 200, headers, json: page.map((s) => r.status(s)) }
  })

  deps.router.on('POST', '/__fake/stall-writes', (req) => {
    const count = req.body.count === undefined ? 1 : Number(req.body.count)
    if (!Number.isInteger(count) || count < 0) return json({ error: 'count: a non-negative integer' }, 422)
    stalls = count
    stallWhen = req.body.when === 'before-commit' ? 'before-commit' : 'after-commit'
    return json({ ok: true, stalls, when: stallWhen })
  })
  deps.router.on('GET', '/__fake/writes', () => json({ log, reports }))

  return {
    log,
    reports,
    stall(count = 1, when = 'after-commit') {
      stalls = count
      stallWhen = when
    },
    ownStatuses: () =>
      [...world.statuses.values()]
        .filter((s) => s.accountId === world.me.id && !s.reblogOfId)
        .sort((a, b) => (a.createdAt === b.createdAt ? 0 : a.createdAt - b.createdAt)),
  }
}
