// Zod schemas of the Graph API JSON we read: tokens, /me/accounts (Pages with their tokens),
// posts, comments, cursor paging and the error body {error:{message,type,code,error_subcode}}.
import { z } from 'zod'

export const GRAPH_VERSION = 'v21.0'

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

export const PostSchema = z.object({
  id: z.string(),
  message: z.string().optional(),
  story: z.string().optional(),
  created_time: z.string(),
  from: From,
  permalink_url: z.string().optional(),
  full_picture: z.string().optional(),
  shares: z.object({ count: z.number() }).optional(),
  comments: Summary,
  reactions: Summary,
})
export type Post = z.infer<typeof PostSchema>
export const PostListSchema = z.object({ data: z.array(PostSchema), paging: Paging })

export const CommentSchema = z.object({
  id: z.string(),
  message: z.string(),
  created_time: z.string(),
  from: From,
  parent: z.object({ id: z.string() }).optional(),
  is_hidden: z.boolean().optional(),
  like_count: z.number().optional(),
  comment_count: z.number().optional(),
  permalink_url: z.string().optional(),
})
export type Comment = z.infer<typeof CommentSchema>
export const CommentListSchema = z.object({ data: z.array(CommentSchema), paging: Paging })

export const UserSchema = z.object({ id: z.string(), name: z.string() })

export const SuccessSchema = z.object({ success: z.boolean() }).loose()
