// WordPress writes as the outbox calls them: reply (to a comment or on a post), moderate
// (approve, hold, spam, trash) and remove (trash). WordPress has no idempotency key: an
// uncertain reply is looked for (same parent, same words, by us, since the first attempt)
// before it is sent again.
import type { ModerationAction } from '../../../preload/model'
import { UserError } from '../../core/errors'
import type { AdapterContext, NetworkWrites, OutgoingDraft, PendingWrite, WriteOutcome } from '../types'
import { htmlToText } from '../html-text'
import { commentToItem, parseRef } from './mapping'
import { basicAuth, restRequest } from './rest'
import { CommentListSchema, CommentSchema } from './schemas'
import { moderate as moderateComment, replyTo } from './write'

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
/** Plain text typed in Crosstalk → comment HTML, paragraphs kept. */
export const textToCommentHtml = (text: string) =>
  text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br />')}</p>`)
    .join('\n')

const same = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim()

export function createWordPressWrites(ctx: AdapterContext): NetworkWrites {
  async function reply(draft: OutgoingDraft & { replyTo: string }): Promise<WriteOutcome> {
    if (!draft.text.trim()) throw new UserError('empty-draft', 'Write something first.')
    return { item: await replyTo(ctx, draft.replyTo, textToCommentHtml(draft.text)) }
  }
  async function moderate(remoteId: string, action: ModerationAction): Promise<WriteOutcome> {
    if (action === 'hide' || action === 'unhide')
      throw new UserError('unsupported-action', 'WordPress moderates comments with approve, hold, spam and trash.')
    return { item: await moderateComment(ctx, remoteId, action) }
  }
  return {
    reply,
    moderate,
    remove: (remoteId) => moderate(remoteId, 'trash'),
    async findExisting(write: PendingWrite, since: number) {
      if (write.action !== 'reply' || !('draft' in write)) return null
      const ref = parseRef(write.draft.replyTo)
      if (!ref || !ctx.account.server) return null
      const { user, password } = await ctx.credentials.get()
      const params: Record<string, string | number> = {
        context: 'edit',
        per_page: 50,
        after: new Date(since - 60_000).toISOString(),
        status: 'all',
      }
      if (ref.type === 'comment') params.parent = ref.id
      else params.post = ref.id
      const { data } = await ctx.http.json(
        {
          ...restRequest(ctx.account.server, '/wp/v2/comments', params),
          headers: { authorization: basicAuth(user ?? '', password ?? '') },
        },
        CommentListSchema,
      )
      const mine = data.find((c) => same(htmlToText(c.content.rendered), write.draft.text))
      return mine ? { item: commentToItem(ctx.account, CommentSchema.parse(mine)) } : null
    },
  }
}
