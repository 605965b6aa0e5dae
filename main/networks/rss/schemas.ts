// Zod schemas of what feedsmith's parseFeed returns for RSS 2.0, Atom 1.0, RDF (RSS 1.0) and
// JSON Feed: only the fields we read. feedsmith's TypeScript types are not runtime checks; these are.
import { z } from 'zod'

const Text = z.union([z.string(), z.object({ value: z.string().optional() }).loose()]).optional()
const Person = z.object({ name: z.string().optional(), uri: z.string().optional(), email: z.string().optional() }).loose()
const Link = z.object({ href: z.string().optional(), rel: z.string().optional(), type: z.string().optional() }).loose()
const Thread = z
  .object({
    total: z.number().optional(),
    inReplyTos: z.array(z.object({ ref: z.string().optional(), href: z.string().optional() }).loose()).optional(),
  })
  .loose()
  .optional()

export const AtomEntrySchema = z
  .object({
    id: z.string().optional(),
    title: Text,
    summary: Text,
    content: Text,
    published: z.string().optional(),
    updated: z.string().optional(),
    authors: z.array(Person).optional(),
    links: z.array(Link).optional(),
    thr: Thread,
  })
  .loose()

export const AtomFeedSchema = z
  .object({
    id: z.string().optional(),
    title: Text,
    links: z.array(Link).optional(),
    authors: z.array(Person).optional(),
    entries: z.array(AtomEntrySchema).optional(),
  })
  .loose()

export const RssItemSchema = z
  .object({
    title: z.string().optional(),
    link: z.string().optional(),
    description: z.string().optional(),
    content: z.object({ encoded: z.string().optional() }).loose().optional(),
    guid: z.union([z.string(), z.object({ value: z.string().optional() }).loose()]).optional(),
    pubDate: z.string().optional(),
    authors: z.array(z.union([z.string(), Person])).optional(),
    dc: z
      .object({ creator: z.string().optional(), creators: z.array(z.string()).optional(), date: z.string().optional() })
      .loose()
      .optional(),
    enclosures: z.array(z.object({ url: z.string().optional(), type: z.string().optional() }).loose()).optional(),
    slash: z.object({ comments: z.number().optional() }).loose().optional(),
    thr: Thread,
  })
  .loose()

export const RssFeedSchema = z
  .object({
    title: z.string().optional(),
    link: z.string().optional(),
    ttl: z.number().optional(),
    items: z.array(RssItemSchema).optional(),
  })
  .loose()

export const JsonFeedItemSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    url: z.string().optional(),
    title: z.string().optional(),
    content_html: z.string().optional(),
    content_text: z.string().optional(),
    summary: z.string().optional(),
    date_published: z.string().optional(),
    date_modified: z.string().optional(),
    authors: z
      .array(z.object({ name: z.string().optional(), url: z.string().optional(), avatar: z.string().optional() }).loose())
      .optional(),
    image: z.string().optional(),
  })
  .loose()

export const JsonFeedSchema = z
  .object({ title: z.string().optional(), home_page_url: z.string().optional(), items: z.array(JsonFeedItemSchema).optional() })
  .loose()

export type AtomEntry = z.infer<typeof AtomEntrySchema>
export type RssItem = z.infer<typeof RssItemSchema>
export type JsonFeedItem = z.infer<typeof JsonFeedItemSchema>
