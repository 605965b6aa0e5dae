// A loopback X: OAuth 2.0 (/i/oauth2/authorize consent page, /2/oauth2/token with PKCE and
// rotating refresh tokens, /2/oauth2/revoke; tokens carry the scopes asked for) and API v2
// (/2/users/me, home timeline, mentions, search/recent incl. conversation_id:, /2/tweets/:id) with
// expansions, meta paging, problem JSON errors and x-rate-limit-* headers on every answer.
// Media as X takes it (scope media.write): the one-shot POST /2/media/upload for images, the
// chunked initialize/append/finalize/STATUS for GIFs, alt text by POST /2/media/metadata; posts
// carry media.media_ids, and read back with attachments.media_keys, includes.media (only the
// media.fields asked for) and the media's t.co link at the end of the text; the files are served
// byte for byte.
import { randomBytes } from 'node:crypto'
import { consentPage, consentRedirect } from '../common/consent'
import { createFaults, type Faults } from '../common/faults'
import { verifyPkce } from '../common/pkce'
import { Router, startFakeServer, type FakeRequest, type FakeResponse, type RunningFake } from '../common/server'

export const CLIENT_ID = 'Y3Jvc3N0YWxrLWRlbW8tY2xpZW50'

interface FakeTweet {
  id: string
  authorId: string
  text: string
  createdAt: number
  conversationId: string
  replyTo?: string
  retweetOf?: string
  likes: number
  /** Media attached when posted (ids, in order). */
  mediaIds?: string[]
}
/** One uploaded file, as X keeps it. */
export interface FakeMedia {
  id: string
  mediaKey: string
  category: string
  mediaType: string
  bytes: Buffer
  /** Chunked uploads: the declared size, the segments so far, and processing after FINALIZE. */
  totalBytes?: number
  segments?: Map<number, Buffer>
  state: 'uploading' | 'processing' | 'succeeded'
  readyAt?: number
  altText?: string
  /** The post it is attached to. */
  usedBy?: string
}
export interface FakeXOptions {
  port?: number
  /** Requests per 15-minute window per endpoint family (real: varies by tier). */
  rateLimit?: number
  autoPostEverySeconds?: number
}
export type FakeX = RunningFake & {
  addTweet(input: { text: string; author?: string; replyTo?: string; retweetOf?: string }): FakeTweet
  tweets: FakeTweet[]
  faults: Faults
  /** Every upload, in order. */
  media: FakeMedia[]
  /** Tokens issued from now on leave these scopes out (an app that did not ask for them). */
  withholdScopes(scopes: string[]): void
  /** Ids of the replies hidden by their conversation's author. */
  hiddenReplies(): string[]
  expireAccessTokens(): void
  tokens(): { issued: number; refreshed: number; revoked: number }
}

const problem = (status: number, title: string, detail: string, type: string): FakeResponse => ({
  status,
  json: { title, detail, type, status },
})
/** X's answer to a request whose parameters do not validate: the generic problem plus which parameter and why. */
const invalidParameter = (name: string, value: unknown, message: string): FakeResponse => ({
  status: 400,
  json: {
    errors: [{ parameters: { [name]: [value] }, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  },
})

/** What X takes in one request (MediaCategoryOneShot / MediaUploadRequestOneShot.media_type). */
const ONE_SHOT_CATEGORIES = ['tweet_image', 'dm_image', 'subtitles']
const ONE_SHOT_TYPES = ['text/srt', 'text/vtt', 'image/jpeg', 'image/bmp', 'image/png', 'image/webp', 'image/pjpeg', 'image/tiff']
/** What the chunked upload takes (MediaCategory / MediaUploadConfigRequest.media_type), the video kinds aside. */
const CHUNKED_CATEGORIES = [
  'tweet_image',
  'tweet_gif',
  'tweet_video',
  'amplify_video',
  'dm_image',
  'dm_gif',
  'dm_video',
  'subtitles',
]
const CHUNKED_TYPES = [...ONE_SHOT_TYPES, 'image/gif', 'video/mp4', 'video/webm', 'video/mp2t', 'video/quicktime']
/** Size limits of the media guide: images 5 MB, GIFs 15 MB. */
const IMAGE_BYTES = 5 * 1024 * 1024
const GIF_BYTES = 15 * 1024 * 1024
/** Media key prefixes X uses: 3_ photo, 16_ animated GIF, 7_ video. */
const KEY_PREFIX: Record<string, string> = { tweet_image: '3', dm_image: '3', tweet_gif: '16', dm_gif: '16' }

/** The file's real type from its first bytes, the way X recognizes uploads (undefined: not an image). */
function sniffImage(b: Buffer): string | undefined {
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'image/gif'
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp'
  if (b.length >= 2 && b.subarray(0, 2).toString('latin1') === 'BM') return 'image/bmp'
  return undefined
}

export async function startFakeX(opts: FakeXOptions = {}): Promise<FakeX> {
  const faults = createFaults()
  const router = new Router()
  const users = [
    { id: '1001', name: 'Crosstalk Support', username: 'crosstalk_help' },
    { id: '1002', name: 'Riley Customer', username: 'riley' },
    { id: '1003', name: 'Sam Fan', username: 'samfan' },
  ]
  const me = users[0]!
  const tweets: FakeTweet[] = []
  const hidden = new Set<string>()
  let seq = 1_800_000_000_000_000_000n
  let clock = Date.now() - 3600_000
  const media: FakeMedia[] = []
  const withheld = new Set<string>()
  const codes = new Map<string, { challenge: string; redirectUri: string; scope: string }>()
  const access = new Map<string, { expired: boolean; scopes: Set<string> }>()
  const refresh = new Map<string, { used: boolean; scope: string }>()
  const counts = { issued: 0, refreshed: 0, revoked: 0 }
  const limit = opts.rateLimit ?? 180
  let windowStart = Date.now()
  let used = 0
  let origin = ''

  function addTweet(input: {
    text: string
    author?: string
    replyTo?: string
    retweetOf?: string
    mediaIds?: string[]
  }): FakeTweet {
    seq += 1000n
    clock = Math.max(clock + 1000, Date.now())
    const parent = input.replyTo ? tweets.find((t) => t.id === input.replyTo) : undefined
    const id = String(seq)
    const t: FakeTweet = {
      id,
      authorId: users.find((u) => u.username === input.author)?.id ?? '1002',
      text: input.text,
      createdAt: clock,
      conversationId: parent?.conversationId ?? id,
      replyTo: parent?.id,
      retweetOf: input.retweetOf,
      likes: 0,
      ...(input.mediaIds?.length ? { mediaIds: input.mediaIds } : {}),
    }
    tweets.push(t)
    return t
  }
  const root = addTweet({ text: '@crosstalk_help the export keeps failing since the update 😞 #bug' })
  addTweet({ text: '@riley sorry about that! Could you DM us your version?', author: 'crosstalk_help', replyTo: root.id })
  addTweet({ text: 'Same here, export is broken https://t.co/abc', author: 'samfan', replyTo: root.id })
  addTweet({ text: 'Loving the new dashboard from @crosstalk_help', author: 'samfan' })

  const mentionsOf = (text: string) => [...text.matchAll(/@(\w+)/g)]
  const tweetJson = (t: FakeTweet) => {
    const cp = (utf16: number) => [...t.text.slice(0, utf16)].length
    const author = users.find((u) => u.id === t.authorId)!
    const urls: {
      start: number
      end: number
      url: string
      expanded_url: string
      display_url: string
      media_key?: string
    }[] = [...t.text.matchAll(/https?:\/\/\S+/g)].map((m) => ({
      start: cp(m.index!),
      end: cp(m.index!) + [...m[0]].length,
      url: m[0],
      expanded_url: 'https://example.com/status',
      display_url: 'example.com/status',
    }))
    const mentions = mentionsOf(t.text).map((m) => ({
      start: cp(m.index!),
      end: cp(m.index!) + m[0].length,
      username: m[1]!,
      id: users.find((u) => u.username === m[1])?.id,
    }))
    const hashtags = [...t.text.matchAll(/#(\w+)/g)].map((m) => ({
      start: cp(m.index!),
      end: cp(m.index!) + m[0].length,
      tag: m[1]!,
    }))
    // Media: one t.co link at the end of the text, one url entity per file naming its media key.
    const attached = (t.mediaIds ?? []).map((id) => media.find((m) => m.id === id)!)
    let text = t.text
    if (attached.length) {
      const code = Buffer.from(t.id).toString('base64url').slice(-10)
      const link = `https://t.co/${code}`
      text = t.text ? `${t.text} ${link}` : link
      const start = [...text].length - link.length
      attached.forEach((m, i) =>
        urls.push({
          start,
          end: start + link.length,
          url: link,
          expanded_url: `https://x.com/${author.username}/status/${t.id}/${m.category === 'tweet_gif' ? 'video' : 'photo'}/${i + 1}`,
          display_url: `pic.x.com/${code}`,
          media_key: m.mediaKey,
        }),
      )
    }
    return {
      id: t.id,
      text,
      author_id: author.id,
      created_at: new Date(t.createdAt).toISOString(),
      conversation_id: t.conversationId,
      edit_history_tweet_ids: [t.id],
      ...(t.replyTo ? { in_reply_to_user_id: tweets.find((x) => x.id === t.replyTo)!.authorId } : {}),
      ...(t.replyTo || t.retweetOf
        ? { referenced_tweets: [t.replyTo ? { type: 'replied_to', id: t.replyTo } : { type: 'retweeted', id: t.retweetOf! }] }
        : {}),
      public_metrics: {
        retweet_count: tweets.filter((x) => x.retweetOf === t.id).length,
        reply_count: tweets.filter((x) => x.replyTo === t.id).length,
        like_count: t.likes,
        quote_count: 0,
        bookmark_count: 0,
        impression_count: 42,
      },
      entities: {
        ...(urls.length ? { urls } : {}),
        ...(mentions.length ? { mentions } : {}),
        ...(hashtags.length ? { hashtags } : {}),
      },
      ...(attached.length ? { attachments: { media_keys: attached.map((m) => m.mediaKey) } } : {}),
    }
  }
  /** The media object for includes.media: media_key and type always, the rest only when media.fields asks. */
  const mediaJson = (m: FakeMedia, req: FakeRequest) => {
    const fields = new Set((req.url.searchParams.get('media.fields') ?? '').split(',').filter(Boolean))
    const file = `${origin}/media/${m.mediaKey}`
    const gif = m.category === 'tweet_gif'
    return {
      media_key: m.mediaKey,
      type: gif ? 'animated_gif' : 'photo',
      ...(!gif && fields.has('url') ? { url: `${file}.${m.mediaType.split('/')[1]}` } : {}),
      ...(gif && fields.has('preview_image_url') ? { preview_image_url: `${file}.thumb.gif` } : {}),
      ...(gif && fields.has('variants') ? { variants: [{ bit_rate: 0, content_type: 'video/mp4', url: `${file}.mp4` }] } : {}),
      ...(m.altText !== undefined && fields.has('alt_text') ? { alt_text: m.altText } : {}),
    }
  }
  const includedMedia = (shown: FakeTweet[], req: FakeRequest) => {
    const wanted = (req.url.searchParams.get('expansions') ?? '').split(',').includes('attachments.media_keys')
    const list = wanted ? shown.flatMap((t) => (t.mediaIds ?? []).map((id) => media.find((m) => m.id === id)!)) : []
    return list.length ? { media: list.map((m) => mediaJson(m, req)) } : {}
  }
  function listAnswer(req: FakeRequest, all: FakeTweet[], pageParam: string): FakeResponse {
    const q = req.url.searchParams
    const max = Number(q.get('max_results') ?? '10')
    if (!Number.isInteger(max) || max < 5 || max > 100)
      return problem(
        400,
        'Invalid Request',
        'One or more parameters to your request was invalid.',
        'https://api.twitter.com/2/problems/invalid-request',
      )
    const since = q.get('since_id')
    const token = q.get(pageParam)
    const sorted = [...all]
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
      .filter((t) => !since || BigInt(t.id) > BigInt(since))
    const start = token ? sorted.findIndex((t) => t.id === Buffer.from(token, 'base64url').toString()) : 0
    const page = sorted.slice(Math.max(0, start), Math.max(0, start) + max)
    const rest = sorted[Math.max(0, start) + max]
    const refs = page.flatMap((t) => (t.retweetOf ? tweets.filter((x) => x.id === t.retweetOf) : []))
    const authors = new Set([...page, ...refs].map((t) => t.authorId))
    return {
      json: {
        ...(page.length ? { data: page.map(tweetJson) } : {}),
        ...(page.length
          ? {
              includes: {
                users: users
                  .filter((u) => authors.has(u.id))
                  .map((u) => ({ ...u, profile_image_url: `${origin}/profile_images/${u.id}_normal.jpg` })),
                ...(refs.length ? { tweets: refs.map(tweetJson) } : {}),
                ...includedMedia([...page, ...refs], req),
              },
            }
          : {}),
        meta: {
          result_count: page.length,
          ...(page.length ? { newest_id: page[0]!.id, oldest_id: page[page.length - 1]!.id } : {}),
          ...(rest ? { next_token: Buffer.from(rest.id).toString('base64url') } : {}),
        },
      },
    }
  }

  // ——— OAuth 2.0 ———
  router.on('GET', '/i/oauth2/authorize', (req) => {
    const q = req.url.searchParams
    if (q.get('client_id') !== CLIENT_ID)
      return { status: 400, text: 'Something went wrong: You weren’t able to give access to the App.', contentType: 'text/html' }
    if (q.get('code_challenge_method') !== 'S256')
      return { status: 400, text: 'code_challenge_method must be S256', contentType: 'text/html' }
    return {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      text: consentPage({
        title: 'Crosstalk wants to access your X account',
        appName: 'Crosstalk',
        scopes: q.get('scope') ?? '',
        action: `${origin}/i/oauth2/authorize/consent`,
        hidden: Object.fromEntries(['redirect_uri', 'state', 'code_challenge', 'scope'].map((k) => [k, q.get(k) ?? ''])),
      }),
    }
  })
  router.on('POST', '/i/oauth2/authorize/consent', (req) => {
    const b = req.body as Record<string, string>
    if (b.decision !== 'approve') return consentRedirect(b.redirect_uri!, { error: 'access_denied', state: b.state ?? '' })
    const code = randomBytes(24).toString('base64url')
    codes.set(code, { challenge: b.code_challenge!, redirectUri: b.redirect_uri!, scope: b.scope ?? '' })
    return consentRedirect(b.redirect_uri!, { code, state: b.state ?? '' })
  })
  // The token carries the scopes the app asked for (less any the test withholds); the answer lists them.
  const issue = (asked: string) => {
    const scope = asked
      .split(' ')
      .filter((x) => x && !withheld.has(x))
      .join(' ')
    const a = randomBytes(30).toString('base64url')
    const r = randomBytes(30).toString('base64url')
    access.set(a, { expired: false, scopes: new Set(scope.split(' ')) })
    refresh.set(r, { used: false, scope })
    return { token_type: 'bearer', expires_in: 7200, access_token: a, scope, refresh_token: r }
  }
  router.on('POST', '/2/oauth2/token', (req) => {
    const b = req.body as Record<string, string>
    if (b.client_id !== CLIENT_ID)
      return { status: 401, json: { error: 'unauthorized_client', error_description: 'Missing valid authorization header' } }
    if (b.grant_type === 'authorization_code') {
      const c = codes.get(b.code ?? '')
      codes.delete(b.code ?? '')
      if (!c || c.redirectUri !== b.redirect_uri || !verifyPkce(c.challenge, b.code_verifier))
        return {
          status: 400,
          json: { error: 'invalid_request', error_description: 'Value passed for the authorization code was invalid.' },
        }
      counts.issued += 1
      return { json: issue(c.scope) }
    }
    if (b.grant_type === 'refresh_token') {
      const r = refresh.get(b.refresh_token ?? '')
      if (!r || r.used)
        return { status: 400, json: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' } }
      r.used = true
      counts.refreshed += 1
      return { json: issue(r.scope) }
    }
    return { status: 400, json: { error: 'unsupported_grant_type', error_description: 'grant_type not supported' } }
  })
  router.on('POST', '/2/oauth2/revoke', (req) => {
    const a = access.get(String((req.body as Record<string, string>).token ?? ''))
    if (a) a.expired = true
    counts.revoked += 1
    return { json: { revoked: true } }
  })

  // ——— API v2 ———
  function api(path: string, handler: (req: FakeRequest) => FakeResponse, method = 'GET', scope?: string) {
    router.on(method, `/2/${path}`, async (req) => {
      if (Date.now() - windowStart >= 900_000) {
        windowStart = Date.now()
        used = 0
      }
      used += 1
      const rl = {
        'x-rate-limit-limit': String(limit),
        'x-rate-limit-remaining': String(Math.max(0, limit - used)),
        'x-rate-limit-reset': String(Math.ceil((windowStart + 900_000) / 1000)),
      }
      const tooMany = (retryAfter?: number): FakeResponse => ({
        status: 429,
        headers: {
          ...rl,
          'x-rate-limit-remaining': '0',
          ...(retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}),
        },
        json: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      })
      if (used > limit) return tooMany()
      const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1]
      const a = token ? access.get(token) : undefined
      if (!a || a.expired) return { ...problem(401, 'Unauthorized', 'Unauthorized', 'about:blank'), headers: rl }
      // A token without the endpoint's scope (media.write for uploads) is refused, as X does.
      if (scope && !a.scopes.has(scope)) return { ...problem(403, 'Forbidden', 'Forbidden', 'about:blank'), headers: rl }
      const res = (await faults.apply(tooMany)) ?? handler(req)
      return { ...res, headers: { ...rl, ...res.headers } }
    })
  }
  api('users/me', () => ({ json: { data: { ...me, profile_image_url: `${origin}/profile_images/${me.id}_normal.jpg` } } }))
  api('users/:id/timelines/reverse_chronological', (req) =>
    req.params.id !== me.id
      ? problem(403, 'Forbidden', 'You can only read your own home timeline.', 'about:blank')
      : listAnswer(req, tweets, 'pagination_token'),
  )
  api('users/:id/mentions', (req) =>
    listAnswer(
      req,
      tweets.filter((t) => t.authorId !== req.params.id && mentionsOf(t.text).some((m) => m[1] === me.username)),
      'pagination_token',
    ),
  )
  api('tweets/search/recent', (req) => {
    const query = (req.url.searchParams.get('query') ?? '').trim()
    if (!query)
      return problem(
        400,
        'Invalid Request',
        'The `query` query parameter can not be empty',
        'https://api.twitter.com/2/problems/invalid-request',
      )
    const conv = /^conversation_id:(\d+)$/.exec(query)?.[1]
    const match = (t: FakeTweet) =>
      conv ? t.conversationId === conv && t.id !== conv : t.text.toLowerCase().includes(query.toLowerCase())
    return listAnswer(req, tweets.filter(match), 'next_token')
  })
  api('tweets/:id', (req) => {
    const t = tweets.find((x) => x.id === req.params.id)
    if (!t)
      return {
        json: {
          errors: [
            {
              value: req.params.id,
              detail: `Could not find tweet with id: [${req.params.id}].`,
              title: 'Not Found Error',
              resource_type: 'tweet',
              type: 'https://api.twitter.com/2/problems/resource-not-found',
            },
          ],
        },
      }
    const author = users.find((u) => u.id === t.authorId)!
    return {
      json: {
        data: tweetJson(t),
        includes: {
          users: [{ ...author, profile_image_url: `${origin}/profile_images/${author.id}_normal.jpg` }],
          ...includedMedia([t], req),
        },
      },
    }
  })
  // ——— Writes ———
  const likedBy = new Map<string, Set<string>>() // tweet id → user ids
  const invalid = (detail: string) =>
    problem(400, 'Invalid Request', detail, 'https://api.twitter.com/2/problems/invalid-request')
  api(
    'tweets',
    (req) => {
      const b = req.body as { text?: string; reply?: { in_reply_to_tweet_id?: string }; media?: { media_ids?: unknown } }
      const ids = b.media?.media_ids
      if (b.media !== undefined && (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')))
        return invalidParameter('media.media_ids', ids, 'media.media_ids must be a non-empty list of media ids.')
      const files = ((ids ?? []) as string[]).map((id) => media.find((m) => m.id === id))
      // Up to 4 photos, or one GIF; only the user's own finished uploads, each used once.
      if (files.some((m) => !m || m.state !== 'succeeded' || m.usedBy || !m.category.startsWith('tweet_')))
        return invalid('Your media IDs are invalid.')
      const gifs = files.filter((m) => m!.category === 'tweet_gif').length
      if (files.length > 4 || (gifs > 0 && files.length > 1))
        return invalid('Your post can have up to 4 images, or one GIF or video.')
      const text = b.text ?? ''
      if (!text.trim() && files.length === 0) return invalid('One or more parameters to your request was invalid.')
      if ([...text].length > 280)
        return problem(403, 'Forbidden', 'You are not allowed to create a Tweet with more than 280 characters.', 'about:blank')
      const parent = b.reply?.in_reply_to_tweet_id
      if (parent && !tweets.some((t) => t.id === parent)) return invalid('The tweet you are replying to does not exist.')
      const t = addTweet({ text, author: me.username, replyTo: parent, mediaIds: files.map((m) => m!.id) })
      for (const m of files) m!.usedBy = t.id
      const json = tweetJson(t)
      return { status: 201, json: { data: { id: t.id, text: json.text, edit_history_tweet_ids: [t.id] } } }
    },
    'POST',
  )

  // ——— Media ———
  let mediaSeq = 1_900_000_000_000_000_000n
  const newMedia = (category: string, mediaType: string, bytes: Buffer): FakeMedia => {
    mediaSeq += 7n
    const id = String(mediaSeq)
    const m: FakeMedia = { id, mediaKey: `${KEY_PREFIX[category] ?? '7'}_${id}`, category, mediaType, bytes, state: 'uploading' }
    media.push(m)
    return m
  }
  const uploaded = (m: FakeMedia, processing?: Record<string, unknown>) => ({
    id: m.id,
    media_key: m.mediaKey,
    size: m.bytes.length,
    expires_after_secs: 86_400,
    ...(processing ? { processing_info: processing } : {}),
  })
  const mine = (id: unknown) => media.find((m) => m.id === String(id ?? ''))
  // The one-shot upload: multipart, the file in `media`, a one-shot category (images, not GIFs).
  api(
    'media/upload',
    (req) => {
      const file = req.files.media
      const category = String(req.body.media_category ?? '')
      const declared = req.body.media_type === undefined ? undefined : String(req.body.media_type)
      if (!file) return invalidParameter('media', null, 'The `media` parameter can not be empty.')
      if (!ONE_SHOT_CATEGORIES.includes(category))
        return invalidParameter(
          'media_category',
          category,
          `\`media_category\` must be one of [${ONE_SHOT_CATEGORIES.join(', ')}].`,
        )
      if (declared !== undefined && !ONE_SHOT_TYPES.includes(declared))
        return invalidParameter('media_type', declared, `\`media_type\` must be one of [${ONE_SHOT_TYPES.join(', ')}].`)
      const real = sniffImage(file.bytes)
      if (!real || real === 'image/gif') return invalid('Unsupported media type; upload animated GIFs in chunks.')
      if (file.bytes.length > IMAGE_BYTES) return invalid(`File size exceeds ${IMAGE_BYTES} bytes.`)
      const m = newMedia(category, real, file.bytes)
      m.state = 'succeeded'
      return { json: { data: uploaded(m) } }
    },
    'POST',
    'media.write',
  )
  // Chunked: initialize (JSON), append segments (multipart), finalize, then STATUS while processing.
  api(
    'media/upload/initialize',
    (req) => {
      const b = req.body as { media_type?: string; total_bytes?: unknown; media_category?: string }
      const total = Number(b.total_bytes)
      if (!b.media_type || !CHUNKED_TYPES.includes(b.media_type))
        return invalidParameter(
          'media_type',
          b.media_type ?? null,
          `\`media_type\` must be one of [${CHUNKED_TYPES.join(', ')}].`,
        )
      if (!Number.isInteger(total) || total <= 0)
        return invalidParameter('total_bytes', b.total_bytes ?? null, '`total_bytes` must be a positive integer.')
      const category = b.media_category ?? 'tweet_image'
      if (!CHUNKED_CATEGORIES.includes(category))
        return invalidParameter(
          'media_category',
          category,
          `\`media_category\` must be one of [${CHUNKED_CATEGORIES.join(', ')}].`,
        )
      const limit = category.endsWith('_gif') ? GIF_BYTES : category.endsWith('_image') ? IMAGE_BYTES : Infinity
      if (total > limit) return invalid(`File size exceeds ${limit} bytes.`)
      const m = newMedia(category, b.media_type, Buffer.alloc(0))
      m.totalBytes = total
      m.segments = new Map()
      return { json: { data: { id: m.id, media_key: m.mediaKey, expires_after_secs: 86_400 } } }
    },
    'POST',
    'media.write',
  )
  api(
    'media/upload/:id/append',
    (req) => {
      const m = mine(req.params.id)
      if (!m || m.state !== 'uploading') return invalidParameter('id', req.params.id, 'No upload in progress with this id.')
      const index = Number(req.body.segment_index)
      if (!req.files.media) return invalidParameter('media', null, 'The `media` parameter can not be empty.')
      if (!Number.isInteger(index) || index < 0 || index > 999)
        return invalidParameter('segment_index', req.body.segment_index ?? null, '`segment_index` must be between 0 and 999.')
      if (req.files.media.bytes.length > IMAGE_BYTES) return invalid(`A segment holds at most ${IMAGE_BYTES} bytes.`)
      m.segments!.set(index, req.files.media.bytes)
      return { json: { data: { expires_at: Math.floor(Date.now() / 1000) + 86_400 } } }
    },
    'POST',
    'media.write',
  )
  api(
    'media/upload/:id/finalize',
    (req) => {
      const m = mine(req.params.id)
      if (!m || m.state !== 'uploading') return invalidParameter('id', req.params.id, 'No upload in progress with this id.')
      const bytes = Buffer.concat([...m.segments!.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b))
      if (bytes.length !== m.totalBytes) return invalid('Segments do not add up to provided total file size.')
      if (m.category.endsWith('_gif') && sniffImage(bytes) !== 'image/gif') return invalid('Unsupported media type.')
      m.bytes = bytes
      delete m.segments
      // GIFs and videos are processed after FINALIZE: STATUS says when they are ready.
      if (m.category.endsWith('_image') || m.category === 'subtitles') {
        m.state = 'succeeded'
        return { json: { data: uploaded(m) } }
      }
      Object.assign(m, { state: 'processing', readyAt: Date.now() + 1000 })
      return { json: { data: uploaded(m, { state: 'pending', check_after_secs: 1 }) } }
    },
    'POST',
    'media.write',
  )
  api(
    'media/upload',
    (req) => {
      const q = req.url.searchParams
      if (q.get('command') !== null && q.get('command') !== 'STATUS')
        return invalidParameter('command', q.get('command'), '`command` must be STATUS.')
      const m = mine(q.get('media_id'))
      if (!m) return invalidParameter('media_id', q.get('media_id'), 'No media with this id.')
      if (m.state === 'processing' && Date.now() >= (m.readyAt ?? 0)) m.state = 'succeeded'
      const info =
        m.state === 'processing'
          ? { state: 'in_progress', check_after_secs: 1, progress_percent: 50 }
          : { state: 'succeeded', progress_percent: 100 }
      return { json: { data: uploaded(m, info) } }
    },
    'GET',
    'media.write',
  )
  // Alt text (up to 1000 characters), for the user's own uploads.
  api(
    'media/metadata',
    (req) => {
      const b = req.body as { id?: unknown; metadata?: { alt_text?: { text?: unknown } } }
      const m = mine(b.id)
      if (!m) return invalidParameter('id', b.id ?? null, 'No media with this id.')
      const text = b.metadata?.alt_text?.text
      if (b.metadata?.alt_text !== undefined) {
        if (typeof text !== 'string') return invalidParameter('metadata.alt_text.text', text ?? null, 'Alt text is a string.')
        if ([...text].length > 1000)
          return invalidParameter('metadata.alt_text.text', text, 'Alt text can be at most 1000 characters.')
        m.altText = text
      }
      return {
        json: {
          data: { id: m.id, associated_metadata: m.altText !== undefined ? { alt_text: { text: m.altText } } : {} },
        },
      }
    },
    'POST',
    'media.write',
  )
  api(
    'tweets/:id',
    (req) => {
      const t = tweets.find((x) => x.id === req.params.id)
      if (t && t.authorId !== me.id)
        return problem(403, 'Forbidden', 'You are not authorized to delete this Tweet.', 'about:blank')
      if (t) tweets.splice(tweets.indexOf(t), 1)
      return { json: { data: { deleted: Boolean(t) } } }
    },
    'DELETE',
  )
  api(
    'tweets/:id/hidden',
    (req) => {
      const t = tweets.find((x) => x.id === req.params.id)
      if (!t) return invalid('The tweet does not exist.')
      const parent = t.replyTo ? tweets.find((x) => x.id === t.replyTo) : undefined
      if (!parent || tweets.find((x) => x.id === parent.conversationId)?.authorId !== me.id)
        return problem(403, 'Forbidden', 'You can only hide replies to conversations you started.', 'about:blank')
      hidden.add(t.id)
      if ((req.body as { hidden?: boolean }).hidden === false) hidden.delete(t.id)
      return { json: { data: { hidden: hidden.has(t.id) } } }
    },
    'PUT',
  )
  api(
    'users/:id/likes',
    (req) => {
      const id = String((req.body as { tweet_id?: string }).tweet_id ?? '')
      const t = tweets.find((x) => x.id === id)
      if (!t) return invalid('The tweet does not exist.')
      const set = likedBy.get(id) ?? new Set()
      if (!set.has(me.id)) t.likes += 1
      set.add(me.id)
      likedBy.set(id, set)
      return { json: { data: { liked: true } } }
    },
    'POST',
  )
  api(
    'users/:id/likes/:tweet',
    (req) => {
      const t = tweets.find((x) => x.id === req.params.tweet)
      if (t && likedBy.get(t.id)?.delete(me.id)) t.likes -= 1
      return { json: { data: { liked: false } } }
    },
    'DELETE',
  )
  api(
    'users/:id/retweets',
    (req) => {
      const id = String((req.body as { tweet_id?: string }).tweet_id ?? '')
      const t = tweets.find((x) => x.id === id)
      if (!t) return invalid('The tweet does not exist.')
      if (!tweets.some((x) => x.retweetOf === id && x.authorId === me.id))
        addTweet({ text: `RT ${t.text}`, author: me.username, retweetOf: id })
      return { json: { data: { retweeted: true } } }
    },
    'POST',
  )
  api(
    'users/:id/retweets/:tweet',
    (req) => {
      const rt = tweets.find((x) => x.retweetOf === req.params.tweet && x.authorId === me.id)
      if (rt) tweets.splice(tweets.indexOf(rt), 1)
      return { json: { data: { retweeted: false } } }
    },
    'DELETE',
  )
  api('users/:id/tweets', (req) => {
    const start = Date.parse(req.url.searchParams.get('start_time') ?? '') || 0
    return listAnswer(
      req,
      tweets.filter((t) => t.authorId === req.params.id && t.createdAt >= start),
      'pagination_token',
    )
  })
  router.on('GET', '/profile_images/:file', () => ({ status: 200, text: '', contentType: 'image/jpeg' }))
  // The files, as uploaded (photos at their url; a GIF's preview and mp4 variant both serve the GIF).
  router.on('GET', '/media/:file', (req) => {
    const m = media.find((x) => x.usedBy && (req.params.file ?? '').startsWith(`${x.mediaKey}.`))
    return m
      ? { status: 200, bytes: m.bytes, contentType: m.mediaType }
      : { status: 404, text: 'Not found', contentType: 'text/plain' }
  })

  const running = await startFakeServer(router, { port: opts.port })
  origin = running.url
  let timer: NodeJS.Timeout | undefined
  if (opts.autoPostEverySeconds && opts.autoPostEverySeconds > 0) {
    const lines = [
      '@crosstalk_help is the beta open?',
      'New release looks great #crosstalk',
      '@crosstalk_help my sync is stuck',
      'Anyone tried the new export?',
    ]
    let n = 0
    timer = setInterval(() => {
      addTweet({ text: lines[n % lines.length]!, author: n % 2 ? 'samfan' : 'riley' })
      n += 1
    }, opts.autoPostEverySeconds * 1000)
    timer.unref()
  }
  return {
    ...running,
    addTweet,
    tweets,
    faults,
    media,
    withholdScopes(scopes) {
      withheld.clear()
      for (const x of scopes) withheld.add(x)
    },
    hiddenReplies: () => [...hidden],
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
