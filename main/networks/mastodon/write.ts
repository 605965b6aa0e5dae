// Writing to one Mastodon account: statuses (with an Idempotency-Key, which the server keeps for
// an hour: a resend under the same key returns the first status instead of posting twice),
// favourites, boosts, deletion and reports. Answers are parsed like reads and mapped to Items, so
// the outbox can update them in place.
import { z } from 'zod'
import type { DraftMention } from '../../../preload/model'
import { NetworkFailure, UserError, isNetworkFailure } from '../../core/errors'
import type { HttpResponse } from '../../core/http/client'
import { mastodonRateLimit } from '../../core/http/rate-limit'
import { accountUserId, type AdapterContext, type NetworkWrites, type OutgoingDraft, type WriteOutcome } from '../types'
import { parseLinkHeader } from './adapter'
import { htmlToText, statusToItem } from './mapping'
import { StatusListSchema, StatusSchema, type MastodonStatus } from './schemas'
import { fileBlob } from '../upload'

/** POST /api/v1/reports → Report (only what tells us it was filed). */
const MediaSchema = z.object({ id: z.string().min(1), url: z.string().nullish() })
/** Video and audio are processed after the upload: ask this often, this many times, before giving up for now. */
const MEDIA_POLL_MS = 500
const MEDIA_POLLS = 120
const ReportSchema = z.object({ id: z.string().min(1), category: z.string().optional() })

/** How long Mastodon remembers an Idempotency-Key (PostStatusService: 3600 s). */
export const IDEMPOTENCY_WINDOW_MS = 3_600_000
/** How far back findExisting looks before the first attempt (clocks differ). */
const CLOCK_SKEW_MS = 5 * 60_000
const MAX_PAGES = 5

/**
 * The status text: each structured mention becomes `@acct` at its place (so "@Alice" picked from
 * the autocomplete is sent as "@alice@example.social", which the server resolves).
 */
export function statusText(draft: Pick<OutgoingDraft, 'text' | 'mentions'>): string {
  let text = draft.text
  const mentions = [...(draft.mentions ?? [])].sort((a, b) => b.start - a.start)
  for (const m of mentions) text = text.slice(0, m.start) + mentionText(m, text.slice(m.start, m.end)) + text.slice(m.end)
  return text
}

function mentionText(m: DraftMention, shown: string): string {
  if (m.handle) return `@${m.handle.replace(/^@/, '')}`
  if (/^@[A-Za-z0-9_]+(@[A-Za-z0-9.-]+)?$/.test(shown)) return shown
  throw new UserError('invalid-mention', `Mastodon needs the handle of ${m.name ?? shown} (like @name@server) to mention them.`)
}

/** Text as it reads after the server rendered it: remote mentions show without their domain, spaces collapse. */
export function comparableText(text: string): string {
  return text
    .replace(/(?<![\w/@])(@[A-Za-z0-9_]+)@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
}

export function createMastodonWrites(ctx: AdapterContext): NetworkWrites {
  const { account, http } = ctx

  function base(): string {
    if (!account.server) throw new NetworkFailure('auth', `${account.handle} has no server address; sign in again.`)
    return account.server
  }

  async function authHeaders(): Promise<Record<string, string>> {
    if (account.anonymous) throw new UserError('read-only', 'A public source cannot write.')
    const { accessToken } = await ctx.credentials.get()
    if (!accessToken) throw new NetworkFailure('auth', `No access token stored for ${account.handle}; sign in again.`)
    return { authorization: `Bearer ${accessToken}` }
  }

  async function call<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    schema: S,
    extra: { json?: unknown; headers?: Record<string, string>; searchParams?: URLSearchParams; multipart?: FormData } = {},
  ) {
    return http.json(
      {
        url: path.startsWith('http') ? path : `${base()}${path}`,
        method,
        headers: { ...(await authHeaders()), ...extra.headers },
        json: extra.json,
        multipart: extra.multipart,
        searchParams: extra.searchParams,
        rateLimit: mastodonRateLimit,
      },
      schema,
    )
  }

  const statusPath = (id: string, action = '') => `/api/v1/statuses/${encodeURIComponent(id)}${action}`
  const toOutcome = (status: MastodonStatus): WriteOutcome => ({ item: statusToItem(account, status) })
  /** The account's own id on its server: the last part of our account id (mastodon:<host>:<id>). */
  const myId = () => accountUserId(account)

  /** Waits until the server has processed an upload (GET /api/v1/media/:id answers 206 until then, 200 after). */
  async function processed(id: string): Promise<void> {
    for (let i = 0; i < MEDIA_POLLS; i++) {
      await new Promise((resolve) => setTimeout(resolve, MEDIA_POLL_MS))
      const { data } = await call('GET', `/api/v1/media/${encodeURIComponent(id)}`, MediaSchema)
      if (data.url) return
    }
    // Transient: the outbox tries the whole post again later.
    throw new NetworkFailure(
      'transient',
      `${account.server ?? 'Mastodon'} is still processing the video; Crosstalk will try again.`,
    )
  }

  async function create(draft: OutgoingDraft, key: string): Promise<WriteOutcome> {
    if (draft.target) {
      throw new UserError('unsupported-target', 'Mastodon has no groups or profile walls: a post goes to your own timeline.')
    }
    const body: Record<string, unknown> = { status: statusText(draft) }
    // Each attempt uploads its files again: an upload not attached to a status is harmless (the server cleans it up).
    const mediaIds: string[] = []
    for (const file of draft.files ?? []) {
      const form = new FormData()
      form.set('file', fileBlob(file), file.name)
      if (file.description) form.set('description', file.description)
      const { data } = await call('POST', '/api/v2/media', MediaSchema, { multipart: form })
      if (!data.url) await processed(data.id)
      mediaIds.push(data.id)
    }
    if (mediaIds.length) body.media_ids = mediaIds
    if (draft.visibility) body.visibility = draft.visibility
    if (draft.warning && draft.warning.trim() !== '') body.spoiler_text = draft.warning
    if (draft.replyTo) body.in_reply_to_id = draft.replyTo
    const { data } = await call('POST', '/api/v1/statuses', StatusSchema, { json: body, headers: { 'idempotency-key': key } })
    return toOutcome(data)
  }

  async function act(id: string, action: string): Promise<WriteOutcome> {
    const { data } = await call('POST', statusPath(id, action), StatusSchema)
    return toOutcome(data)
  }

  return {
    idempotencyWindowMs: IDEMPOTENCY_WINDOW_MS,

    post: (draft, key) => create(draft, key),
    reply: (draft, key) => create(draft, key),
    like: (id) => act(id, '/favourite'),
    unlike: (id) => act(id, '/unfavourite'),

    async repost(id) {
      // The answer is our boost; what changed for the reader is the boosted status (its count, our mark).
      const { data } = await call('POST', statusPath(id, '/reblog'), StatusSchema)
      return toOutcome(data.reblog ? { ...data.reblog, reblog: null } : data)
    },
    unrepost: (id) => act(id, '/unreblog'),

    async remove(id) {
      try {
        await call('DELETE', statusPath(id), StatusSchema)
        return {}
      } catch (error) {
        if (!(isNetworkFailure(error) && error.details.status === 404)) throw error
      }
      // Mastodon answers 404 both for "already deleted" and for "not yours": tell them apart.
      try {
        await call('GET', statusPath(id), StatusSchema)
      } catch (error) {
        if (isNetworkFailure(error) && error.details.status === 404) return {}
        throw error
      }
      throw new NetworkFailure('permanent', 'Mastodon deletes only your own posts; this one is someone else’s.', { status: 404 })
    },

    async report(id, report) {
      const { data: status } = await call('GET', statusPath(id), StatusSchema)
      const reported = status.reblog ?? status
      await call('POST', '/api/v1/reports', ReportSchema, {
        json: {
          account_id: reported.account.id,
          status_ids: [reported.id],
          ...(report.comment ? { comment: report.comment } : {}),
          ...(report.forward !== undefined ? { forward: report.forward } : {}),
          category: 'other',
        },
      })
      return {}
    },

    /** Our own recent statuses, newest first, back to `since`: the same text (and parent) means it was posted. */
    async findExisting(write, since) {
      if (write.action !== 'post' && write.action !== 'reply') return null
      const wanted = comparableText(statusText(write.draft))
      const parent = write.action === 'reply' ? write.draft.replyTo : undefined
      const warning = write.draft.warning?.trim() ?? ''
      let url: string | undefined = `/api/v1/accounts/${encodeURIComponent(myId())}/statuses`
      let params: URLSearchParams | undefined = new URLSearchParams({ limit: '40', exclude_reblogs: 'true' })
      for (let page = 0; url && page < MAX_PAGES; page++) {
        const res: HttpResponse<MastodonStatus[]> = await call('GET', url, StatusListSchema, { searchParams: params })
        for (const s of res.data) {
          if (Date.parse(s.created_at) < since - CLOCK_SKEW_MS) return null
          const sameParent = (s.in_reply_to_id ?? undefined) === parent
          if (sameParent && s.spoiler_text.trim() === warning && comparableText(htmlToText(s.content)) === wanted) {
            return toOutcome(s)
          }
        }
        const next = parseLinkHeader(res.headers.get('link')).next
        // The token goes only to our own server.
        url = next && next.origin === new URL(base()).origin ? next.toString() : undefined
        params = undefined
      }
      return null
    },
  }
}
