// A loopback X: OAuth 2.0 (/i/oauth2/authorize consent page, /2/oauth2/token with PKCE and
// rotating refresh tokens, /2/oauth2/revoke) and API v2 (/2/users/me, home timeline, mentions,
// search/recent incl. conversation_id:, /2/tweets/:id) with expansions, meta paging, problem JSON
// errors and x-rate-limit-* headers on every answer.
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
  /** Ids of the replies hidden by their conversation's author. */
  hiddenReplies(): string[]
  expireAccessTokens(): void
  tokens(): { issued: number; refreshed: number; revoked: number }
}

const problem = (status: number, title: string, detail: string, type: string): FakeResponse => ({
  status,
  json: { title, detail, type, status },
})

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
  const codes = new Map<string, { challenge: string; redirectUri: string }>()
  const access = new Map<string, { expired: boolean }>()
  const refresh = new Map<string, { used: boolean }>()
  const counts = { issued: 0, refreshed: 0, revoked: 0 }
  const limit = opts.rateLimit ?? 180
  let windowStart = Date.now()
  let used = 0
  let origin = ''

  function addTweet(input: { text: string; author?: string; replyTo?: string; retweetOf?: string }): FakeTweet {
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
    const urls = [...t.text.matchAll(/https?:\/\/\S+/g)].map((m) => ({
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
    return {
      id: t.id,
      text: t.text,
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
    }
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
        hidden: Object.fromEntries(['redirect_uri', 'state', 'code_challenge'].map((k) => [k, q.get(k) ?? ''])),
      }),
    }
  })
  router.on('POST', '/i/oauth2/authorize/consent', (req) => {
    const b = req.body as Record<string, string>
    if (b.decision !== 'approve') return consentRedirect(b.redirect_uri!, { error: 'access_denied', state: b.state ?? '' })
    const code = randomBytes(24).toString('base64url')
    codes.set(code, { challenge: b.code_challenge!, redirectUri: b.redirect_uri! })
    return consentRedirect(b.redirect_uri!, { code, state: b.state ?? '' })
  })
  const issue = () => {
    const a = randomBytes(30).toString('base64url')
    const r = randomBytes(30).toString('base64url')
    access.set(a, { expired: false })
    refresh.set(r, { used: false })
    return {
      token_type: 'bearer',
      expires_in: 7200,
      access_token: a,
      scope: 'tweet.read users.read tweet.write like.write offline.access',
      refresh_token: r,
    }
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
      return { json: issue() }
    }
    if (b.grant_type === 'refresh_token') {
      const r = refresh.get(b.refresh_token ?? '')
      if (!r || r.used)
        return { status: 400, json: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' } }
      r.used = true
      counts.refreshed += 1
      return { json: issue() }
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
  function api(path: string, handler: (req: FakeRequest) => FakeResponse, method = 'GET') {
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
        includes: { users: [{ ...author, profile_image_url: `${origin}/profile_images/${author.id}_normal.jpg` }] },
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
      const b = req.body as { text?: string; reply?: { in_reply_to_tweet_id?: string } }
      if (!b.text?.trim()) return invalid('One or more parameters to your request was invalid.')
      if ([...b.text].length > 280)
        return problem(403, 'Forbidden', 'You are not allowed to create a Tweet with more than 280 characters.', 'about:blank')
      const parent = b.reply?.in_reply_to_tweet_id
      if (parent && !tweets.some((t) => t.id === parent)) return invalid('The tweet you are replying to does not exist.')
      const t = addTweet({ text: b.text, author: me.username, replyTo: parent })
      return { status: 201, json: { data: { id: t.id, text: t.text, edit_history_tweet_ids: [t.id] } } }
    },
    'POST',
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
