// Plain text → Mastodon-style HTML, the way Mastodon's TextFormatter does it: paragraphs, <br />,
// linkified URLs (with the "invisible"/"ellipsis" spans), h-card mentions and hashtag links.
// Hashtags and mentions are also extracted from the text, as the server does when a status is posted.

export interface MentionTarget {
  id: string
  username: string
  acct: string
  url: string
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

// One pass over the text: URLs, @user(@domain) mentions, #hashtags.
const TOKEN =
  /(https?:\/\/[^\s<]+[^\s<.,:;"')\]!?])|(?<![\w/@])@([A-Za-z0-9_]+)(?:@([A-Za-z0-9.-]+\.[A-Za-z]{2,}))?|(?<![\w/&#])#([\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*)/gu

export function extractTags(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(TOKEN)) {
    const tag = m[4]
    if (tag && !out.some((t) => t.toLowerCase() === tag.toLowerCase())) out.push(tag)
  }
  return out
}

export function extractMentions(text: string): { username: string; domain?: string }[] {
  const out: { username: string; domain?: string }[] = []
  for (const m of text.matchAll(TOKEN)) if (m[2]) out.push({ username: m[2], domain: m[3] })
  return out
}

function linkHtml(url: string): string {
  const m = /^(https?:\/\/(?:www\.)?)(.*)$/.exec(url)
  const prefix = m?.[1] ?? ''
  const rest = m?.[2] ?? url
  const shown =
    rest.length > 30
      ? `<span class="ellipsis">${esc(rest.slice(0, 30))}</span><span class="invisible">${esc(rest.slice(30))}</span>`
      : `<span class="">${esc(rest)}</span><span class="invisible"></span>`
  return `<a href="${esc(url)}" target="_blank" rel="nofollow noopener noreferrer" translate="no"><span class="invisible">${esc(prefix)}</span>${shown}</a>`
}

/** Renders `text` as status HTML; `resolve` finds a mentioned account (unknown ones stay plain text). */
export function formatStatus(
  text: string,
  origin: string,
  resolve: (username: string, domain: string | undefined) => MentionTarget | undefined,
): string {
  const paragraphs = text.trim().split(/\n{2,}/)
  return paragraphs
    .map((para) => {
      let html = ''
      let last = 0
      for (const m of para.matchAll(TOKEN)) {
        html += esc(para.slice(last, m.index))
        last = m.index + m[0].length
        if (m[1]) html += linkHtml(m[1])
        else if (m[2]) {
          const who = resolve(m[2], m[3])
          html += who
            ? `<span class="h-card" translate="no"><a href="${esc(who.url)}" class="u-url mention">@<span>${esc(who.username)}</span></a></span>`
            : esc(m[0])
        } else if (m[4]) {
          html += `<a href="${esc(origin)}/tags/${encodeURIComponent(m[4].toLowerCase())}" class="mention hashtag" rel="tag">#<span>${esc(m[4])}</span></a>`
        }
      }
      html += esc(para.slice(last))
      return `<p>${html.replace(/\n/g, '<br />')}</p>`
    })
    .join('')
}
