// A loopback Facebook: the Login dialog (/vXX.X/dialog/oauth, a consent page with PKCE), the code
// exchange (/oauth/access_token with code_verifier, no secret), /me, /me/accounts with Page tokens,
// a Page's feed and tagged posts, comments with filter/order, cursor paging, usage headers on
// every answer, Graph error bodies (code 190 for bad tokens, 4/32 for throttling) and faults.
// Photos: POST /{page}/photos (multipart `source`; published=true makes a post with the caption,
// published=false an unpublished photo that shows nowhere until a POST /{page}/feed attaches it
// with attached_media[N]={"media_fbid":…}), a comment's one photo (`source`), the bytes served
// as uploaded from /fbcdn/…, posts with full_picture and attachments, comments with attachment.
import { randomBytes } from 'node:crypto'
import { consentPage, consentRedirect } from '../common/consent'
import { createFaults, type Faults } from '../common/faults'
import { verifyPkce } from '../common/pkce'
import { Router, startFakeServer, type FakeRequest, type FakeResponse, type RunningFake } from '../common/server'

export const APP_ID = '1234567890123'
export const PAGE_ID = '101000000000001'

interface FakeComment {
  id: string
  postId: string
  parentId?: string
  from: { id: string; name: string }
  message: string
  created: number
  hidden: boolean
  /** Its photo (a FakePhoto id). */
  photoId?: string
}
interface FakePost {
  id: string
  pageId: string
  message: string
  created: number
  tagged?: boolean
  from: { id: string; name: string }
  /** Its photos, in order (FakePhoto ids). */
  photoIds?: string[]
}
export interface FakePhoto {
  id: string
  filename: string
  contentType: string
  bytes: Buffer
  caption: string
  created: number
  /** Uploaded with published=false: shows nowhere until a post attaches it. */
  published: boolean
  /** The post or comment it belongs to, once it belongs to one. */
  usedBy?: string
}
export interface FakeFacebookOptions {
  port?: number
  autoPostEverySeconds?: number
}
export type FakeFacebook = RunningFake & {
  addPost(message: string, opts?: { tagged?: boolean }): FakePost
  addComment(postId: string, message: string, opts?: { parentId?: string; from?: string; photoId?: string }): FakeComment
  posts: FakePost[]
  comments: FakeComment[]
  /** Every photo uploaded, published or not. */
  photos: FakePhoto[]
  faults: Faults
  /** Object ids the Page likes, one entry per like received (a like sent twice shows twice). */
  likes(): string[]
  revokeAll(): void
}

const graphError = (status: number, message: string, type: string, code: number, subcode?: number): FakeResponse => ({
  status,
  json: {
    error: {
      message,
      type,
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      fbtrace_id: randomBytes(8).toString('base64url'),
    },
  },
})
const fbTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+0000')

export async function startFakeFacebook(opts: FakeFacebookOptions = {}): Promise<FakeFacebook> {
  const faults = createFaults()
  const router = new Router()
  const page = { id: PAGE_ID, name: 'Crosstalk Community' }
  const fans = [
    { id: '9001', name: 'Morgan Lee' },
    { id: '9002', name: 'Ana Souza' },
  ]
  const posts: FakePost[] = []
  const comments: FakeComment[] = []
  const photos: FakePhoto[] = []
  const codes = new Map<string, { challenge: string; redirectUri: string }>()
  const tokens = new Map<string, { kind: 'user' | 'page'; revoked: boolean }>()
  let seq = 500000
  let clock = Date.now() - 7200_000
  let origin = ''

  const tick = () => (clock = Math.max(clock + 1000, Date.now()))
  function addPost(message: string, o: { tagged?: boolean } = {}): FakePost {
    const p: FakePost = {
      id: `${PAGE_ID}_${seq++}`,
      pageId: PAGE_ID,
      message,
      created: tick(),
      tagged: o.tagged,
      from: o.tagged ? fans[1]! : page,
    }
    posts.push(p)
    return p
  }
  function addComment(
    postId: string,
    message: string,
    o: { parentId?: string; from?: string; photoId?: string } = {},
  ): FakeComment {
    const c: FakeComment = {
      id: `${postId.split('_')[1]}_${seq++}`,
      postId,
      parentId: o.parentId,
      from: fans.find((f) => f.name === o.from) ?? (o.from === page.name ? page : fans[0]!),
      message,
      created: tick(),
      hidden: false,
      ...(o.photoId ? { photoId: o.photoId } : {}),
    }
    comments.push(c)
    return c
  }
  const launch = addPost('We just launched the new community forum! Tell us what you think.')
  const first = addComment(launch.id, 'Looks great, but search is slow.')
  addComment(launch.id, 'Thanks Morgan, we are on it.', { parentId: first.id, from: page.name })
  addComment(launch.id, 'Can I log in with my old account?', { from: 'Ana Souza' })
  addPost('Shout-out to @Crosstalk Community for the quick help!', { tagged: true })

  const EXT: Record<string, string> = { 'image/png': 'png', 'image/gif': 'gif', 'image/bmp': 'bmp', 'image/tiff': 'tif' }
  const photoSrc = (ph: FakePhoto) => `${origin}/fbcdn/${ph.id}_n.${EXT[ph.contentType] ?? 'jpg'}`
  const photoLink = (ph: FakePhoto) => `${origin}/photo/?fbid=${ph.id}`
  const photoById = (id: string) => photos.find((ph) => ph.id === id)
  /** A photo as a StoryAttachment (a post's or a comment's). */
  const photoAttachment = (ph: FakePhoto) => ({
    type: 'photo',
    media_type: 'photo',
    media: { image: { src: photoSrc(ph) } },
    target: { id: ph.id, url: photoLink(ph) },
    url: photoLink(ph),
  })
  /** full_picture and attachments: one photo as it is, several as an album with subattachments. */
  function postPhotosJson(p: FakePost, permalink: string) {
    const list = (p.photoIds ?? []).map(photoById).filter((ph) => ph !== undefined)
    if (list.length === 0) return {}
    const first = photoAttachment(list[0]!)
    const attachment =
      list.length === 1
        ? first
        : {
            type: 'album',
            media_type: 'album',
            media: first.media,
            target: { id: p.id, url: permalink },
            url: permalink,
            subattachments: { data: list.map(photoAttachment) },
          }
    return { full_picture: photoSrc(list[0]!), attachments: { data: [attachment] } }
  }
  const postJson = (p: FakePost) => ({
    id: p.id,
    message: p.message,
    created_time: fbTime(p.created),
    from: p.from,
    permalink_url: `${origin}/${p.pageId}/posts/${p.id.split('_')[1]}`,
    ...postPhotosJson(p, `${origin}/${p.pageId}/posts/${p.id.split('_')[1]}`),
    shares: { count: 0 },
    comments: {
      data: [],
      summary: { order: 'chronological', total_count: comments.filter((c) => c.postId === p.id).length, can_comment: true },
    },
    reactions: { data: [], summary: { total_count: 3, viewer_reaction: 'NONE' } },
  })
  const commentJson = (c: FakeComment) => ({
    id: c.id,
    message: c.message,
    created_time: fbTime(c.created),
    from: c.from,
    ...(c.parentId
      ? {
          parent: {
            id: c.parentId,
            message: comments.find((x) => x.id === c.parentId)?.message,
            created_time: fbTime(c.created),
          },
        }
      : {}),
    is_hidden: c.hidden,
    ...(c.photoId && photoById(c.photoId) ? { attachment: photoAttachment(photoById(c.photoId)!) } : {}),
    like_count: 0,
    comment_count: comments.filter((x) => x.parentId === c.id).length,
    permalink_url: `${origin}/${c.postId}?comment_id=${c.id}`,
  })
  /** Cursor paging as Graph does it: base64 cursors, `next` only when more remain. */
  function paged<T>(req: FakeRequest, all: T[], idOf: (x: T) => string, render: (x: T) => unknown): FakeResponse {
    const q = req.url.searchParams
    const limit = Math.min(100, Number(q.get('limit') ?? '25'))
    const after = q.get('after')
    const start = after ? all.findIndex((x) => idOf(x) === Buffer.from(after, 'base64').toString()) + 1 : 0
    const slice = all.slice(start, start + limit)
    const more = start + limit < all.length
    const cursor = (x: T) => Buffer.from(idOf(x)).toString('base64')
    const next = new URL(req.url.toString().replace(/^http:\/\/[^/]+/, origin))
    if (slice.length) next.searchParams.set('after', cursor(slice[slice.length - 1]!))
    return {
      json: {
        data: slice.map(render),
        ...(slice.length
          ? {
              paging: {
                cursors: { before: cursor(slice[0]!), after: cursor(slice[slice.length - 1]!) },
                ...(more ? { next: next.toString() } : {}),
              },
            }
          : {}),
      },
    }
  }

  // Profile pictures (the Page's avatar). Before the Graph routes, which take /:version/:id.
  router.on('GET', '/pic/:file', () => ({ status: 200, text: '', contentType: 'image/png' }))
  // The photos' bytes, as uploaded (Facebook's CDN; no token needed). Before the Graph routes, too.
  router.on('GET', '/fbcdn/:file', (req) => {
    const ph = photoById(req.params.file!.replace(/_n\.\w+$/, ''))
    return ph
      ? { status: 200, bytes: ph.bytes, contentType: ph.contentType }
      : { status: 404, text: 'Not found', contentType: 'text/plain' }
  })

  // ——— Facebook Login ———
  router.on('GET', '/:version/dialog/oauth', (req) => {
    const q = req.url.searchParams
    if (q.get('client_id') !== APP_ID)
      return {
        status: 400,
        contentType: 'text/html',
        text: 'Invalid App ID: The provided app ID does not look like a valid app ID.',
      }
    return {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      text: consentPage({
        title: 'Crosstalk is requesting access to your Pages',
        appName: 'Crosstalk',
        scopes: q.get('scope') ?? '',
        action: `${origin}/${req.params.version}/dialog/oauth/consent`,
        hidden: Object.fromEntries(['redirect_uri', 'state', 'code_challenge'].map((k) => [k, q.get(k) ?? ''])),
      }),
    }
  })
  router.on('POST', '/:version/dialog/oauth/consent', (req) => {
    const b = req.body as Record<string, string>
    if (b.decision !== 'approve')
      return consentRedirect(b.redirect_uri!, {
        error: 'access_denied',
        error_code: '200',
        error_description: 'Permissions error',
        error_reason: 'user_denied',
        state: b.state ?? '',
      })
    const code = randomBytes(24).toString('base64url')
    codes.set(code, { challenge: b.code_challenge!, redirectUri: b.redirect_uri! })
    return consentRedirect(b.redirect_uri!, { code, state: b.state ?? '' })
  })

  // ——— Graph API ———
  function graph(
    method: string,
    path: string,
    handler: (req: FakeRequest, token?: { kind: 'user' | 'page' }) => FakeResponse,
    open = false,
  ) {
    router.on(method, `/:version${path}`, async (req) => {
      const usage = { 'x-app-usage': JSON.stringify({ call_count: 3, total_cputime: 1, total_time: 2 }) }
      let token: { kind: 'user' | 'page' } | undefined
      if (!open) {
        // Graph takes the token in the query or, for POST/DELETE, in the form body.
        const t = tokens.get(
          req.url.searchParams.get('access_token') ?? String((req.body as Record<string, unknown>).access_token ?? ''),
        )
        if (!t || t.revoked)
          return {
            ...graphError(400, 'Error validating access token: The session has been invalidated.', 'OAuthException', 190, 460),
            headers: usage,
          }
        token = t
      }
      const fault = await faults.apply((retryAfter) => ({
        ...graphError(400, '(#4) Application request limit reached', 'OAuthException', 4),
        headers: {
          'x-app-usage': JSON.stringify({ call_count: 100, total_cputime: 20, total_time: 30 }),
          ...(retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}),
        },
      }))
      const res = fault ?? handler(req, token)
      return { ...res, headers: { ...usage, ...res.headers } }
    })
  }
  graph(
    'GET',
    '/oauth/access_token',
    (req) => {
      const q = req.url.searchParams
      const c = codes.get(q.get('code') ?? '')
      codes.delete(q.get('code') ?? '')
      if (q.get('client_id') !== APP_ID)
        return graphError(400, 'Error validating application. Invalid application ID.', 'OAuthException', 101)
      if (!c || c.redirectUri !== q.get('redirect_uri') || !verifyPkce(c.challenge, q.get('code_verifier')))
        return graphError(400, 'Invalid verification code format.', 'OAuthException', 100)
      const user = randomBytes(24).toString('base64url')
      tokens.set(user, { kind: 'user', revoked: false })
      return { json: { access_token: user, token_type: 'bearer', expires_in: 5183944 } }
    },
    true,
  )
  graph('GET', '/me', () => ({ json: { id: '7001', name: 'Casey Manager' } }))
  graph('GET', '/me/accounts', () => {
    const pt = randomBytes(24).toString('base64url')
    tokens.set(pt, { kind: 'page', revoked: false })
    return {
      json: {
        data: [
          {
            ...page,
            access_token: pt,
            category: 'Software',
            tasks: ['MODERATE', 'CREATE_CONTENT'],
            picture: { data: { url: `${origin}/pic/${page.id}.png`, is_silhouette: false } },
          },
        ],
      },
    }
  })
  graph('DELETE', '/me/permissions', () => {
    for (const t of tokens.values()) t.revoked = true
    return { json: { success: true } }
  })
  graph('GET', '/:page/feed', (req) => {
    if (req.params.page !== PAGE_ID) return graphError(400, 'Unsupported get request.', 'GraphMethodException', 100, 33)
    return paged(
      req,
      posts.filter((p) => !p.tagged).sort((a, b) => b.created - a.created),
      (p) => p.id,
      postJson,
    )
  })
  graph('GET', '/:page/tagged', (req) =>
    paged(
      req,
      posts.filter((p) => p.tagged).sort((a, b) => b.created - a.created),
      (p) => p.id,
      postJson,
    ),
  )
  graph('GET', '/:id/comments', (req) => {
    const q = req.url.searchParams
    const onPost = posts.some((p) => p.id === req.params.id)
    const filter = q.get('filter') ?? 'toplevel'
    const list = comments.filter((c) =>
      onPost ? c.postId === req.params.id && (filter === 'stream' || !c.parentId) : c.parentId === req.params.id,
    )
    const order = q.get('order') === 'reverse_chronological' ? -1 : 1
    return paged(
      req,
      list.sort((a, b) => order * (a.created - b.created)),
      (c) => c.id,
      commentJson,
    )
  })
  graph('GET', '/:id', (req) => {
    const p = posts.find((x) => x.id === req.params.id)
    if (p) return { json: postJson(p) }
    const ph = photoById(req.params.id!)
    if (ph)
      return {
        json: {
          id: ph.id,
          ...(ph.caption ? { name: ph.caption } : {}),
          created_time: fbTime(ph.created),
          from: page,
          link: photoLink(ph),
          images: [{ source: photoSrc(ph) }],
        },
      }
    const c = comments.find((x) => x.id === req.params.id)
    if (c) return { json: commentJson(c) }
    return graphError(
      400,
      `Unsupported get request. Object with ID '${req.params.id}' does not exist.`,
      'GraphMethodException',
      100,
      33,
    )
  })
  // ——— Writes, with a Page token ———
  const asPage = (token?: { kind: 'user' | 'page' }) => token?.kind === 'page'
  /** The multipart `source` part as a new photo, or the Graph error saying why not. */
  function uploaded(req: FakeRequest, published: boolean, caption: string): FakePhoto | FakeResponse {
    const file = req.files.source
    if (!file || file.bytes.length === 0) return graphError(400, '(#324) Requires upload file', 'OAuthException', 324)
    if (!file.contentType.startsWith('image/'))
      return graphError(400, '(#324) Missing or invalid image file', 'OAuthException', 324)
    const ph: FakePhoto = {
      id: String(seq++),
      filename: file.filename,
      contentType: file.contentType,
      bytes: file.bytes,
      caption,
      created: tick(),
      published,
    }
    photos.push(ph)
    return ph
  }
  const isError = (x: FakePhoto | FakeResponse): x is FakeResponse => 'json' in x
  graph('POST', '/:page/photos', (req, token) => {
    if (!asPage(token))
      return graphError(403, "(#200) The user hasn't authorized the application to perform this action", 'OAuthException', 200)
    if (req.params.page !== PAGE_ID) return graphError(400, 'Unsupported post request.', 'GraphMethodException', 100, 33)
    const body = req.body as Record<string, unknown>
    const published = String(body.published ?? 'true') !== 'false'
    const caption = String(body.message ?? body.caption ?? '')
    const ph = uploaded(req, published, caption)
    if (isError(ph)) return ph
    if (!published) return { json: { id: ph.id } }
    // A published photo is a post on the Page: its message is the caption.
    const post = addPost(caption)
    post.photoIds = [ph.id]
    ph.usedBy = post.id
    return { json: { id: ph.id, post_id: post.id } }
  })
  graph('POST', '/:page/feed', (req, token) => {
    if (!asPage(token))
      return graphError(403, "(#200) The user hasn't authorized the application to perform this action", 'OAuthException', 200)
    const body = req.body as Record<string, unknown>
    const message = String(body.message ?? '')
    // attached_media[0]={"media_fbid":"…"}, attached_media[1]=…: unpublished photos of this Page, each used once.
    const attached: [number, unknown][] = Object.entries(body)
      .map(([k, v]) => [/^attached_media\[(\d+)\]$/.exec(k), v] as const)
      .filter((e): e is [RegExpExecArray, unknown] => e[0] !== null)
      .map(([m, v]) => [Number(m[1]), v])
    attached.sort((a, b) => a[0] - b[0])
    const media: FakePhoto[] = []
    for (const [i, raw] of attached) {
      let fbid: unknown
      try {
        fbid = (JSON.parse(String(raw)) as { media_fbid?: unknown }).media_fbid
      } catch {
        fbid = undefined
      }
      if (typeof fbid !== 'string' && typeof fbid !== 'number')
        return graphError(400, `(#100) param attached_media[${i}] must be an object with a media_fbid`, 'OAuthException', 100)
      const ph = photoById(String(fbid))
      if (!ph)
        return graphError(
          400,
          `(#100) attached_media[${i}]: media_fbid ${String(fbid)} is not a photo of this Page`,
          'OAuthException',
          100,
        )
      if (ph.usedBy || ph.published || media.includes(ph))
        return graphError(400, `(#100) attached_media[${i}]: photo ${ph.id} is already published`, 'OAuthException', 100)
      media.push(ph)
    }
    if (!message.trim() && media.length === 0)
      return graphError(400, '(#100) Missing message or attachment', 'OAuthException', 100)
    const post = addPost(message)
    if (media.length) {
      post.photoIds = media.map((ph) => ph.id)
      for (const ph of media) Object.assign(ph, { usedBy: post.id, published: true })
    }
    return { json: { id: post.id } }
  })
  graph('POST', '/:id/comments', (req, token) => {
    if (!asPage(token)) return graphError(403, '(#200) Permissions error', 'OAuthException', 200)
    const message = String((req.body as Record<string, unknown>).message ?? '')
    const withPhoto = req.files.source !== undefined
    if (!message.trim() && !withPhoto) return graphError(400, '(#100) Missing message or attachment', 'OAuthException', 100)
    const post = posts.find((p) => p.id === req.params.id)
    const parent = comments.find((c) => c.id === req.params.id)
    if (!post && !parent)
      return graphError(
        400,
        `Unsupported post request. Object with ID '${req.params.id}' does not exist.`,
        'GraphMethodException',
        100,
        33,
      )
    const ph = withPhoto ? uploaded(req, true, '') : undefined
    if (ph && isError(ph)) return ph
    const c = addComment(post?.id ?? parent!.postId, message, { parentId: parent?.id, from: page.name, photoId: ph?.id })
    if (ph) ph.usedBy = c.id
    return { json: { id: c.id } }
  })
  const likes: string[] = []
  graph('POST', '/:id/likes', (req) => {
    likes.push(req.params.id!)
    return { json: { success: true } }
  })
  graph('DELETE', '/:id/likes', (req) => {
    const at = likes.indexOf(req.params.id!)
    if (at >= 0) likes.splice(at, 1)
    return { json: { success: true } }
  })
  graph('POST', '/:id', (req) => {
    const c = comments.find((x) => x.id === req.params.id)
    if (!c) return graphError(400, 'Unsupported post request.', 'GraphMethodException', 100, 33)
    c.hidden = String((req.body as Record<string, unknown>).is_hidden) === 'true'
    return { json: { success: true } }
  })
  graph('DELETE', '/:id', (req) => {
    const ci = comments.findIndex((x) => x.id === req.params.id)
    if (ci >= 0) comments.splice(ci, 1)
    const pi = posts.findIndex((x) => x.id === req.params.id)
    if (pi >= 0) posts.splice(pi, 1)
    return ci < 0 && pi < 0
      ? graphError(400, 'Unsupported delete request.', 'GraphMethodException', 100, 33)
      : { json: { success: true } }
  })

  const running = await startFakeServer(router, { port: opts.port })
  origin = running.url
  let timer: NodeJS.Timeout | undefined
  if (opts.autoPostEverySeconds && opts.autoPostEverySeconds > 0) {
    const lines = [
      'When does the beta open?',
      'Love this community!',
      'My login fails since yesterday.',
      'Any plans for a mobile app?',
    ]
    let n = 0
    timer = setInterval(() => {
      addComment(posts[0]!.id, lines[n % lines.length]!, { from: fans[n % 2]!.name })
      n += 1
    }, opts.autoPostEverySeconds * 1000)
    timer.unref()
  }
  return {
    ...running,
    addPost,
    addComment,
    posts,
    comments,
    photos,
    faults,
    likes: () => [...likes],
    revokeAll() {
      for (const t of tokens.values()) t.revoked = true
    },
    close: async () => {
      if (timer) clearInterval(timer)
      await running.close()
    },
  }
}
