// Zod schemas of the WordPress REST API JSON we read (wp/v2, context=edit for comments).
import { z } from 'zod'

/** GET /wp-json/: the REST index; application passwords advertise their authorize page here. */
export const RestIndexSchema = z
  .object({
    name: z.string(),
    url: z.string(),
    home: z.string().optional(),
    authentication: z
      .union([
        z.object({
          'application-passwords': z.object({ endpoints: z.object({ authorization: z.string() }) }).optional(),
        }),
        z.array(z.unknown()), // WordPress sends [] when no authentication scheme is advertised
      ])
      .optional(),
  })
  .loose()

export const UserSchema = z.object({
  id: z.number(),
  name: z.string(),
  slug: z.string().optional(),
  username: z.string().optional(),
  link: z.string().optional(),
  avatar_urls: z.record(z.string(), z.string()).optional(),
  capabilities: z.record(z.string(), z.boolean()).optional(),
})

export const AppPasswordSchema = z.object({ uuid: z.string(), app_id: z.string().optional(), name: z.string() })

const Rendered = z.object({ rendered: z.string() })

export const CommentSchema = z.object({
  id: z.number(),
  post: z.number(),
  parent: z.number(),
  author: z.number(),
  author_name: z.string(),
  author_url: z.string().optional(),
  date_gmt: z.string(),
  content: Rendered,
  link: z.string(),
  status: z.string(),
  type: z.string().optional(),
  author_avatar_urls: z.record(z.string(), z.string()).optional(),
})
export type Comment = z.infer<typeof CommentSchema>
export const CommentListSchema = z.array(CommentSchema)

export const PostSchema = z.object({
  id: z.number(),
  date_gmt: z.string(),
  link: z.string(),
  title: Rendered,
  content: Rendered.optional(),
  excerpt: Rendered.optional(),
  author: z.number(),
  _embedded: z
    .object({
      author: z
        .array(
          z
            .object({
              id: z.number().optional(),
              name: z.string().optional(),
              avatar_urls: z.record(z.string(), z.string()).optional(),
            })
            .loose(),
        )
        .optional(),
      replies: z.array(z.array(z.unknown())).optional(),
    })
    .loose()
    .optional(),
})
export type Post = z.infer<typeof PostSchema>
export const PostListSchema = z.array(PostSchema)

/** WordPress error body: {code, message, data: {status}}. */
export const WpErrorSchema = z.object({ code: z.string(), message: z.string() })
