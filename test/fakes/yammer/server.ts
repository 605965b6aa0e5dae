// A loopback Microsoft identity platform (v2: /{tenant}/oauth2/v2.0/authorize and /token, with a
// consent page, PKCE, rotating refresh tokens and AADSTS error bodies) and Yammer REST API
// (api/v1: users/current, messages/my_feed, in_group, received, in_thread, groups) with
// `references`, `meta.older_available`, older_than / newer_than paging and 429 + Retry-After.
// Writes: messages.json (replied_to_id, group_id, shared_message_id, pending_attachment1…20),
// pending_attachments (multipart part `attachment`), uploaded files served back, likes, deletes.
import { randomBytes } from 'node:crypto'
import { consentPage, consentRedirect } from '../common/consent'
import { createFaults, type Faults } from '../common/faults'
import { verifyPkce } from '../common/pkce'
import { Router, startFakeServer, type FakeRequest, type FakeResponse, type RunningFake } from '../common/server'

export const CLIENT_ID = '11111111-2222-3333-4444-555555555555'
export const TENANT = 'contoso.onmicrosoft.com'

/** A file uploaded through pending_attachments: pending until a message names it, then that message's. */
export interface UploadedFile {
  /** The pending attachment id (what pending_attachmentN names). */
  pendingId: number
  /** The uploaded file's id once a message carries it. */
  id: number
  name: string
  contentType: string
  bytes: Buffer
  ownerId: number
  messageId: number | null
  createdAt: number
}

interface Message {
  id: number
  senderId: number
  repliedToId: number | null
  threadId: number
  groupId: number | null
  text: string
  createdAt: number
  likes: number
  toMe: boolean
  /** The message this one shares (shared_message_id), if it is a share. */
  sharedMessageId: number | null
  attachments: UploadedFile[]
}

/** Largest file pending_attachments takes. */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024
/** A message names at most pending_attachment1 … pending_attachment20. */
const MAX_ATTACHMENTS = 20

export interface FakeYammerOptions {
  port?: number
  autoPostEverySeconds?: number
}

export type FakeYammer = RunningFake & {
  addMessage(input: AddMessageInput): Message
  messages: Message[]
  /** Every upload, pending or attached. */
  uploads: UploadedFile[]
  groups: { id: number; name: string }[]
  /** Someone new in the network, found by the autocomplete. */
  addUser(input: { full_name: string; email: string }): { id: number; full_name: string; email: string }
  faults: Faults
  /** Every access token issued so far stops working (the next call gets 401). */
  expireAccessTokens(): void
  tokens(): { issued: number; refreshed: number }
}

interface AddMessageInput {
  text: string
  senderId?: number
  groupId?: number | null
  replyTo?: number
  toMe?: boolean
  sharedMessageId?: number
  attachments?: UploadedFile[]
}

/** Yammer's failure body: {"response":{"message","code","stat":"fail"}}. */
const fail = (status: number, message: string, code = status): FakeResponse => ({
  status,
  json: { response: { message, code, stat: 'fail' } },
})

const aadError = (status: number, error: string, code: number, description: string): FakeResponse => ({
  status,
  json: {
    error,
    error_description: `AADSTS${code}: ${description}\r\nTrace ID: 00000000-0000-0000-0000-000000000000\r\nTimestamp: ${new Date().toISOString()}`,
    error_codes: [code],
    timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
  },
})
/** Yammer's own date format: "2025/03/01 10:00:00 +0000". */
const yDate = (ms: number) => new Date(ms).toISOString().replace(/-/g, '/').replace('T', ' ').slice(0, 19) + ' +0000'

export async function startFakeYammer(opts: FakeYammerOptions = {}): Promise<FakeYammer> {
  const faults = createFaults()
  const router = new Router()
  const users = [
    { id: 1001, full_name: 'Alex Morgan', email: 'alex.morgan@contoso.com' },
    { id: 1002, full_name: 'Priya Natarajan', email: 'priya@contoso.com' },
    { id: 1003, full_name: 'Jordan Blake', email: 'jordan@contoso.com' },
  ]
  const me = users[0]!
  const groups = [
    { id: 501, name: 'Support' },
    { id: 502, name: 'Community Team' },
  ]
  const messages: Message[] = []
  const uploads: UploadedFile[] = []
  let nextId = 9000
  let nextPendingId = 70_000
  let nextFileId = 450_000
  let clock = Date.now() - 3600_000
  const codes = new Map<string, { challenge: string; redirectUri: string; clientId: string }>()
  const access = new Map<string, { expired: boolean }>()
  const refresh = new Map<string, { used: boolean }>()
  const counts = { issued: 0, refreshed: 0 }
  let origin = ''

  function addMessage(input: AddMessageInput): Message {
    const parent = input.replyTo ? messages.find((m) => m.id === input.replyTo) : undefined
    clock = Math.max(clock + 1000, Date.now())
    const id = nextId++
    const m: Message = {
      id,
      senderId: input.senderId ?? 1002,
      repliedToId: parent?.id ?? null,
      threadId: parent?.threadId ?? id,
      groupId: parent ? parent.groupId : (input.groupId ?? null),
      text: input.text,
      createdAt: clock,
      likes: 0,
      toMe: input.toMe ?? false,
      sharedMessageId: input.sharedMessageId ?? null,
      attachments: input.attachments ?? [],
    }
    for (const f of m.attachments) {
      f.id = nextFileId++
      f.messageId = id
    }
    messages.push(m)
    return m
  }
  const root = addMessage({ text: 'Customers on Mastodon ask about the outage: can someone answer?', groupId: 501 })
  addMessage({ text: 'On it, drafting a reply now.', senderId: 1003, replyTo: root.id })
  addMessage({ text: 'Release notes are ready for review.', groupId: 502, senderId: 1003 })
  addMessage({ text: 'Alex, can you share the community numbers?', toMe: true })

  // ——— Microsoft identity platform v2 ———
  router.on('GET', '/:tenant/oauth2/v2.0/authorize', (req) => {
    const q = req.url.searchParams
    if (q.get('client_id') !== CLIENT_ID)
      return {
        status: 400,
        text: `AADSTS700016: Application with identifier '${q.get('client_id')}' was not found in the directory.`,
        contentType: 'text/html',
      }
    if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge'))
      return {
        status: 400,
        text: 'AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
        contentType: 'text/html',
      }
    return {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      text: consentPage({
        title: 'Permissions requested',
        appName: 'Crosstalk',
        scopes: q.get('scope') ?? '',
        action: `${origin}/${req.params.tenant}/oauth2/v2.0/authorize/consent`,
        hidden: Object.fromEntries(
          ['client_id', 'redirect_uri', 'state', 'code_challenge', 'scope'].map((k) => [k, q.get(k) ?? '']),
        ),
      }),
    }
  })
  router.on('POST', '/:tenant/oauth2/v2.0/authorize/consent', (req) => {
    const b = req.body as Record<string, string>
    if (b.decision !== 'approve')
      return consentRedirect(b.redirect_uri!, {
        error: 'access_denied',
        error_description: 'AADSTS65004: User declined to consent to access the app.',
        state: b.state ?? '',
      })
    const code = randomBytes(24).toString('base64url')
    codes.set(code, { challenge: b.code_challenge!, redirectUri: b.redirect_uri!, clientId: b.client_id! })
    return consentRedirect(b.redirect_uri!, { code, state: b.state ?? '', session_state: randomBytes(8).toString('hex') })
  })
  const issue = () => {
    const a = randomBytes(32).toString('base64url')
    const r = randomBytes(32).toString('base64url')
    access.set(a, { expired: false })
    refresh.set(r, { used: false })
    return {
      token_type: 'Bearer',
      scope: 'https://api.yammer.com/user_impersonation',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: a,
      refresh_token: r,
    }
  }
  router.on('POST', '/:tenant/oauth2/v2.0/token', (req) => {
    const b = req.body as Record<string, string>
    if (b.client_id !== CLIENT_ID)
      return aadError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${b.client_id}' was not found in the directory.`,
      )
    if (b.grant_type === 'authorization_code') {
      const c = codes.get(b.code ?? '')
      codes.delete(b.code ?? '')
      if (!c || c.redirectUri !== b.redirect_uri)
        return aadError(400, 'invalid_grant', 70000, 'The provided authorization code is invalid or has expired.')
      if (!verifyPkce(c.challenge, b.code_verifier))
        return aadError(
          400,
          'invalid_grant',
          501481,
          'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
        )
      counts.issued += 1
      return { json: issue() }
    }
    if (b.grant_type === 'refresh_token') {
      const r = refresh.get(b.refresh_token ?? '')
      if (!r || r.used)
        return aadError(400, 'invalid_grant', 70000, 'The provided refresh token has been revoked or has expired.')
      r.used = true // refresh tokens rotate
      counts.refreshed += 1
      return { json: issue() }
    }
    return aadError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.')
  })

  // ——— Yammer REST API ———
  function api(path: string, handler: (req: FakeRequest) => FakeResponse, method = 'GET') {
    router.on(method, `/api/v1/${path}`, async (req) => {
      const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1]
      const a = token ? access.get(token) : undefined
      if (!a || a.expired) return { status: 401, json: { response: { message: 'Token not found.', code: 16, stat: 'fail' } } }
      const fault = await faults.apply((retryAfter) => ({
        status: 429,
        headers: (retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}) as Record<string, string>,
        json: { response: { message: 'Rate limited due to excessive requests.', code: 33, stat: 'fail' } },
      }))
      return fault ?? handler(req)
    })
  }
  const fileUrls = (f: UploadedFile) => ({
    url: `${origin}/api/v1/uploaded_files/${f.id}`,
    web_url: `${origin}/contoso.com/uploaded_files/${f.id}`,
    download_url: `${origin}/api/v1/uploaded_files/${f.id}/download`,
  })
  const isImage = (f: UploadedFile) => f.contentType.startsWith('image/')
  /** An uploaded file as a message's `attachments` lists it. */
  const attachmentJson = (f: UploadedFile) => {
    const urls = fileUrls(f)
    const preview = `${origin}/api/v1/uploaded_files/${f.id}/preview/${encodeURIComponent(f.name)}`
    return {
      type: isImage(f) ? 'image' : 'file',
      id: f.id,
      network_id: 77,
      ...urls,
      name: f.name,
      original_name: f.name,
      full_name: f.name,
      description: null,
      content_type: f.contentType,
      content_class: isImage(f) ? 'Image' : f.contentType === 'application/pdf' ? 'PDF' : 'Document',
      created_at: yDate(f.createdAt),
      owner_id: f.ownerId,
      owner_type: 'User',
      official: false,
      size: f.bytes.length,
      real_type: 'uploaded_file',
      real_id: f.id,
      preview_url: preview,
      ...(isImage(f)
        ? {
            thumbnail_url: preview,
            large_preview_url: preview,
            image: { url: urls.download_url, size: f.bytes.length, thumbnail_url: preview },
          }
        : {}),
    }
  }
  const bodyJson = (text: string) => ({
    plain: text,
    parsed: text,
    rich: text ? `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>` : '',
  })
  const messageJson = (m: Message) => ({
    id: m.id,
    sender_id: m.senderId,
    sender_type: 'user',
    replied_to_id: m.repliedToId,
    thread_id: m.threadId,
    group_id: m.groupId,
    network_id: 77,
    message_type: 'update',
    created_at: yDate(m.createdAt),
    web_url: `${origin}/contoso.com/messages/${m.id}`,
    body: bodyJson(m.text),
    liked_by: { count: m.likes, names: [] },
    attachments: m.attachments.map(attachmentJson),
    ...(m.sharedMessageId !== null ? { shared_message_id: m.sharedMessageId } : {}),
    privacy: 'public',
  })
  /** A message list answer: newest first, 20 at most, with references for senders, groups and threads. */
  function listOf(req: FakeRequest, all: Message[], newestFirst = true): FakeResponse {
    const q = req.url.searchParams
    const older = q.get('older_than')
    const newer = q.get('newer_than')
    const sorted = [...all].sort((a, b) => (newestFirst ? b.id - a.id : a.id - b.id))
    const filtered = sorted.filter((m) => (!older || m.id < Number(older)) && (!newer || m.id > Number(newer)))
    const page = newestFirst ? filtered.slice(0, 20) : filtered.slice(-20)
    // What the page's shares share (gone when it was deleted), with its sender among the users.
    const shared = [...new Set(page.flatMap((m) => (m.sharedMessageId !== null ? [m.sharedMessageId] : [])))].flatMap((id) =>
      messages.filter((x) => x.id === id),
    )
    const messageRefs = shared.map((m) => ({
      type: 'message',
      id: m.id,
      sender_id: m.senderId,
      sender_type: 'user',
      replied_to_id: m.repliedToId,
      thread_id: m.threadId,
      group_id: m.groupId,
      network_id: 77,
      message_type: 'update',
      created_at: yDate(m.createdAt),
      web_url: `${origin}/contoso.com/messages/${m.id}`,
      url: `${origin}/api/v1/messages/${m.id}`,
      body: bodyJson(m.text),
      privacy: 'public',
    }))
    const userRefs = [...new Set([...page, ...shared].map((m) => m.senderId))].map((id) => {
      const u = users.find((x) => x.id === id)!
      return {
        type: 'user',
        id: u.id,
        full_name: u.full_name,
        name: u.email.split('@')[0],
        mugshot_url: `${origin}/mugshot/${u.id}.png`,
        web_url: `${origin}/users/${u.id}`,
      }
    })
    const groupRefs = [...new Set(page.map((m) => m.groupId).filter((g): g is number => g !== null))].map((id) => {
      const g = groups.find((x) => x.id === id)!
      return {
        type: 'group',
        id: g.id,
        full_name: g.name,
        name: g.name.toLowerCase().replace(/\s+/g, ''),
        web_url: `${origin}/groups/${g.id}`,
      }
    })
    const threadRefs = [...new Set(page.map((m) => m.threadId))].map((id) => ({
      type: 'thread',
      id,
      thread_starter_id: id,
      stats: { updates: all.filter((m) => m.threadId === id).length },
    }))
    return {
      json: {
        messages: page.map(messageJson),
        references: [...userRefs, ...groupRefs, ...threadRefs, ...messageRefs],
        meta: { older_available: filtered.length > page.length, current_user_id: me.id, feed_name: 'My Feed' },
      },
    }
  }
  api('users/current.json', () => ({
    json: {
      id: me.id,
      full_name: me.full_name,
      email: me.email,
      mugshot_url: `${origin}/mugshot/${me.id}.png`,
      web_url: `${origin}/users/${me.id}`,
      network_id: 77,
      network_name: 'Contoso',
    },
  }))
  // ——— Writes ———
  api(
    'messages.json',
    (req) => {
      const b = req.body as Record<string, string | undefined>
      const text = (b.body ?? '')
        .replace(/\[\[user:(\d+)\]\]/g, (_m, id: string) => `@${users.find((u) => String(u.id) === id)?.full_name ?? id}`)
        .trim()
      const replyTo = b.replied_to_id ? Number(b.replied_to_id) : undefined
      if (replyTo && !messages.some((m) => m.id === replyTo)) return fail(404, 'Message not found', 17)
      const sharedId = b.shared_message_id ? Number(b.shared_message_id) : undefined
      if (b.shared_message_id !== undefined && !messages.some((m) => m.id === sharedId))
        return fail(404, 'The message to share was not found', 17)
      // pending_attachment1 … pending_attachment20: each an upload of the user's not yet attached.
      const files: UploadedFile[] = []
      for (let n = 1; n <= MAX_ATTACHMENTS; n++) {
        const raw = b[`pending_attachment${n}`]
        if (raw === undefined) continue
        const f = uploads.find((u) => String(u.pendingId) === raw && u.ownerId === me.id && u.messageId === null)
        if (!f || files.includes(f)) return fail(400, `Invalid pending attachment: ${raw}`, 400)
        files.push(f)
      }
      if (!text && files.length === 0 && sharedId === undefined) return fail(400, 'Body is required', 400)
      const groupId = b.group_id ? Number(b.group_id) : null
      if (groupId !== null && !groups.some((g) => g.id === groupId)) return fail(404, 'Group not found', 17)
      const m = addMessage({ text, senderId: me.id, groupId, replyTo, sharedMessageId: sharedId, attachments: files })
      return { status: 201, json: { ...(listOf({ ...req, url: new URL(`${origin}/x`) }, [m]).json as object) } }
    },
    'POST',
  )
  // A file waits here until a message names it: {id, name, content_type, size, …}.
  const pending = (req: FakeRequest): FakeResponse => {
    const part = req.files.attachment
    if (!part) return fail(400, 'Attachment is required', 400)
    if (part.bytes.length > MAX_UPLOAD_BYTES) return fail(413, 'The file is larger than 100 MB', 413)
    clock = Math.max(clock + 1000, Date.now())
    const f: UploadedFile = {
      pendingId: nextPendingId++,
      id: 0,
      name: part.filename || 'file',
      contentType: part.contentType || 'application/octet-stream',
      bytes: part.bytes,
      ownerId: me.id,
      messageId: null,
      createdAt: clock,
    }
    uploads.push(f)
    return {
      status: 201,
      json: {
        id: f.pendingId,
        type: isImage(f) ? 'image' : 'file',
        name: f.name,
        original_name: f.name,
        content_type: f.contentType,
        size: f.bytes.length,
        created_at: yDate(f.createdAt),
        owner_id: f.ownerId,
        owner_type: 'User',
        real_type: 'pending_attachment',
        real_id: f.pendingId,
      },
    }
  }
  api('pending_attachments', pending, 'POST')
  api('pending_attachments.json', pending, 'POST')
  const served = (req: FakeRequest): FakeResponse => {
    const f = uploads.find((u) => u.messageId !== null && String(u.id) === req.params.id)
    return f ? { bytes: f.bytes, contentType: f.contentType } : fail(404, 'File not found', 17)
  }
  api('uploaded_files/:id/download', served)
  api('uploaded_files/:id/preview/:name', served)
  api('messages/sent.json', (req) =>
    listOf(
      req,
      messages.filter((m) => m.senderId === me.id),
    ),
  )
  api(
    'messages/liked_by/current.json',
    (req) => {
      const m = messages.find((x) => String(x.id) === req.url.searchParams.get('message_id'))
      if (!m) return { status: 404, json: { response: { message: 'Message not found', code: 17, stat: 'fail' } } }
      m.likes += 1
      return { status: 201, text: '' }
    },
    'POST',
  )
  api(
    'messages/liked_by/current.json',
    (req) => {
      const m = messages.find((x) => String(x.id) === req.url.searchParams.get('message_id'))
      if (m && m.likes > 0) m.likes -= 1
      return { status: 200, text: '' }
    },
    'DELETE',
  )
  api(
    'messages/:id',
    (req) => {
      const i = messages.findIndex((x) => String(x.id) === req.params.id && x.senderId === me.id)
      if (i < 0)
        return { status: 403, json: { response: { message: 'You can only delete your own messages', code: 403, stat: 'fail' } } }
      messages.splice(i, 1)
      return { status: 200, text: '' }
    },
    'DELETE',
  )
  api('messages/my_feed.json', (req) => listOf(req, messages))
  api('messages/received.json', (req) =>
    listOf(
      req,
      messages.filter((m) => m.toMe),
    ),
  )
  api('messages/in_group/:id', (req) => {
    const id = Number(req.params.id!.replace(/\.json$/, ''))
    if (!groups.some((g) => g.id === id))
      return { status: 404, json: { response: { message: 'Group not found', code: 17, stat: 'fail' } } }
    return listOf(
      req,
      messages.filter((m) => m.groupId === id),
    )
  })
  api('messages/in_thread/:id', (req) =>
    listOf(
      req,
      messages.filter((m) => String(m.threadId) === req.params.id!.replace(/\.json$/, '')),
    ),
  )
  api('messages/:id', (req) => {
    const m = messages.find((x) => String(x.id) === req.params.id!.replace(/\.json$/, ''))
    return m
      ? { json: messageJson(m) }
      : { status: 404, json: { response: { message: 'Message not found', code: 17, stat: 'fail' } } }
  })
  // autocomplete/ranked: prefix against the start of a word of the name, the username or the email;
  // models "user:8,group:2" says which lists to answer and how long each may be. Users rank by how
  // much they post, best first, each with its ranking. Which lists come without models is a guess.
  api('autocomplete/ranked', (req) => {
    const q = req.url.searchParams
    const prefix = (q.get('prefix') ?? '').trim().toLowerCase()
    const starts = (...names: string[]) =>
      prefix !== '' &&
      names.some((n) =>
        n
          .toLowerCase()
          .split(/[\s.@_-]+/)
          .some((w) => w.startsWith(prefix)),
      )
    const models = new Map(
      (q.get('models') ?? 'user:10,group:10').split(',').map((m) => {
        const [model, n] = m.split(':')
        return [model!.trim(), Math.max(0, Math.min(Number(n) || 0, 50))] as const
      }),
    )
    const out: Record<string, unknown[]> = {}
    if (models.has('user'))
      out.user = users
        .filter((u) => starts(u.full_name, u.email))
        .map((u) => ({ u, ranking: 1 + messages.filter((m) => m.senderId === u.id).length }))
        .sort((a, b) => b.ranking - a.ranking)
        .slice(0, models.get('user'))
        .map(({ u, ranking }) => ({
          type: 'user',
          id: u.id,
          full_name: u.full_name,
          name: u.email.split('@')[0],
          photo: `${origin}/mugshot/${u.id}.png`,
          web_url: `${origin}/users/${u.id}`,
          ranking,
        }))
    if (models.has('group'))
      out.group = groups
        .filter((g) => starts(g.name))
        .slice(0, models.get('group'))
        .map((g) => ({ type: 'group', id: g.id, full_name: g.name, name: g.name.toLowerCase(), ranking: 1 }))
    return { json: out }
  })
  api('groups.json', () => ({
    json: groups.map((g) => ({
      type: 'group',
      id: g.id,
      full_name: g.name,
      name: g.name.toLowerCase(),
      privacy: 'public',
      web_url: `${origin}/groups/${g.id}`,
    })),
  }))
  router.on('GET', '/mugshot/:file', () => ({ status: 200, text: '', contentType: 'image/png' }))

  const running = await startFakeServer(router, { port: opts.port })
  origin = running.url
  let timer: NodeJS.Timeout | undefined
  if (opts.autoPostEverySeconds && opts.autoPostEverySeconds > 0) {
    const lines = [
      'Standup notes are posted.',
      'Who can cover the forum tonight?',
      'Customer shout-out from the Bluesky thread!',
      'New macro for refund questions.',
    ]
    let n = 0
    timer = setInterval(() => {
      addMessage({ text: lines[n % lines.length]!, senderId: 1002 + (n % 2), groupId: groups[n % 2]!.id })
      n += 1
    }, opts.autoPostEverySeconds * 1000)
    timer.unref()
  }
  return {
    ...running,
    addMessage,
    messages,
    uploads,
    groups,
    addUser(input) {
      const u = { id: 1001 + users.length, ...input }
      users.push(u)
      return u
    },
    faults,
    expireAccessTokens() {
      for (const a of access.values()) a.expired = true
    },
    tokens: () => ({ ...counts }),
    close: async () => {
      if (timer) clearInterval(timer)
      await running.close()
    },
  }
}
