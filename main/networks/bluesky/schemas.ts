// Zod schemas of the Bluesky (app.bsky / com.atproto lexicon) JSON we read. The SDK checks its
// lexicons too, but its TypeScript types are not runtime checks of what we use; these are.
import { z } from 'zod'

export const ProfileBasicSchema = z.object({
  did: z.string(),
  handle: z.string(),
  displayName: z.string().optional(),
  avatar: z.string().optional(),
})

/** app.bsky.actor.searchActorsTypeahead → { actors: profileViewBasic[] } */
export const ActorsTypeaheadSchema = z.object({ actors: z.array(ProfileBasicSchema) })

const ByteSlice = z.object({ byteStart: z.number().int().nonnegative(), byteEnd: z.number().int().nonnegative() })
export const FacetSchema = z.object({
  index: ByteSlice,
  features: z.array(
    z.union([
      z.object({ $type: z.literal('app.bsky.richtext.facet#mention'), did: z.string() }),
      z.object({ $type: z.literal('app.bsky.richtext.facet#link'), uri: z.string() }),
      z.object({ $type: z.literal('app.bsky.richtext.facet#tag'), tag: z.string() }),
      z.object({ $type: z.string() }).loose(),
    ]),
  ),
})
export type Facet = z.infer<typeof FacetSchema>

const StrongRef = z.object({ uri: z.string(), cid: z.string() })

/** app.bsky.feed.post: the record inside a postView. */
export const PostRecordSchema = z
  .object({
    text: z.string(),
    createdAt: z.string(),
    facets: z.array(FacetSchema).optional(),
    reply: z.object({ root: StrongRef, parent: StrongRef }).optional(),
  })
  .loose()

const ImageView = z.object({ thumb: z.string(), fullsize: z.string(), alt: z.string() })
export const EmbedViewSchema = z
  .object({
    $type: z.string(),
    images: z.array(ImageView).optional(),
    external: z.object({ uri: z.string(), title: z.string(), description: z.string(), thumb: z.string().optional() }).optional(),
    playlist: z.string().optional(),
    thumbnail: z.string().optional(),
    alt: z.string().optional(),
    media: z
      .object({ $type: z.string(), images: z.array(ImageView).optional() })
      .loose()
      .optional(),
  })
  .loose()

/**
 * app.bsky.feed.defs#threadgateView: the reply settings of a thread, on its root post. Its record is
 * `unknown` in the lexicon; of it we read only hiddenReplies, and a record we cannot read counts as none.
 */
export const ThreadgateViewSchema = z.object({
  uri: z.string().optional(),
  cid: z.string().optional(),
  record: z
    .object({ post: z.string().optional(), hiddenReplies: z.array(z.string()).optional().catch(undefined) })
    .loose()
    .optional()
    .catch(undefined),
})
export type ThreadgateView = z.infer<typeof ThreadgateViewSchema>

export const PostViewSchema = z.object({
  uri: z.string(),
  cid: z.string(),
  author: ProfileBasicSchema,
  record: PostRecordSchema,
  embed: EmbedViewSchema.optional(),
  replyCount: z.number().optional(),
  repostCount: z.number().optional(),
  likeCount: z.number().optional(),
  quoteCount: z.number().optional(),
  /** The signed-in account's like and repost records, when the request was authenticated. */
  viewer: z.object({ like: z.string().optional(), repost: z.string().optional() }).optional(),
  /** Only on a thread's root post. */
  threadgate: ThreadgateViewSchema.optional(),
  indexedAt: z.string(),
})
export type PostView = z.infer<typeof PostViewSchema>

export const FeedViewPostSchema = z.object({
  post: PostViewSchema,
  /** A reply's root and parent: each a #postView, #notFoundPost or #blockedPost (read with PostViewSchema where it is one). */
  reply: z.object({ root: z.unknown(), parent: z.unknown() }).loose().optional(),
  reason: z.object({ $type: z.string(), by: ProfileBasicSchema.optional(), indexedAt: z.string().optional() }).loose().optional(),
})
export type FeedViewPost = z.infer<typeof FeedViewPostSchema>

export const FeedPageSchema = z.object({ cursor: z.string().optional(), feed: z.array(FeedViewPostSchema) })
export const SearchPageSchema = z.object({ cursor: z.string().optional(), posts: z.array(PostViewSchema) })
export const PostsSchema = z.object({ posts: z.array(PostViewSchema) })

export const NotificationSchema = z.object({
  uri: z.string(),
  cid: z.string(),
  author: ProfileBasicSchema,
  reason: z.string(),
  reasonSubject: z.string().optional(),
  isRead: z.boolean(),
  indexedAt: z.string(),
})
export const NotificationPageSchema = z.object({ cursor: z.string().optional(), notifications: z.array(NotificationSchema) })

/** app.bsky.feed.defs#threadViewPost | #notFoundPost | #blockedPost, recursively. */
export type ThreadNode =
  | { $type: 'app.bsky.feed.defs#threadViewPost'; post: PostView; parent?: ThreadNode; replies?: ThreadNode[] }
  | { $type: 'app.bsky.feed.defs#notFoundPost'; uri: string; notFound: true }
  | { $type: 'app.bsky.feed.defs#blockedPost'; uri: string; blocked: true; author: { did: string } }
  | { $type: string; uri?: string }

export const ThreadNodeSchema: z.ZodType<ThreadNode> = z.lazy(() =>
  z.union([
    z.object({
      $type: z.literal('app.bsky.feed.defs#threadViewPost'),
      post: PostViewSchema,
      parent: ThreadNodeSchema.optional(),
      replies: z.array(ThreadNodeSchema).optional(),
    }),
    z.object({ $type: z.literal('app.bsky.feed.defs#notFoundPost'), uri: z.string(), notFound: z.literal(true) }),
    z.object({
      $type: z.literal('app.bsky.feed.defs#blockedPost'),
      uri: z.string(),
      blocked: z.literal(true),
      author: z.object({ did: z.string() }).loose(),
    }),
    z.object({ $type: z.string(), uri: z.string().optional() }).loose(),
  ]),
)
/** The thread, and its root's threadgate (also on the root's post view when the root is in the answer). */
export const PostThreadSchema = z.object({ thread: ThreadNodeSchema, threadgate: ThreadgateViewSchema.optional() })

export const SessionSchema = z.object({
  did: z.string(),
  handle: z.string(),
  accessJwt: z.string(),
  refreshJwt: z.string(),
})
