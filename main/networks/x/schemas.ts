// Zod schemas of the X API v2 JSON we read: tweets with their expansions (includes.users,
// includes.tweets, includes.media), meta for paging, OAuth 2.0 token answers, the partial
// `errors` array that can come with a 200, and the media upload answers.
import { z } from 'zod'

export const TokenSchema = z.object({
  token_type: z.string(),
  access_token: z.string(),
  refresh_token: z.string().optional(),
  expires_in: z.number().optional(),
  scope: z.string().optional(),
})

export const UserSchema = z.object({
  id: z.string(),
  name: z.string(),
  username: z.string(),
  profile_image_url: z.string().optional(),
})
export type User = z.infer<typeof UserSchema>

const Entity = z.object({ start: z.number(), end: z.number() })
export const TweetSchema = z.object({
  id: z.string(),
  text: z.string(),
  author_id: z.string().optional(),
  created_at: z.string().optional(),
  conversation_id: z.string().optional(),
  in_reply_to_user_id: z.string().optional(),
  referenced_tweets: z.array(z.object({ type: z.enum(['retweeted', 'quoted', 'replied_to']), id: z.string() })).optional(),
  public_metrics: z
    .object({ retweet_count: z.number(), reply_count: z.number(), like_count: z.number(), quote_count: z.number().optional() })
    .loose()
    .optional(),
  entities: z
    .object({
      urls: z
        .array(
          Entity.extend({
            url: z.string(),
            expanded_url: z.string().optional(),
            display_url: z.string().optional(),
            /** Set on the t.co link X appends for attached media. */
            media_key: z.string().optional(),
          }),
        )
        .optional(),
      mentions: z.array(Entity.extend({ username: z.string(), id: z.string().optional() })).optional(),
      hashtags: z.array(Entity.extend({ tag: z.string() })).optional(),
    })
    .loose()
    .optional(),
  attachments: z
    .object({ media_keys: z.array(z.string()).optional() })
    .loose()
    .optional(),
})
export type Tweet = z.infer<typeof TweetSchema>

export const MediaSchema = z.object({
  media_key: z.string(),
  type: z.string(),
  url: z.string().optional(),
  preview_image_url: z.string().optional(),
  alt_text: z.string().optional(),
  /** Videos and GIFs: the playable files. */
  variants: z
    .array(z.object({ content_type: z.string().optional(), url: z.string(), bit_rate: z.number().optional() }).loose())
    .optional(),
})

export const IncludesSchema = z
  .object({
    users: z.array(UserSchema).optional(),
    tweets: z.array(TweetSchema).optional(),
    media: z.array(MediaSchema).optional(),
  })
  .optional()
export type Includes = z.infer<typeof IncludesSchema>

export const TweetListSchema = z.object({
  data: z.array(TweetSchema).optional(),
  includes: IncludesSchema,
  meta: z
    .object({
      result_count: z.number().optional(),
      newest_id: z.string().optional(),
      oldest_id: z.string().optional(),
      next_token: z.string().optional(),
    })
    .loose()
    .optional(),
  errors: z.array(z.object({ title: z.string().optional(), detail: z.string().optional() }).loose()).optional(),
})

export const SingleTweetSchema = z.object({ data: TweetSchema, includes: IncludesSchema })
export const MeSchema = z.object({ data: UserSchema })

/** POST /2/media/upload, …/initialize, …/finalize and GET /2/media/upload (STATUS). */
export const MediaUploadSchema = z.object({
  data: z
    .object({
      id: z.string().min(1),
      media_key: z.string().optional(),
      size: z.number().optional(),
      expires_after_secs: z.number().optional(),
      processing_info: z
        .object({
          state: z.enum(['pending', 'in_progress', 'failed', 'succeeded']),
          check_after_secs: z.number().optional(),
          progress_percent: z.number().optional(),
          error: z.object({ code: z.number().optional(), message: z.string().optional() }).loose().optional(),
        })
        .loose()
        .optional(),
    })
    .loose(),
})
export type MediaUpload = z.infer<typeof MediaUploadSchema>['data']

/** POST /2/media/metadata: what X kept. */
export const MediaMetadataSchema = z.object({
  data: z.object({ id: z.string(), associated_metadata: z.object({}).loose().optional() }).loose(),
})
