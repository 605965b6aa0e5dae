// Checks a draft or an item action before it enters the outbox, so what is queued can be sent:
// a signed-in account that writes, an action its network really has, a draft that says something.
import type { Account, AttachmentRules, Draft, DraftMention, OutboxAction, WriteCapabilities } from '../../../preload/model'
import { acceptsType, formatSize } from '../../../preload/attachment-rules'
import type { AttachmentStore } from '../attachments/store'
import type { NetworkAdapter, NetworkWrites } from '../../networks/types'
import { UserError } from '../errors'

const NONE: WriteCapabilities = {
  post: false,
  reply: false,
  like: false,
  repost: false,
  remove: false,
  moderate: false,
  report: false,
}

/** Which capability an action needs, and which adapter method performs it. */
const NEEDS: Record<OutboxAction, { capability: keyof WriteCapabilities; method: keyof NetworkWrites; verb: string }> = {
  post: { capability: 'post', method: 'post', verb: 'post' },
  reply: { capability: 'reply', method: 'reply', verb: 'reply' },
  like: { capability: 'like', method: 'like', verb: 'like' },
  unlike: { capability: 'like', method: 'unlike', verb: 'undo a like' },
  repost: { capability: 'repost', method: 'repost', verb: 'repost' },
  unrepost: { capability: 'repost', method: 'unrepost', verb: 'undo a repost' },
  remove: { capability: 'remove', method: 'remove', verb: 'delete' },
  moderate: { capability: 'moderate', method: 'moderate', verb: 'moderate' },
  report: { capability: 'report', method: 'report', verb: 'report' },
}

/** What the account can really do: declared by the network and implemented by its adapter; nothing for a public source. */
export function effectiveCapabilities(account: Account, adapter: NetworkAdapter): WriteCapabilities {
  if (account.anonymous) return { ...NONE }
  const out = { ...NONE }
  for (const key of Object.keys(NONE) as (keyof WriteCapabilities)[]) {
    out[key] = adapter.capabilities[key] && typeof adapter[key as keyof NetworkWrites] === 'function'
  }
  return out
}

export function checkAction(account: Account, adapter: NetworkAdapter, action: OutboxAction, networkName: string): void {
  if (account.anonymous) {
    throw new UserError('read-only', `${account.displayName} is a public source without sign-in: it can only be read.`)
  }
  const need = NEEDS[action]
  if (!adapter.capabilities[need.capability] || typeof adapter[need.method] !== 'function') {
    throw new UserError('unsupported-action', `Crosstalk cannot ${need.verb} on ${networkName}.`)
  }
}

/** Throws a UserError saying what is wrong with the draft. */
export function checkDraft(draft: Draft): void {
  if (draft.text.trim() === '' && !draft.attachments?.length)
    throw new UserError('empty-draft', 'Write something first: the message is empty.')
  checkMentions(draft.text, draft.mentions ?? [])
}

function checkMentions(text: string, mentions: DraftMention[]): void {
  const sorted = [...mentions].sort((a, b) => a.start - b.start)
  let end = 0
  for (const m of sorted) {
    if (m.end <= m.start || m.end > text.length) {
      throw new UserError(
        'invalid-mention',
        `A mention of ${m.name ?? m.handle ?? m.id} points outside the text; pick the person again.`,
      )
    }
    if (m.start < end) throw new UserError('invalid-mention', 'Two mentions overlap; pick the people again.')
    if (text[m.start] !== '@') {
      throw new UserError(
        'invalid-mention',
        `The mention of ${m.name ?? m.handle ?? m.id} no longer matches the text; pick the person again.`,
      )
    }
    end = m.end
  }
}

/** The draft's files are staged whole and fit the network's rules (count, size, type). */
export async function checkAttachments(
  draft: Draft,
  rules: AttachmentRules | undefined,
  store: AttachmentStore | undefined,
  networkName: string,
): Promise<void> {
  const files = draft.attachments ?? []
  if (files.length === 0) return
  if (!rules || !store)
    throw new UserError('attachments-unsupported', `Posts on ${networkName} cannot carry files from Crosstalk.`)
  if (files.length > rules.max) {
    throw new UserError(
      'too-many-attachments',
      `A post on ${networkName} carries at most ${rules.max} file${rules.max === 1 ? '' : 's'}.`,
    )
  }
  for (const f of files) {
    const staged = await store.describe(f.ref)
    if (!staged.complete)
      throw new UserError('attachment-incomplete', `${staged.name} did not arrive whole; pick the file again.`)
    if (!acceptsType(rules.accept, staged.mimeType)) {
      throw new UserError('attachment-type', `${networkName} does not take ${staged.mimeType} files (${staged.name}).`)
    }
    if (staged.size > rules.maxBytes) {
      throw new UserError(
        'attachment-too-large',
        `${staged.name} is ${formatSize(staged.size)}; ${networkName} takes files up to ${formatSize(rules.maxBytes)}.`,
      )
    }
  }
}
