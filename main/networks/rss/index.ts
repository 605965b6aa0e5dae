// RSS / Atom / JSON Feed, as the core sees it: a public source with no sign-in. Adding it
// creates one "Feeds" account; each column is one feed URL.
import type { NetworkDefinition } from '../types'
import { createRssAdapter, normalizeFeedUrl } from './adapter'

export const RSS_ACCOUNT_ID = 'rss:feeds'

export const rssNetwork: NetworkDefinition = {
  info: {
    id: 'rss',
    name: 'RSS / Atom',
    side: 'external',
    signInFields: [],
    access: 'public',
    publicFields: [],
    columnKinds: [
      { kind: 'feed', label: 'Feed', target: { label: 'Feed URL', placeholder: 'https://blog.example.com/feed' }, public: true },
    ],
    defaultColumns: [],
    publicDefaultColumns: [],
  },
  // Feeds change slowly; <ttl> may ask for even less.
  defaultPollMs: 15 * 60_000,
  async signIn() {
    return {
      account: {
        id: RSS_ACCOUNT_ID,
        network: 'rss',
        side: 'external',
        handle: 'Feeds',
        displayName: 'RSS / Atom feeds',
        anonymous: true,
      },
      credentials: {},
    }
  },
  async signOut() {
    // Nothing to revoke: feeds are read without an account.
  },
  createAdapter: createRssAdapter,
  normalizeTarget: (_kind, target) => normalizeFeedUrl(target),
  columnTitle(_kind, target) {
    if (!target) return 'Feed'
    try {
      const url = new URL(target)
      return `${url.host}${url.pathname === '/' ? '' : url.pathname}`
    } catch {
      return target
    }
  },
}
