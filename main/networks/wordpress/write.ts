// The writes WordPress has (reply, moderate), as plain functions over an adapter context. The
// outbox (engage work) will send them; the real-server suite uses them already.
import type { AdapterContext } from '../types'
import { NetworkFailure } from '../../core/errors'
import { commentToItem, parseRef } from './mapping'
import { basicAuth, restRequest } from './rest'
import { CommentSchema } from './schemas'
import type { Item } from '../../../preload/model'

export type ModerationAction = 'approve' | 'hold' | 'spam' | 'trash'

async function send(
  ctx: AdapterContext,
  route: string,
  method: 'POST' | 'DELETE',
  json?: unknown,
  params: Record<string, string> = {},
) {
  if (!ctx.account.server) throw new NetworkFailure('auth', `${ctx.account.handle} has no site address; sign in again.`)
  const { user, password } = await ctx.credentials.get()
  if (!user || !password)
    throw new NetworkFailure('auth', `No application password stored for ${ctx.account.handle}; sign in again.`)
  return ctx.http.json(
    {
      ...restRequest(ctx.account.server, route, { context: 'edit', ...params }),
      method,
      json,
      headers: { authorization: basicAuth(user, password) },
    },
    CommentSchema,
  )
}

/** Replies to a comment (or comments on a post); the moderator's reply is approved at once. */
export async function replyTo(ctx: AdapterContext, remoteId: string, html: string): Promise<Item> {
  const ref = parseRef(remoteId)
  if (!ref) throw new NetworkFailure('permanent', `"${remoteId}" is not a WordPress post or comment.`)
  let postId = ref.id
  let parent = 0
  if (ref.type === 'comment') {
    const { data } = await send(ctx, `/wp/v2/comments/${ref.id}`, 'POST', {})
    postId = data.post
    parent = data.id
  }
  const { data } = await send(ctx, '/wp/v2/comments', 'POST', { post: postId, parent, content: html })
  return commentToItem(ctx.account, data)
}

/** approve / hold / spam set the status; trash moves it to the trash (DELETE without force). */
export async function moderate(ctx: AdapterContext, remoteId: string, action: ModerationAction): Promise<Item> {
  const ref = parseRef(remoteId)
  if (ref?.type !== 'comment') throw new NetworkFailure('permanent', 'Only comments can be moderated.')
  const res =
    action === 'trash'
      ? await send(ctx, `/wp/v2/comments/${ref.id}`, 'DELETE')
      : await send(ctx, `/wp/v2/comments/${ref.id}`, 'POST', { status: action === 'approve' ? 'approved' : action })
  return commentToItem(ctx.account, res.data)
}
