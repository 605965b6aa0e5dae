// The fake org's write API (Connect REST API v62.0): post a feed item (Feed Item Input with
// Message Segment Inputs: Text, Mention, Link, Hashtag, MarkupBegin/End), comment, like, unlike,
// delete feed items and comments, read one comment. Chatter has no idempotency key: a client
// that lost an answer must look before it posts again. For crash tests it can "stall": commit a
// write, then never answer it.
import type { FakeRequest, FakeResponse, RouteHandler, Router } from '../common/server'
import { json } from '../common/server'
import { segsFromText, type FakeComment, type FakePost, type MarkupTag, type Seg } from './data'
import { API, bodyJson, commentJson, feedItemJson, fileSummary, userSummary, type RenderContext } from './render'

export interface ChatterWriteDeps {
  router: Router
  /** The server's data-resource wrapper: faults, org limit, session check, Sforce-Limit-Info. */
  data(method: string, path: string, handler: RouteHandler): void
  ctx: RenderContext
}

export interface ChatterWriteLogEntry {
  method: string
  path: string
  status: number
}

export interface FakeChatterWrites {
  /** Every write request, in order (stalled ones with status 0). */
  log: ChatterWriteLogEntry[]
  /**
   * The next `count` writes are never answered (the connection hangs): carried out first
   * ('after-commit', the lost answer) or not at all ('before-commit', the server never got to it).
   */
  stall(count?: number, when?: 'after-commit' | 'before-commit'): void
  /** Feed items the signed-in user posted, oldest first, with their plain text. */
  myPosts(): { id: string; parentId: string; text: string; sharedId?: string }[]
  /** Comments the signed-in user wrote on a feed item, oldest first. */
  myComments(postId: string): { id: string; text: string }[]
}

/** Feed item and comment bodies: at most 10,000 characters and 25 mentions. */
export const MAX_BODY = 10_000
const MAX_MENTIONS = 25
const MARKUP: Record<string, MarkupTag> = {
  Bold: 'b',
  Italic: 'i',
  Underline: 'u',
  Strikethrough: 's',
  Paragraph: 'p',
  UnorderedList: 'ul',
  OrderedList: 'ol',
  ListItem: 'li',
  Code: 'code',
}

const sfError = (status: number, errorCode: string, message: string): FakeResponse => json([{ errorCode, message }], status)
const notFound = () => sfError(404, 'NOT_FOUND', 'The requested resource does not exist')
const badInput = (message: string) => sfError(400, 'INVALID_API_INPUT', message)
const likeId = (post: FakePost) => `0I0${post.id.slice(3)}`

export function installChatterWrites(deps: ChatterWriteDeps): FakeChatterWrites {
  const { ctx } = deps
  const { store } = ctx
  const log: ChatterWriteLogEntry[] = []
  let stalls = 0
  let stallWhen: 'after-commit' | 'before-commit' = 'after-commit'

  /** A write resource: logged; a stalled write is made and never answered. */
  function write(method: string, path: string, handler: (req: FakeRequest) => FakeResponse) {
    deps.data(method, path, (req) => {
      const entry: ChatterWriteLogEntry = { method, path: req.url.pathname, status: 0 }
      log.push(entry)
      if (stalls > 0 && stallWhen === 'before-commit') {
        stalls -= 1
        return new Promise<FakeResponse>(() => {})
      }
      const res = handler(req)
      if (stalls > 0 && (res.status ?? 200) < 400) {
        stalls -= 1
        return new Promise<FakeResponse>(() => {})
      }
      entry.status = res.status ?? 200
      return res
    })
  }

  /** Message Body Input → stored segments, or the error Salesforce would answer. */
  function readBody(raw: unknown, allowEmpty = false): Seg[] | FakeResponse {
    if (raw === undefined && allowEmpty) return []
    const segments = (raw as { messageSegments?: unknown } | undefined)?.messageSegments
    if (!Array.isArray(segments)) return badInput('Message body must have a messageSegments array.')
    const out: Seg[] = []
    let mentions = 0
    for (const s of segments as Record<string, unknown>[]) {
      const type = typeof s?.type === 'string' ? s.type.toLowerCase() : ''
      switch (type) {
        case 'text':
          if (typeof s.text !== 'string') return badInput('A Text segment needs text.')
          out.push(...segsFromText(s.text))
          break
        case 'mention': {
          const id = typeof s.id === 'string' ? s.id : ''
          const user = store.users.get(id) ?? [...store.users.values()].find((u) => u.id.slice(0, 15) === id)
          if (!user) return sfError(400, 'INVALID_ID_FIELD', `Invalid mention id: ${id || '(none)'}`)
          out.push({ t: 'mention', userId: user.id })
          mentions += 1
          break
        }
        case 'link':
          if (typeof s.url !== 'string' || !/^https?:\/\//.test(s.url)) return badInput('A Link segment needs an http(s) url.')
          out.push({ t: 'link', url: s.url })
          break
        case 'hashtag':
          if (typeof s.tag !== 'string' || s.tag === '') return badInput('A Hashtag segment needs a tag.')
          out.push({ t: 'hashtag', tag: s.tag })
          break
        case 'markupbegin':
        case 'markupend': {
          const tag = MARKUP[String(s.markupType)]
          if (!tag) return badInput(`Unknown markupType: ${String(s.markupType)}`)
          out.push({ t: type === 'markupbegin' ? 'open' : 'close', tag })
          break
        }
        default:
          return badInput(`Unknown message segment type: ${String(s?.type)}`)
      }
    }
    if (mentions > MAX_MENTIONS) return badInput(`You can mention up to ${MAX_MENTIONS} people in a post or comment.`)
    const text = bodyJson(ctx, out).text
    if (!allowEmpty && text.trim() === '') return badInput('The feed item body cannot be empty.')
    if (text.length > MAX_BODY) {
      return sfError(400, 'STRING_TOO_LONG', `Body: data value too large (max length=${MAX_BODY})`)
    }
    return out
  }
  const isError = (x: Seg[] | FakeResponse): x is FakeResponse => !Array.isArray(x)

  function findComment(id: string): { post: FakePost; comment: FakeComment } | undefined {
    for (const post of store.posts) {
      const comment = post.comments.find((c) => c.id === id)
      if (comment) return { post, comment }
    }
    return undefined
  }

  write('POST', '/feed-elements', (req) => {
    const b = req.body
    if (b.feedElementType !== 'FeedItem') return badInput('feedElementType must be FeedItem.')
    const subject = typeof b.subjectId === 'string' ? b.subjectId : ''
    const parentId = subject === 'me' ? store.me.id : subject
    if (!store.users.has(parentId) && !store.groups.some((g) => g.id === parentId)) {
      return sfError(404, 'NOT_FOUND', `The subjectId ${subject || '(none)'} does not exist or you cannot post to it.`)
    }
    // Feed Item Input capabilities.files: files already in Files, up to 10 (v36+).
    const fileItems = (b.capabilities as { files?: { items?: { id?: unknown }[] } } | undefined)?.files?.items ?? []
    if (fileItems.length > 10) return badInput('You can attach up to 10 files to a post.')
    const fileIds = fileItems.map((f) => String(f.id))
    if (fileIds.some((id) => !store.files.has(id))) return sfError(404, 'NOT_FOUND', 'A file to attach does not exist.')
    const shareOf = (b.capabilities as { feedEntityShare?: { feedEntityId?: unknown } } | undefined)?.feedEntityShare
      ?.feedEntityId
    const shared = shareOf === undefined ? undefined : store.findPost(String(shareOf))
    if (shareOf !== undefined && !shared) return sfError(404, 'NOT_FOUND', 'The feed entity to share does not exist.')
    const segs = readBody(b.body, fileIds.length > 0 || shared !== undefined)
    if (isError(segs)) return segs
    const post = store.addPost({ authorId: store.me.id, parentId, segs })
    if (fileIds.length) post.fileIds = fileIds
    if (shared) post.sharedId = shared.id
    return json(feedItemJson(ctx, post), 201)
  })

  write('POST', '/feed-elements/:id/capabilities/comments/items', (req) => {
    const post = store.findPost(req.params.id!)
    if (!post) return notFound()
    const contentId = (req.body.capabilities as { content?: { contentDocumentId?: unknown } } | undefined)?.content
      ?.contentDocumentId
    if (contentId !== undefined && !store.files.has(String(contentId))) {
      return sfError(404, 'NOT_FOUND', 'The file to attach does not exist.')
    }
    const segs = readBody(req.body.body, contentId !== undefined)
    if (isError(segs)) return segs
    const comment = store.addComment(post, { authorId: store.me.id, segs })
    if (contentId !== undefined) comment.fileId = String(contentId)
    return json(commentJson(ctx, post, comment), 201)
  })

  write('POST', '/feed-elements/:id/capabilities/chatter-likes/items', (req) => {
    const post = store.findPost(req.params.id!)
    if (!post) return notFound()
    store.like(post, store.me.id)
    return json(
      {
        id: likeId(post),
        likedItem: { id: post.id, url: `${API}/chatter/feed-elements/${post.id}` },
        url: `${API}/chatter/likes/${likeId(post)}`,
        user: userSummary(ctx, store.me),
      },
      201,
    )
  })

  // Files, Upload (Connect REST): multipart with the binary part fileData and an optional title.
  write('POST', '/connect/files/users/me', (req) => {
    const file = req.files.fileData
    if (!file) return badInput('Missing the binary part fileData.')
    const title = typeof req.body.title === 'string' && req.body.title !== '' ? req.body.title : file.filename
    const stored = store.addFile({
      title,
      mimeType: file.contentType || 'application/octet-stream',
      bytes: file.bytes,
      ownerId: store.me.id,
    })
    return json({ ...fileSummary(stored), owner: userSummary(ctx, store.me) }, 201)
  })

  // Comment Likes: POST likes it; PATCH ?isLikedByCurrentUser=false undoes it (v39+).
  write('POST', '/comments/:id/likes', (req) => {
    const found = findComment(req.params.id!)
    if (!found) return notFound()
    const likes = (found.comment.likes ??= [])
    if (!likes.includes(store.me.id)) likes.push(store.me.id)
    const id = `0I0${found.comment.id.slice(3)}`
    return json(
      {
        id,
        likedItem: { id: found.comment.id, url: `${API}/chatter/comments/${found.comment.id}` },
        url: `${API}/chatter/likes/${id}`,
        user: userSummary(ctx, store.me),
      },
      201,
    )
  })

  write('PATCH', '/comments/:id/likes', (req) => {
    const found = findComment(req.params.id!)
    if (!found) return notFound()
    const flag = req.url.searchParams.get('isLikedByCurrentUser')
    if (flag !== 'true' && flag !== 'false') return badInput('isLikedByCurrentUser must be true or false.')
    const likes = (found.comment.likes ??= []).filter((u) => u !== store.me.id)
    if (flag === 'true') likes.push(store.me.id)
    found.comment.likes = likes
    return json(commentJson(ctx, found.post, found.comment).likes)
  })

  write('DELETE', '/likes/:id', (req) => {
    const post = store.posts.find((p) => likeId(p) === req.params.id && p.likes.includes(store.me.id))
    if (!post) return notFound()
    post.likes = post.likes.filter((u) => u !== store.me.id)
    return { status: 204 }
  })

  write('DELETE', '/feed-elements/:id', (req) => {
    const post = store.findPost(req.params.id!)
    if (!post) return notFound()
    if (post.authorId !== store.me.id) {
      return sfError(403, 'INSUFFICIENT_ACCESS', 'You do not have permission to delete this feed element.')
    }
    store.posts.splice(store.posts.indexOf(post), 1)
    return { status: 204 }
  })

  write('DELETE', '/comments/:id', (req) => {
    const found = findComment(req.params.id!)
    if (!found) return notFound()
    if (found.comment.authorId !== store.me.id) {
      return sfError(403, 'INSUFFICIENT_ACCESS', 'You do not have permission to delete this comment.')
    }
    found.post.comments.splice(found.post.comments.indexOf(found.comment), 1)
    return { status: 204 }
  })

  deps.data('GET', '/comments/:id', (req) => {
    const found = findComment(req.params.id!)
    return found ? json(commentJson(ctx, found.post, found.comment)) : notFound()
  })

  deps.router.on('POST', '/__fake/stall-writes', (req) => {
    const count = req.body.count === undefined ? 1 : Number(req.body.count)
    if (!Number.isInteger(count) || count < 0) return json({ error: 'count: a non-negative integer' }, 400)
    stalls = count
    stallWhen = req.body.when === 'before-commit' ? 'before-commit' : 'after-commit'
    return json({ ok: true, stalls, when: stallWhen })
  })
  deps.router.on('GET', '/__fake/writes', () => json({ log }))

  return {
    log,
    stall(count = 1, when = 'after-commit') {
      stalls = count
      stallWhen = when
    },
    myPosts: () =>
      store.posts
        .filter((p) => p.authorId === store.me.id)
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((p) => ({
          id: p.id,
          parentId: p.parentId,
          text: bodyJson(ctx, p.segs).text,
          ...(p.sharedId ? { sharedId: p.sharedId } : {}),
        })),
    myComments(postId) {
      const post = store.findPost(postId)
      return (post?.comments ?? [])
        .filter((c) => c.authorId === store.me.id)
        .map((c) => ({ id: c.id, text: bodyJson(ctx, c.segs).text }))
    },
  }
}
