// Network HTML (Mastodon statuses, Chatter rich text) goes through DOMPurify before it reaches
// the DOM. Basic formatting and links only; links keep just an http(s) href and are opened by
// the click handler of the component that renders them (links.open), never by navigation.
import createDOMPurify from 'dompurify'
import { isWebUrl } from './links'

export interface Sanitizer {
  sanitize(html: string): string
}

const ALLOWED_TAGS = [
  'p',
  'br',
  'a',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'span',
]
const ALLOWED_ATTR = ['href', 'title', 'class']
/** Mastodon marks up shortened links and mentions with these; any other class is dropped. */
const ALLOWED_CLASSES = new Set(['invisible', 'ellipsis', 'mention', 'hashtag', 'h-card', 'u-url'])

/** The window DOMPurify works in: the page's own, or jsdom's in tests. */
export type PurifyWindow = NonNullable<Parameters<typeof createDOMPurify>[0]>

export function createSanitizer(win: PurifyWindow): Sanitizer {
  const purify = createDOMPurify(win)
  purify.addHook('afterSanitizeAttributes', (node) => {
    const classes = node.getAttribute('class')
    if (classes !== null) {
      const kept = classes.split(/\s+/).filter((c) => ALLOWED_CLASSES.has(c))
      if (kept.length > 0) node.setAttribute('class', kept.join(' '))
      else node.removeAttribute('class')
    }
    if (node.tagName === 'A') {
      const href = node.getAttribute('href')
      if (href === null || !isWebUrl(href)) node.removeAttribute('href')
      node.setAttribute('rel', 'noopener noreferrer')
    }
  })
  return {
    sanitize: (html) =>
      purify.sanitize(html, {
        ALLOWED_TAGS,
        ALLOWED_ATTR,
        FORBID_TAGS: ['style', 'script', 'iframe', 'object', 'embed', 'form', 'img', 'svg', 'math'],
        FORBID_ATTR: ['style', 'target'],
        ALLOW_DATA_ATTR: false,
      }),
  }
}
