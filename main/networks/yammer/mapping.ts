// Yammer messages → Items. Authors and groups come from the answer's `references`; dates are
// written "2025/03/01 10:00:00 +0000".
import type { Account, Item } from '../../../preload/model'
import { accountUserId, itemId } from '../types'
import type { Message, Reference } from './schemas'

/** "2025/03/01 10:00:00 +0000" → ISO-8601. */
export function yammerDate(raw: string): string {
  const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{2})(\d{2})$/.exec(raw.trim())
  const ms = m ? Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7]}:${m[8]}`) : Date.parse(raw)
  return Number.isNaN(ms) ? new Date(0).toISOString() : new Date(ms).toISOString()
}

export function referenceIndex(references: readonly Reference[]) {
  const key = (type: string, id: number) => `${type}:${id}`
  const map = new Map(references.map((r) => [key(r.type, r.id), r]))
  return { user: (id: number) => map.get(key('user', id)), group: (id: number) => map.get(key('group', id)) }
}

export function messageToItem(account: Account, m: Message, refs: ReturnType<typeof referenceIndex>): Item {
  const sender = refs.user(m.sender_id)
  const group = m.group_id ? refs.group(m.group_id) : undefined
  const item: Item = {
    id: itemId(account.id, String(m.id)),
    accountId: account.id,
    network: 'yammer',
    side: 'internal',
    remoteId: String(m.id),
    url: m.web_url,
    author: {
      id: String(m.sender_id),
      name: sender?.full_name ?? sender?.name ?? `User ${m.sender_id}`,
      avatarUrl: sender?.mugshot_url,
    },
    text: m.body.plain,
    html: m.body.rich,
    createdAt: yammerDate(m.created_at),
    threadId: itemId(account.id, String(m.thread_id)),
    counts: { likes: m.liked_by?.count ?? 0 },
    viewer: { mine: String(m.sender_id) === accountUserId(account) },
  }
  if (m.replied_to_id) item.parentId = itemId(account.id, String(m.replied_to_id))
  if (group) item.group = { id: String(group.id), name: group.full_name ?? group.name ?? `Group ${group.id}` }
  const files = (m.attachments ?? []).flatMap((a) => {
    const url = a.web_url ?? a.url
    return url ? [{ type: a.type === 'image' ? ('image' as const) : ('file' as const), url, description: a.name }] : []
  })
  if (files.length > 0) item.attachments = files
  return item
}
