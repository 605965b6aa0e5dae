// Feed documents → entries: RSS 2.0, Atom with Atom Threading, JSON Feed, and bad input.
import { describe, expect, it } from 'vitest'
import { NetworkFailure } from '../../../../../main/core/errors'
import { htmlToText, parseFeedDocument } from '../../../../../main/networks/rss/parse'

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">
  <id>urn:blog</id><title type="text">Team Blog</title><updated>2025-03-02T10:00:00Z</updated>
  <link rel="alternate" href="https://blog.example/"/>
  <entry>
    <id>urn:post-1</id><title>Launch day</title>
    <link rel="alternate" href="https://blog.example/launch"/>
    <published>2025-03-01T09:00:00Z</published><updated>2025-03-01T09:30:00Z</updated>
    <author><name>Ann Lee</name><uri>https://blog.example/ann</uri></author>
    <content type="html">&lt;p&gt;We are &lt;b&gt;live&lt;/b&gt; &amp;amp; happy.&lt;/p&gt;</content>
    <thr:total>1</thr:total>
  </entry>
  <entry>
    <id>urn:comment-1</id><title>Re: Launch day</title>
    <updated>2025-03-01T10:00:00Z</updated>
    <author><name>Bo</name></author>
    <summary>Congrats!</summary>
    <thr:in-reply-to ref="urn:post-1" href="https://blog.example/launch"/>
  </entry>
</feed>`

const RSS = `<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
  <channel><title>News</title><link>https://news.example/</link><ttl>45</ttl>
    <item><title>Outage report</title><link>https://news.example/outage</link>
      <guid isPermaLink="true">https://news.example/outage</guid>
      <pubDate>Sat, 01 Mar 2025 08:00:00 GMT</pubDate>
      <author>press@news.example (Press Office)</author>
      <description>Short text</description>
      <content:encoded>&lt;p&gt;Long &lt;i&gt;text&lt;/i&gt;&lt;/p&gt;</content:encoded>
      <slash:comments>7</slash:comments>
      <enclosure url="https://news.example/pic.jpg" type="image/jpeg" length="10"/>
    </item>
    <item><title>No guid, no date</title><link>https://news.example/x</link><dc:creator>Kim</dc:creator></item>
  </channel>
</rss>`

describe('parseFeedDocument', () => {
  it('reads Atom with its thread links (thr:in-reply-to, thr:total)', () => {
    const feed = parseFeedDocument(ATOM, 'https://blog.example/atom.xml')
    expect(feed.title).toBe('Team Blog')
    expect(feed.entries).toHaveLength(2)
    const [post, comment] = feed.entries
    expect(post).toMatchObject({
      id: 'urn:post-1',
      title: 'Launch day',
      url: 'https://blog.example/launch',
      published: '2025-03-01T09:00:00.000Z',
      author: { name: 'Ann Lee', uri: 'https://blog.example/ann' },
      replies: 1,
      text: 'We are live & happy.',
    })
    expect(post!.html).toContain('<b>live</b>')
    expect(comment).toMatchObject({
      id: 'urn:comment-1',
      inReplyTo: 'urn:post-1',
      text: 'Congrats!',
      published: '2025-03-01T10:00:00.000Z',
    })
  })

  it('reads RSS 2.0: content:encoded over description, the author’s name, ttl, comments, image enclosure', () => {
    const feed = parseFeedDocument(RSS, 'https://news.example/rss')
    expect(feed.ttlMinutes).toBe(45)
    expect(feed.entries[0]).toMatchObject({
      id: 'https://news.example/outage',
      html: '<p>Long <i>text</i></p>',
      author: { name: 'Press Office' },
      replies: 7,
      image: 'https://news.example/pic.jpg',
      published: '2025-03-01T08:00:00.000Z',
    })
    // Without a guid the link identifies the item; without a date, none is invented here.
    expect(feed.entries[1]).toMatchObject({ id: 'https://news.example/x', author: { name: 'Kim' }, published: undefined })
  })

  it('reads JSON Feed', () => {
    const body = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Notes',
      items: [{ id: 1, content_text: 'plain note', date_published: '2025-01-02T03:04:05Z', authors: [{ name: 'Lu' }] }],
    })
    const feed = parseFeedDocument(body, 'https://n.example/feed.json')
    expect(feed.entries).toEqual([
      expect.objectContaining({ id: '1', text: 'plain note', author: { name: 'Lu', uri: undefined, avatar: undefined } }),
    ])
  })

  it('refuses what is not a feed with a malformed failure naming the address', () => {
    for (const body of ['<html><body>Not a feed</body></html>', '<?xml version="1.0"?><rss><channel><item><title>cut', '']) {
      let error: unknown
      try {
        parseFeedDocument(body, 'https://x.example/feed')
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(NetworkFailure)
      expect((error as NetworkFailure).kind).toBe('malformed')
      expect((error as Error).message).toContain('https://x.example/feed')
    }
  })

  it('turns HTML into readable text', () => {
    expect(htmlToText('<p>a &amp; b</p><p>c<br>d</p><script>x()</script>')).toBe('a & b\nc\nd')
  })
})
