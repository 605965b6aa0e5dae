// Zod schemas of the Graph API JSON we read: tokens, /me/accounts (Pages with their tokens),
// posts (with their photos), comments (with their photo), cursor paging, the answers to writes
// and the error body {error:{message,type,code,error_subcode}}.
import { z } from 'zod'

export const GRAPH_VERSION = 'v21.0'

/** What we ask of a Page post: full_picture is its first photo, attachments all of them (an album's in subattachments). */
export const POST_FIELDS =
  'id,message,story,created_time,from,permalink_url,full_picture,attachments{type,media_type,media,url,subattachments},' +
  'shares,comments.summary(true).limit(0),reactions.summary(true).limit(0)'
/** What we ask of a comment: `attachment` is its photo (or sticker, GIF, shared link). */
export const COMMENT_FIELDS = 'id,message,created_time,from,parent,is_hidden,like_count,comment_count,permalink_url,attachment'

export const TokenSchema = z.object({
  access_token: z.string(),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
})

export const PageSchema = z.object({
  id: z.string(),
  name: z.string(),
  access_token: z.string(),
  picture: z.object({ data: z.object({ url: z.string() }).loose() }).optional(),
})
const Paging = z
  .object({
    cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
    next: z.string().optional(),
    previous: z.string().optional(),
  })
  .optional()
export const PageListSchema = z.object({ data: z.array(PageSchema), paging: Paging })

const From = z.object({ id: z.string(), name: z.string() }).optional()
const Summary = z
  .object({ summary: z.object({ total_count: z.number() }).loose() })
  .loose()
  .optional()

/** A StoryAttachment: a photo's picture is media.image.src. */
const AttachmentBase = z
  .object({
    type: z.string().optional(),
    media_type: z.string().optional(),
    url: z.string().optional(),
    media: z
      .object({ image: z.object({ src: z.string() }).loose().optional() })
      .loose()
      .optional(),
  })
  .loose()
export type StoryAttachmentPart = z.infer<typeof AttachmentBase>
export const StoryAttachmentSchema = AttachmentBase.extend({
  subattachments: z
    .object({ data: z.array(AttachmentBase) })
    .loose()
    .optional(),
})
export type StoryAttachment = z.infer<typeof StoryAttachmentSchema>

export const PostSchema = z.object({
  id: z.string(),
  message: z.string().optional(),
  story: z.string().optional(),
  created_time: z.string(),
  from: From,
  permalink_url: z.string().optional(),
  full_picture: z.string().optional(),
  attachments: z
    .object({ data: z.array(StoryAttachmentSchema) })
    .loose()
    .optional(),
  shares: z.object({ count: z.number() }).optional(),
  comments: Summary,
  reactions: Summary,
})
export type Post = z.infer<typeof PostSchema>
export const PostListSchema = z.object({ data: z.array(PostSchema), paging: Paging })

export const CommentSchema = z.object({
  id: z.string(),
  // A comment that is only a photo or a sticker has an empty message (or none).
  message: z.string().default(''),
  created_time: z.string(),
  from: From,
  parent: z.object({ id: z.string() }).optional(),
  is_hidden: z.boolean().optional(),
  like_count: z.number().optional(),
  comment_count: z.number().optional(),
  permalink_url: z.string().optional(),
  attachment: AttachmentBase.optional(),
})
export type Comment = z.infer<typeof CommentSchema>
export const CommentListSchema = z.object({ data: z.array(CommentSchema), paging: Paging })

export const UserSchema = z.object({ id: z.string(), name: z.string() })

/** POST /{page}/photos → the photo's id, and the post's when it was published (post_id). */
export const PhotoUploadSchema = z.object({ id: z.string(), post_id: z.string().optional() }).loose()

export const SuccessSchema = z.object({ success: z.boolean() }).loose()
