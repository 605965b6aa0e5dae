// Zod schemas of the Salesforce JSON we read (OAuth token response, Connect REST API v62.0).
// Only the fields we use are declared; everything else passes by. Nullable where Salesforce
// documents null (a missing photo, a body without text, the last page's nextPageUrl).
import { z } from 'zod'

export const API_VERSION = 'v62.0'

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date')

export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  /** Present only when the refresh_token scope was granted, and only on the first grant. */
  refresh_token: z.string().min(1).optional(),
  instance_url: z.string().min(1),
  /** Identity URL: https://login.salesforce.com/id/<orgId>/<userId> */
  id: z.string().min(1),
  token_type: z.string().optional(),
  issued_at: z.string().optional(),
  signature: z.string().optional(),
  scope: z.string().optional(),
})
export type TokenResponse = z.infer<typeof TokenResponseSchema>

export const PhotoSchema = z.object({
  smallPhotoUrl: z.string().nullish(),
  mediumPhotoUrl: z.string().nullish(),
  largePhotoUrl: z.string().nullish(),
})

/** User Summary (an actor, a mention's record) and, with a few more fields, User Detail. */
export const UserSummarySchema = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  displayName: z.string().nullish(),
  photo: PhotoSchema.nullish(),
  type: z.string().nullish(),
})
export type UserSummary = z.infer<typeof UserSummarySchema>

export const UserDetailSchema = UserSummarySchema.extend({
  username: z.string().nullish(),
  email: z.string().nullish(),
})

/** User Page: GET /chatter/users?q= (User Detail since v28.0). */
export const UserPageSchema = z.object({
  users: z.array(UserDetailSchema),
  nextPageUrl: z.string().nullish(),
})

export const GroupSummarySchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  type: z.string().nullish(),
})

export const UserGroupPageSchema = z.object({
  groups: z.array(GroupSummarySchema),
  nextPageUrl: z.string().nullish(),
})
export type UserGroupPage = z.infer<typeof UserGroupPageSchema>

const Reference = z.object({ id: z.string(), url: z.string().nullish() })

/** Message segments. Every type has `text`, the fallback for types we do not know. */
export const TextSegmentSchema = z.object({ type: z.literal('Text'), text: z.string() })
export const MentionSegmentSchema = z.object({
  type: z.literal('Mention'),
  text: z.string(),
  name: z.string().nullish(),
  /** The mentioned user or group; null when the reader may not see it. */
  record: z.object({ id: z.string() }).nullish(),
})
export const LinkSegmentSchema = z.object({ type: z.literal('Link'), text: z.string(), url: z.string() })
export const MarkupSegmentSchema = z.object({
  type: z.enum(['MarkupBegin', 'MarkupEnd']),
  text: z.string().nullish(),
  htmlTag: z.string().nullish(),
  markupType: z.string().nullish(),
})
export const HashtagSegmentSchema = z.object({ type: z.literal('Hashtag'), text: z.string(), tag: z.string().nullish() })
export const EntityLinkSegmentSchema = z.object({
  type: z.literal('EntityLink'),
  text: z.string(),
  reference: Reference.nullish(),
})
export const OtherSegmentSchema = z.object({ type: z.string(), text: z.string().nullish() })

export const MessageSegmentSchema = z.union([
  TextSegmentSchema,
  MentionSegmentSchema,
  LinkSegmentSchema,
  MarkupSegmentSchema,
  HashtagSegmentSchema,
  EntityLinkSegmentSchema,
  OtherSegmentSchema,
])
export type MessageSegment = z.infer<typeof MessageSegmentSchema>

export const MessageBodySchema = z.object({
  text: z.string().nullish(),
  isRichText: z.boolean().nullish(),
  messageSegments: z.array(MessageSegmentSchema).nullish(),
})
export type MessageBody = z.infer<typeof MessageBodySchema>

const PageTotal = z.object({ total: z.number().int().nonnegative() })

export const CommentSchema = z.object({
  id: z.string().min(1),
  body: MessageBodySchema,
  createdDate: isoDate,
  user: UserSummarySchema,
  feedElement: Reference.nullish(),
  likes: PageTotal.nullish(),
  /** The signed-in user's like of this comment, if any. */
  myLike: Reference.nullish(),
})
export type Comment = z.infer<typeof CommentSchema>

export const CommentPageSchema = z.object({
  items: z.array(CommentSchema),
  total: z.number().int().nonnegative().nullish(),
  nextPageUrl: z.string().nullish(),
  currentPageUrl: z.string().nullish(),
})
export type CommentPage = z.infer<typeof CommentPageSchema>

/** The parent of a feed item: a User Summary, a Group (type CollaborationGroup) or a record. */
const ParentSchema = z.object({ id: z.string(), type: z.string().nullish(), name: z.string().nullish() })

const FileSchema = z.object({
  id: z.string(),
  title: z.string().nullish(),
  mimeType: z.string().nullish(),
  downloadUrl: z.string().nullish(),
  renditionUrl: z.string().nullish(),
})

export const FeedItemSchema = z.object({
  id: z.string().min(1),
  feedElementType: z.literal('FeedItem'),
  createdDate: isoDate,
  modifiedDate: isoDate.nullish(),
  actor: UserSummarySchema,
  body: MessageBodySchema.nullish(),
  header: MessageBodySchema.nullish(),
  parent: ParentSchema.nullish(),
  url: z.string().nullish(),
  capabilities: z
    .object({
      comments: z.object({ page: PageTotal.partial().nullish() }).nullish(),
      chatterLikes: z.object({ page: PageTotal.partial().nullish(), isLikedByCurrentUser: z.boolean().nullish() }).nullish(),
      files: z.object({ items: z.array(FileSchema) }).nullish(),
      link: z.object({ url: z.string(), urlName: z.string().nullish() }).nullish(),
      /** A share: the feed entity it shares (Feed Entity Summary, v39+). */
      feedEntityShare: z
        .object({
          feedEntity: z
            .object({ id: z.string(), actor: UserSummarySchema.nullish(), body: MessageBodySchema.nullish() })
            .nullish(),
        })
        .nullish(),
    })
    .nullish(),
})
export type FeedItem = z.infer<typeof FeedItemSchema>

/** Feed Element Page. Elements are checked one by one in mapping.ts (other element types are skipped). */
export const RawFeedElementSchema = z.object({ id: z.string().optional(), feedElementType: z.string() }).loose()

export const FeedElementPageSchema = z.object({
  elements: z.array(RawFeedElementSchema),
  currentPageUrl: z.string().nullish(),
  nextPageUrl: z.string().nullish(),
  updatesUrl: z.string().nullish(),
})
export type FeedElementPage = z.infer<typeof FeedElementPageSchema>

/** The identity URL's last two path segments: /id/<orgId>/<userId>. */
export const IDENTITY_PATH = /\/id\/([A-Za-z0-9]{15,18})\/([A-Za-z0-9]{15,18})\/?$/
