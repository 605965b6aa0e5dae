// Viva Engage (Yammer) writes as the outbox calls them: a message to a group or the user's feed,
// a reply (replied_to_id), like/unlike (messages/liked_by/current), delete. No idempotency key: an
// uncertain message is looked for in the user's sent messages first.
import { z } from 'zod'
import { UserError } from '../../core/errors'
import type { BearerSession } from '../bearer-session'
import type { AdapterContext, NetworkWrites, OutgoingDraft, PendingWrite, WriteOutcome } from '../types'
import type { YammerEndpoints } from './auth'
import { messageToItem, referenceIndex } from './mapping'
import { MessageListSchema } from './schemas'

const EmptySchema = z.unknown()

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
  const created = async (form: Record<string, string | undefined>): Promise<WriteOutcome> => {
    const res = await send('POST', 'messages.json', MessageListSchema, form)
    const m = res.data.messages[0]
    return m ? { item: messageToItem(account, m, referenceIndex(res.data.references)) } : {}
  }
  const body = (draft: OutgoingDraft) => {
    const t = draft.text.trim()
    if (!t) throw new UserError('empty-draft', 'Write something first.')
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
  return {
    post: (draft) => created({ body: body(draft), group_id: draft.target?.kind === 'group' ? draft.target.id : undefined }),
    reply: (draft) => created({ body: body(draft), replied_to_id: draft.replyTo }),
    async like(remoteId) {
      await send('POST', 'messages/liked_by/current.json', EmptySchema, undefined, { message_id: remoteId })
      return {}
    },
    async unlike(remoteId) {
      await send('DELETE', 'messages/liked_by/current.json', EmptySchema, undefined, { message_id: remoteId })
      return {}
    },
    async remove(remoteId) {
      await send('DELETE', `messages/${remoteId}`, EmptySchema)
      return {}
    },
    async findExisting(write: PendingWrite, since: number) {
      if ((write.action !== 'post' && write.action !== 'reply') || !('draft' in write)) return null
      const res = await session.call((token) =>
        http.json(
          { url: `${e.api}/api/v1/messages/sent.json`, headers: { authorization: `Bearer ${token}` } },
          MessageListSchema,
        ),
      )
      const refs = referenceIndex(res.data.references)
      const parent = write.action === 'reply' ? write.draft.replyTo : undefined
      const found = res.data.messages
        .map((m) => ({ m, item: messageToItem(account, m, refs) }))
        .find(
          ({ m, item }) =>
            item.text.trim() === body(write.draft) &&
            String(m.replied_to_id ?? '') === String(parent ?? '') &&
            Date.parse(item.createdAt) >= since - 60_000,
        )
      return found ? { item: found.item } : null
    },
  }
}
