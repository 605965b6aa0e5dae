// Hidden replies. The author of a thread's root post hides a reply by listing its at-uri in the
// thread's threadgate: an app.bsky.feed.threadgate record in the author's own repo whose rkey is
// the root post's rkey. The AppView puts that gate on the root's post view (never on a reply's), so
// whether a reply is hidden is known only where its root is known: in the same answer, or read
// once more with getPosts for the threads the account started (the only ones it can change).
import type { Account } from '../../../preload/model'
import { PostViewSchema, PostsSchema, type PostView, type ThreadgateView } from './schemas'
import type { BlueskySession } from './session'

export const THREADGATE = 'app.bsky.feed.threadgate'
/** The lexicon's maxLength of hiddenReplies. */
export const MAX_HIDDEN_REPLIES = 300
/** app.bsky.feed.getPosts takes at most 25 URIs a call. */
const POSTS_PER_CALL = 25

/** Root post at-uri → the replies hidden in its thread (an empty set: the root is known and hides none). */
export type ThreadGates = Map<string, ReadonlySet<string>>

/** at://<did>/<collection>/<rkey>, or undefined for anything else. */
export function parseAtUri(uri: string): { did: string; collection: string; rkey: string } | undefined {
  const m = /^at:\/\/([^/?#]+)\/([^/?#]+)\/([^/?#]+)$/.exec(uri)
  return m ? { did: m[1]!, collection: m[2]!, rkey: m[3]! } : undefined
}

/** The signed-in person's DID: the account id is bluesky:<did>. */
export const accountDid = (account: Pick<Account, 'id'>): string => account.id.replace(/^bluesky:/, '')

/** Whether this root post is the account's own: then it may hide the replies in its thread. */
export function startedBy(account: Pick<Account, 'id' | 'anonymous'>, rootUri: string): boolean {
  const root = parseAtUri(rootUri)
  return !account.anonymous && root?.collection === 'app.bsky.feed.post' && root.did === accountDid(account)
}

/** The hidden replies a root post's gate lists (none without a gate; a gate for another post counts for nothing). */
export function hiddenBy(rootUri: string, gate: ThreadgateView | undefined): Set<string> {
  const record = gate?.record
  if (!record || (record.post !== undefined && record.post !== rootUri)) return new Set()
  return new Set(record.hiddenReplies ?? [])
}

/** Records the gates of the root posts among these post views. */
export function addGates(gates: ThreadGates, posts: Iterable<PostView>): ThreadGates {
  for (const p of posts) if (!p.record.reply) gates.set(p.uri, hiddenBy(p.uri, p.threadgate))
  return gates
}

/** A feed entry's reply.root, when it is a post view (not #notFoundPost or #blockedPost). */
export function replyRootView(root: unknown): PostView | undefined {
  if (!root || typeof root !== 'object' || !('author' in root)) return undefined
  const parsed = PostViewSchema.safeParse(root)
  return parsed.success ? parsed.data : undefined
}

/**
 * Completes `gates` for the replies among `posts` in threads the account started whose root was
 * not in the answer: reads those roots (their post views carry the gate). A root that is gone hides nothing.
 */
export async function completeGates(
  session: BlueskySession,
  account: Pick<Account, 'id' | 'anonymous'>,
  posts: readonly PostView[],
  gates: ThreadGates = new Map(),
): Promise<ThreadGates> {
  addGates(gates, posts)
  const missing = new Set<string>()
  for (const p of posts) {
    const root = p.record.reply?.root.uri
    if (root && !gates.has(root) && startedBy(account, root)) missing.add(root)
  }
  const uris = [...missing]
  for (let i = 0; i < uris.length; i += POSTS_PER_CALL) {
    const batch = uris.slice(i, i + POSTS_PER_CALL)
    const { data } = await session.call(PostsSchema, () => session.agent.app.bsky.feed.getPosts({ uris: batch }))
    addGates(gates, data.posts)
    for (const uri of batch) if (!gates.has(uri)) gates.set(uri, new Set())
  }
  return gates
}
