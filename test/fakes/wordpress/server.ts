// A loopback WordPress site: the home page announces the REST root (Link rel="https://api.w.org/"),
// the REST index advertises application passwords, wp-admin/authorize-application.php shows the
// approval page and returns user_login + a new application password to success_url, and wp/v2
// serves comments and posts with X-WP-Total / X-WP-TotalPages, Basic auth and WordPress error
// bodies ({code, message, data: {status}}). Local environment: http is allowed, as WordPress does
// when WP_ENVIRONMENT_TYPE is "local".
import { randomBytes, randomUUID } from 'node:crypto'
import { createFaults, type Faults } from '../common/faults'
import { Router, startFakeServer, type FakeRequest, type FakeResponse, type RunningFake } from '../common/server'

export interface FakeComment {
  id: number
  post: number
  parent: number
  authorName: string
  content: string
  status: 'approved' | 'hold' | 'spam' | 'trash'
  date: number
}
interface FakePost {
  id: number
  title: string
  content: string
  date: number
}
interface AppPassword {
  uuid: string
  appId: string
  name: string
  password: string
}

export interface FakeWordPressOptions {
  port?: number
  autoPostEverySeconds?: number
  now?: () => number
}

export type FakeWordPress = RunningFake & {
  addComment(input: {
    text: string
    author?: string
    parent?: number
    post?: number
    status?: FakeComment['status']
  }): FakeComment
  comments: FakeComment[]
  faults: Faults
  appPasswords(): AppPassword[]
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
const wpError = (status: number, code: string, message: string): FakeResponse => ({
  status,
  json: { code, message, data: { status } },
})
const gmt = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)

export async function startFakeWordPress(opts: FakeWordPressOptions = {}): Promise<FakeWordPress> {
  const now = opts.now ?? Date.now
  const faults = createFaults()
  const passwords: AppPassword[] = []
  const posts: FakePost[] = [
    { id: 7, title: 'Release 2.4 is out', content: '<p>Faster sync and a new export screen.</p>', date: now() - 7200_000 },
  ]
  const comments: FakeComment[] = []
  let nextId = 20
  let origin = ''
  const router = new Router()

  function addComment(input: {
    text: string
    author?: string
    parent?: number
    post?: number
    status?: FakeComment['status']
  }): FakeComment {
    const c: FakeComment = {
      id: nextId++,
      post: input.post ?? 7,
      parent: input.parent ?? 0,
      authorName: input.author ?? 'Reader',
      content: `<p>${esc(input.text)}</p>\n`,
      status: input.status ?? 'hold',
      date: now() + nextId, // later comments are always newer, even within one second
    }
    comments.push(c)
    return c
  }
  const first = addComment({ text: 'Love the new export screen!', author: 'Dana', status: 'approved' })
  addComment({ text: 'Thanks Dana!', author: 'Admin', parent: first.id, status: 'approved' })
  addComment({ text: 'Is there a Linux build?', author: 'Sam', status: 'hold' })
  addComment({ text: 'Cheap watches http://spam.example', author: 'Spammer', status: 'spam' })

  const commentJson = (c: FakeComment) => ({
    id: c.id,
    post: c.post,
    parent: c.parent,
    author: c.authorName === 'Admin' ? 1 : 0,
    author_name: c.authorName,
    author_email: `${c.authorName.toLowerCase()}@example.com`,
    author_url: '',
    author_ip: '127.0.0.1',
    author_user_agent: 'Mozilla/5.0',
    date: gmt(c.date),
    date_gmt: gmt(c.date),
    content: { rendered: c.content, raw: c.content.replace(/<[^>]+>/g, '').trim() },
    link: `${origin}/?p=${c.post}#comment-${c.id}`,
    status: c.status,
    type: 'comment',
    author_avatar_urls: {
      '24': `${origin}/avatar/${c.id}?s=24`,
      '48': `${origin}/avatar/${c.id}?s=48`,
      '96': `${origin}/avatar/${c.id}?s=96`,
    },
    meta: [],
    _links: { self: [{ href: `${origin}/wp-json/wp/v2/comments/${c.id}` }] },
  })
  const postJson = (p: FakePost, embed: boolean) => ({
    id: p.id,
    date: gmt(p.date),
    date_gmt: gmt(p.date),
    link: `${origin}/?p=${p.id}`,
    status: 'publish',
    type: 'post',
    title: { rendered: esc(p.title) },
    content: { rendered: p.content, protected: false },
    excerpt: { rendered: `<p>${esc(p.content.replace(/<[^>]+>/g, ''))}</p>\n`, protected: false },
    author: 1,
    ...(embed
      ? {
          _embedded: {
            author: [{ id: 1, name: 'Admin', avatar_urls: { '96': `${origin}/avatar/admin?s=96` } }],
            replies: [comments.filter((c) => c.post === p.id && c.status === 'approved').map(commentJson)],
          },
        }
      : {}),
  })

  /** Basic auth with an application password, as WordPress checks it for REST requests. */
  function user(req: FakeRequest): true | FakeResponse {
    const m = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ''))
    if (!m) return wpError(401, 'rest_not_logged_in', 'You are not currently logged in.')
    const [name, ...rest] = Buffer.from(m[1]!, 'base64').toString().split(':')
    const password = rest.join(':').replace(/\s/g, '')
    if (name !== 'admin') return wpError(401, 'invalid_username', 'Unknown username. Check again or try your email address.')
    if (!passwords.some((p) => p.password === password))
      return wpError(401, 'incorrect_password', 'The provided password is an invalid application password.')
    return true
  }
  const currentPassword = (req: FakeRequest) => {
    const raw = Buffer.from(String(req.headers.authorization ?? '').slice(6), 'base64').toString()
    return passwords.find((p) => p.password === raw.split(':').slice(1).join(':').replace(/\s/g, ''))
  }

  function list<T>(req: FakeRequest, all: T[]): FakeResponse | { page: T[]; headers: Record<string, string> } {
    const p = req.url.searchParams
    const perPage = Number(p.get('per_page') ?? '10')
    const page = Number(p.get('page') ?? '1')
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
      return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): per_page')
    const totalPages = Math.max(1, Math.ceil(all.length / perPage))
    if (page > totalPages && all.length > 0)
      return wpError(
        400,
        'rest_comment_invalid_page_number',
        'The page number requested is larger than the number of pages available.',
      )
    return {
      page: all.slice((page - 1) * perPage, page * perPage),
      headers: { 'x-wp-total': String(all.length), 'x-wp-totalpages': String(totalPages) },
    }
  }
  const isResponse = (x: object): x is FakeResponse => 'status' in x

  // Every REST route: faults first, then the handler.
  function rest(method: string, path: string, handler: (req: FakeRequest) => FakeResponse) {
    router.on(method, `/wp-json${path}`, async (req) => {
      const fault = await faults.apply((retryAfter) => ({
        status: 429,
        headers: (retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}) as Record<string, string>,
        json: { code: 'rest_too_many_requests', message: 'Too many requests.', data: { status: 429 } },
      }))
      return fault ?? handler(req)
    })
  }

  router.on('GET', '/', () => ({
    status: 200,
    headers: { link: `<${origin}/wp-json/>; rel="https://api.w.org/"` },
    text: '<!doctype html><title>Example Blog</title><h1>Example Blog</h1>',
    contentType: 'text/html; charset=UTF-8',
  }))
  rest('GET', '/', () => ({
    json: {
      name: 'Example Blog',
      description: 'Just another WordPress site',
      url: origin,
      home: origin,
      namespaces: ['oembed/1.0', 'wp/v2'],
      authentication: {
        'application-passwords': { endpoints: { authorization: `${origin}/wp-admin/authorize-application.php` } },
      },
      routes: {},
    },
  }))

  router.on('GET', '/wp-admin/authorize-application.php', (req) => {
    const q = req.url.searchParams
    const success = q.get('success_url') ?? ''
    if (!q.get('app_name')) return { status: 400, text: 'The app name is required.', contentType: 'text/html' }
    if (success && !/^https:|^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(success))
      return { status: 400, text: 'The success URL must be served over a secure connection.', contentType: 'text/html' }
    const hidden = ['app_name', 'app_id', 'success_url', 'reject_url']
      .map((k) => `<input type="hidden" name="${k}" value="${esc(q.get(k) ?? '')}">`)
      .join('\n')
    return {
      status: 200,
      contentType: 'text/html; charset=UTF-8',
      text: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorize Application ‹ Example Blog</title></head>
<body><main><h1>Authorize Application</h1>
<p>Would you like to give access to your account for <strong>${esc(q.get('app_name') ?? '')}</strong> to this site?</p>
<form method="post" action="${origin}/wp-admin/authorize-application.php">
${hidden}
<button type="submit" name="decision" value="approve">Yes, I approve of this connection</button>
<button type="submit" name="decision" value="deny">No, I do not approve of this connection</button>
</form></main></body></html>`,
    }
  })
  router.on('POST', '/wp-admin/authorize-application.php', (req) => {
    const b = req.body as Record<string, string>
    if (b.decision !== 'approve') {
      const to = new URL(b.reject_url || `${origin}/wp-admin/`)
      to.searchParams.set('success', 'false')
      return { status: 302, headers: { location: to.toString() } }
    }
    const password = randomBytes(18)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 24)
    passwords.push({ uuid: randomUUID(), appId: b.app_id ?? '', name: b.app_name ?? 'App', password })
    const to = new URL(b.success_url ?? `${origin}/wp-admin/`)
    to.searchParams.set('site_url', origin)
    to.searchParams.set('user_login', 'admin')
    // WordPress shows the password in groups of four; either form authenticates.
    to.searchParams.set('password', password.replace(/(.{4})(?!$)/g, '$1 '))
    return { status: 302, headers: { location: to.toString() } }
  })

  rest('GET', '/wp/v2/users/me', (req) => {
    const u = user(req)
    if (u !== true) return u
    return {
      json: {
        id: 1,
        name: 'Admin',
        slug: 'admin',
        username: 'admin',
        link: `${origin}/author/admin/`,
        avatar_urls: { '96': `${origin}/avatar/admin?s=96` },
        capabilities: { moderate_comments: true },
      },
    }
  })
  rest('GET', '/wp/v2/users/me/application-passwords/introspect', (req) => {
    const u = user(req)
    if (u !== true) return u
    const p = currentPassword(req)!
    return {
      json: {
        uuid: p.uuid,
        app_id: p.appId,
        name: p.name,
        created: new Date().toISOString().slice(0, 19),
        last_used: null,
        last_ip: null,
      },
    }
  })
  rest('DELETE', '/wp/v2/users/me/application-passwords/:uuid', (req) => {
    const u = user(req)
    if (u !== true) return u
    const at = passwords.findIndex((p) => p.uuid === req.params.uuid)
    if (at < 0) return wpError(404, 'rest_application_password_not_found', 'Application password not found.')
    const [gone] = passwords.splice(at, 1)
    return { json: { deleted: true, previous: { uuid: gone!.uuid, app_id: gone!.appId, name: gone!.name } } }
  })
  rest('GET', '/wp/v2/comments', (req) => {
    const p = req.url.searchParams
    const status = p.get('status') ?? 'approve'
    if (status !== 'approve' || p.get('context') === 'edit') {
      const u = user(req)
      if (u !== true)
        return status !== 'approve' ? wpError(401, 'rest_forbidden_param', 'Query parameter not permitted: status') : u
    }
    const wanted = (c: FakeComment) =>
      status === 'all'
        ? c.status === 'approved' || c.status === 'hold'
        : c.status === (status === 'approve' ? 'approved' : status)
    const post = p.get('post')
    const order = p.get('order') === 'asc' ? 1 : -1
    const all = comments.filter((c) => wanted(c) && (!post || String(c.post) === post)).sort((a, b) => order * (a.date - b.date))
    const r = list(req, all)
    if (isResponse(r)) return r
    return { headers: r.headers, json: r.page.map(commentJson) }
  })
  rest('GET', '/wp/v2/comments/:id', (req) => {
    const c = comments.find((x) => String(x.id) === req.params.id)
    return c ? { json: commentJson(c) } : wpError(404, 'rest_comment_invalid_id', 'Invalid comment ID.')
  })
  rest('POST', '/wp/v2/comments', (req) => {
    const u = user(req)
    if (u !== true) return u
    const b = req.body as { post?: number; parent?: number; content?: string }
    if (!b.content) return wpError(400, 'rest_comment_content_invalid', 'Invalid comment content.')
    if (!posts.some((p) => p.id === Number(b.post)))
      return wpError(403, 'rest_comment_invalid_post_id', 'Sorry, you are not allowed to create this comment without a post.')
    const c = addComment({
      text: String(b.content),
      author: 'Admin',
      parent: Number(b.parent ?? 0),
      post: Number(b.post),
      status: 'approved',
    })
    // REST clients send HTML; WordPress keeps it (after kses), it does not escape it.
    c.content = String(b.content)
    return { status: 201, json: commentJson(c) }
  })
  rest('POST', '/wp/v2/comments/:id', (req) => {
    const u = user(req)
    if (u !== true) return u
    const c = comments.find((x) => String(x.id) === req.params.id)
    if (!c) return wpError(404, 'rest_comment_invalid_id', 'Invalid comment ID.')
    const status = (req.body as { status?: string }).status
    if (status !== undefined) {
      if (!['approved', 'approve', 'hold', 'spam', 'trash'].includes(status))
        return wpError(400, 'rest_comment_failed_edit', 'Updating comment status failed.')
      c.status = status === 'approve' ? 'approved' : (status as FakeComment['status'])
    }
    return { json: commentJson(c) }
  })
  rest('DELETE', '/wp/v2/comments/:id', (req) => {
    const u = user(req)
    if (u !== true) return u
    const c = comments.find((x) => String(x.id) === req.params.id)
    if (!c) return wpError(404, 'rest_comment_invalid_id', 'Invalid comment ID.')
    if (c.status === 'trash') return wpError(410, 'rest_already_trashed', 'The comment has already been trashed.')
    c.status = 'trash'
    return { json: commentJson(c) }
  })
  rest('GET', '/wp/v2/posts', (req) => {
    const r = list(
      req,
      [...posts].sort((a, b) => b.date - a.date),
    )
    if (isResponse(r)) return r
    return { headers: r.headers, json: r.page.map((p) => postJson(p, req.url.searchParams.has('_embed'))) }
  })
  rest('GET', '/wp/v2/posts/:id', (req) => {
    const p = posts.find((x) => String(x.id) === req.params.id)
    return p
      ? { json: postJson(p, req.url.searchParams.has('_embed')) }
      : wpError(404, 'rest_post_invalid_id', 'Invalid post ID.')
  })
  router.on('GET', '/avatar/:id', () => ({ status: 200, text: '', contentType: 'image/png' }))
  router.on('POST', '/__fake/comments', (req) => {
    const b = req.body as { text?: string; author?: string; status?: FakeComment['status'] }
    if (!b.text) return { status: 422, json: { error: 'text is required' } }
    return { status: 201, json: addComment({ text: b.text, author: b.author, status: b.status }) }
  })

  const running = await startFakeServer(router, { port: opts.port })
  origin = running.url

  let timer: NodeJS.Timeout | undefined
  if (opts.autoPostEverySeconds && opts.autoPostEverySeconds > 0) {
    const lines = [
      'When is the next release?',
      'The export screen is great.',
      'Found a typo in the docs.',
      'Does it work on ARM?',
    ]
    let n = 0
    timer = setInterval(() => {
      addComment({ text: lines[n % lines.length]!, author: ['Kim', 'Lee', 'Max'][n % 3], status: n % 2 ? 'approved' : 'hold' })
      n += 1
    }, opts.autoPostEverySeconds * 1000)
    timer.unref()
  }
  return {
    ...running,
    addComment,
    comments,
    faults,
    appPasswords: () => passwords.map((p) => ({ ...p })),
    close: async () => {
      if (timer) clearInterval(timer)
      await running.close()
    },
  }
}
