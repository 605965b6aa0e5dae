// Viva Engage (Yammer) writes as the outbox calls them: a message to a group or the user's feed,
// a reply (replied_to_id), each with files uploaded first as pending attachments and named by
// pending_attachment1…20; a share (shared_message_id) and its undoing (deleting the user's
// shares); like/unlike (messages/liked_by/current), delete. No idempotency key: an uncertain
// message or share is looked for in the user's sent messages first.
import { z } from 'zod'
import type { Item } from '../../../preload/model'
import { UserError, isNetworkFailure } from '../../core/errors'
import type { BearerSession } from '../bearer-session'
import type { AdapterContext, NetworkWrites, OutgoingDraft, OutgoingFile, PendingWrite, WriteOutcome } from '../types'
import type { YammerEndpoints } from './auth'
import { messageToItem, referenceIndex, yammerDate } from './mapping'
import { MessageListSchema, PendingAttachmentSchema, type Message } from './schemas'
import { fileBlob } from '../upload'

const EmptySchema = z.unknown()
/** How many files one message carries (pending_attachment1 … pending_attachment20). */
export const YAMMER_MAX_ATTACHMENTS = 20
/** How many pages of sent messages (20 each) are read to find a write that may have arrived, or one's shares. */
const SENT_PAGES = 5
/** How far back before the first attempt a found message still counts (clocks differ). */
const CLOCK_SKEW_MS = 60_000
const MESSAGE_ID = /^\d+$/

export function createYammerWrites(ctx: AdapterContext, e: YammerEndpoints, session: BearerSession): NetworkWrites {
  const { account, http } = ctx
  const send = <S extends z.ZodType>(
    method: 'POST' | 'DELETE',
    path: string,
    schema: S,
    form?: Record<string, string | undefined>,
    params?: Record<string, string>,
  ) =>
    session.call((token) =>
      http.json(
        { url: `${e.api}/api/v1/${path}`, method, form, searchParams: params, headers: { authorization: `Bearer ${token}` } },
        schema,
      ),
    )
  const mapped = (res: { data: z.output<typeof MessageListSchema> }, m: Message): Item =>
    messageToItem(account, m, referenceIndex(res.data.references))
  const created = async (form: Record<string, string | undefined>): Promise<WriteOutcome> => {
    const res = await send('POST', 'messages.json', MessageListSchema, form)
    const m = res.data.messages[0]
    return m ? { item: mapped(res, m) } : {}
  }
  const checkId = (id: string) => {
    if (!MESSAGE_ID.test(id)) throw new UserError('invalid-item', `"${id}" is not a Viva Engage message id.`)
    return id
  }
  const body = (draft: OutgoingDraft) => {
    const t = draft.text.trim()
    if (!t && !draft.files?.length) throw new UserError('empty-draft', 'Write something first.')
    // Yammer mentions are [[user:ID]] references in the body.
    let out = ''
    let at = 0
    for (const m of [...(draft.mentions ?? [])].sort((a, b) => a.start - b.start)) {
      if (!/^\d+$/.test(m.id)) throw new UserError('invalid-mention', 'A Viva Engage mention needs the person’s user id.')
      out += draft.text.slice(at, m.start) + `[[user:${m.id}]]`
      at = m.end
    }
    return (out + draft.text.slice(at)).trim()
  }

  /** Uploads one file (multipart, part `attachment`); its id then goes with the message. */
  async function upload(file: OutgoingFile): Promise<string> {
    const { data } = await session.call((token) => {
      const form = new FormData()
      form.set('attachment', fileBlob(file), file.name)
      return http.json(
        {
          url: `${e.api}/api/v1/pending_attachments`,
          method: 'POST',
          multipart: form,
          headers: { authorization: `Bearer ${token}` },
        },
        PendingAttachmentSchema,
      )
    })
    return String(data.id)
  }

  /** The message form: body, where it goes, and the files, each uploaded first (every attempt uploads again). */
  async function message(draft: OutgoingDraft, where: Record<string, string | undefined>): Promise<WriteOutcome> {
    const files = draft.files ?? []
    if (files.length > YAMMER_MAX_ATTACHMENTS)
      throw new UserError('too-many-attachments', `A Viva Engage message carries at most ${YAMMER_MAX_ATTACHMENTS} files.`)
    const form: Record<string, string | undefined> = { body: body(draft), ...where }
    for (const [i, file] of files.entries()) form[`pending_attachment${i + 1}`] = await upload(file)
    return created(form)
  }

  /** The user's recent sent messages, newest first, page by page until `stop` says enough. */
  async function sent(stop: (m: Message) => boolean): Promise<{ m: Message; item: Item }[]> {
    const out: { m: Message; item: Item }[] = []
    let olderThan: string | undefined
    for (let page = 0; page < SENT_PAGES; page++) {
      const res = await session.call((token) =>
        http.json(
          {
            url: `${e.api}/api/v1/messages/sent.json`,
            searchParams: { older_than: olderThan },
            headers: { authorization: `Bearer ${token}` },
          },
          MessageListSchema,
        ),
      )
      for (const m of res.data.messages) {
        if (stop(m)) return out
        out.push({ m, item: mapped(res, m) })
      }
      const more = res.data.meta?.older_available ?? res.data.messages.length >= 20
      if (!more || res.data.messages.length === 0) break
      olderThan = String(Math.min(...res.data.messages.map((m) => m.id)))
    }
    return out
  }

  /** Stops at the first message made before `since` (sent messages come newest first). */
  const before = (since: number) => (m: Message) => Date.parse(yammerDate(m.created_at)) < since - CLOCK_SKEW_MS
  /** The user's shares of a message, newest first (made no earlier than `since`). */
  const sharesOf = async (remoteId: string, since = 0) =>
    (await sent(before(since))).filter(({ m }) => String(m.shared_message_id ?? '') === remoteId)

  const gone = (error: unknown) => isNetworkFailure(error) && error.details.status === 404

  return {
    post: (draft) => message(draft, { group_id: draft.target?.kind === 'group' ? draft.target.id : undefined }),
    reply: (draft) => message(draft, { replied_to_id: checkId(draft.replyTo) }),
    async like(remoteId) {
      await send('POST', 'messages/liked_by/current.json', EmptySchema, undefined, { message_id: remoteId })
      return {}
    },
    async unlike(remoteId) {
      await send('DELETE', 'messages/liked_by/current.json', EmptySchema, undefined, { message_id: remoteId })
      return {}
    },
    // A share is a message of the user's own that names the shared one (to the user's network feed);
    // the answer is that share, which reads as what it shares.
    repost: (remoteId) => created({ shared_message_id: checkId(remoteId) }),
    /** Deletes the user's shares of the message (none left: nothing to undo). */
    async unrepost(remoteId) {
      for (const { m } of await sharesOf(checkId(remoteId))) {
        try {
          await send('DELETE', `messages/${m.id}`, EmptySchema)
        } catch (error) {
          if (!gone(error)) throw error
        }
      }
      return {}
    },
    async remove(remoteId) {
      await send('DELETE', `messages/${remoteId}`, EmptySchema)
      return {}
    },
    async findExisting(write: PendingWrite, since: number) {
      if (write.action === 'repost') {
        const [share] = await sharesOf(write.remoteId, since)
        return share ? { item: share.item } : null
      }
      if ((write.action !== 'post' && write.action !== 'reply') || !('draft' in write)) return null
      const wanted = body(write.draft)
      const parent = write.action === 'reply' ? write.draft.replyTo : undefined
      const files = (write.draft.files ?? []).map((f) => f.name).sort()
      const found = (await sent(before(since))).find(
        ({ m, item }) =>
          !m.shared_message_id &&
          item.text.trim() === wanted &&
          String(m.replied_to_id ?? '') === String(parent ?? '') &&
          JSON.stringify((m.attachments ?? []).flatMap((a) => (a.type === 'ymodule' ? [] : [a.name ?? ''])).sort()) ===
            JSON.stringify(files),
      )
      return found ? { item: found.item } : null
    },
  }
}
