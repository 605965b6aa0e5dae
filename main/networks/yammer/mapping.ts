// Yammer messages → Items. Authors, groups and shared messages come from the answer's
// `references`; dates are written "2025/03/01 10:00:00 +0000".
import type { Account, Attachment, Item } from '../../../preload/model'
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
  return {
    user: (id: number) => map.get(key('user', id)),
    group: (id: number) => map.get(key('group', id)),
    message: (id: number) => map.get(key('message', id)),
  }
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const nameOf = (ref: Reference | undefined, id: number) => ref?.full_name ?? ref?.name ?? `User ${id}`

/** Uploaded images and files, and link previews ('ymodule'); what has no address is left out. */
function attachmentsOf(m: Message): Attachment[] {
  return (m.attachments ?? []).flatMap((a): Attachment[] => {
    const url = a.web_url ?? a.download_url ?? a.url
    if (!url) return []
    const description = a.name ?? undefined
    if (a.type === 'image' || (a.type !== 'ymodule' && a.content_type?.startsWith('image/'))) {
      const previewUrl = a.preview_url ?? a.thumbnail_url ?? undefined
      return [{ type: 'image', url, ...(previewUrl ? { previewUrl } : {}), ...(description ? { description } : {}) }]
    }
    return [{ type: a.type === 'ymodule' ? 'link' : 'file', url, ...(description ? { description } : {}) }]
  })
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
      name: nameOf(sender, m.sender_id),
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
  // A share without words of its own reads as what it shares.
  if (m.shared_message_id && m.body.plain.trim() === '') {
    const shared = refs.message(m.shared_message_id)
    const text = shared
      ? `Shared ${shared.sender_id !== undefined ? nameOf(refs.user(shared.sender_id), shared.sender_id) : 'a message'}: ${shared.body?.plain ?? ''}`
      : 'Shared a message'
    item.text = text
    item.html = `<p>${escapeHtml(text)}</p>`
  }
  const files = attachmentsOf(m)
  if (files.length > 0) item.attachments = files
  return item
}
