// Bluesky, as the core sees it. Signed in with an app password against the user's PDS; without
// an account, search reads the public AppView (CROSSTALK_ENDPOINTS {"bluesky":{"appview":…}}).
import type { ColumnKind } from '../../../preload/model'
import { resolveEndpoints, type EndpointOverrides } from '../endpoints'
import type { NetworkDefinition } from '../types'
import { createBlueskyAdapter } from './adapter'
import { signIn, signOut } from './auth'
import { createBlueskySession } from './session'
import { createBlueskyWrites } from './writes'

const TITLES: Partial<Record<ColumnKind, string>> = { home: 'Timeline', mentions: 'Notifications' }

export function createBlueskyNetwork(endpoints: EndpointOverrides = {}): NetworkDefinition {
  const { appview } = resolveEndpoints('bluesky', { appview: 'https://public.api.bsky.app' }, endpoints)
  return {
    info: {
      id: 'bluesky',
      name: 'Bluesky',
      side: 'external',
      signInFields: ['server', 'identifier', 'password'],
      fieldLabels: {
        server: { label: 'Server', placeholder: 'bsky.social' },
        identifier: { label: 'Handle', placeholder: 'alice.bsky.social' },
        password: { label: 'App password', placeholder: 'xxxx-xxxx-xxxx-xxxx' },
      },
      // app.bsky.embed.images: four images a post, each with its alt text. 1 MB each keeps to the
      // limit every PDS and app honours (the lexicon now allows up to 2 MB).
      attachments: {
        max: 4,
        maxBytes: 1_000_000,
        accept: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
        describe: true,
      },
      access: 'account-or-public',
      publicFields: [],
      columnKinds: [
        { kind: 'home', label: 'Timeline' },
        { kind: 'mentions', label: 'Notifications' },
        { kind: 'search', label: 'Search', target: { label: 'Search', placeholder: 'crosstalk' }, public: true },
        {
          kind: 'feed',
          label: 'Custom feed',
          target: { label: 'Feed URI', placeholder: 'at://did:plc:…/app.bsky.feed.generator/…' },
        },
        { kind: 'list', label: 'List', target: { label: 'List URI', placeholder: 'at://did:plc:…/app.bsky.graph.list/…' } },
      ],
      defaultColumns: [{ kind: 'home' }, { kind: 'mentions' }],
      publicDefaultColumns: [],
    },
    defaultPollMs: 60_000,
    signIn: (ctx, request) => signIn(ctx, request, appview),
    signOut,
    // One session for reads and writes: its refresh token can be used only once.
    createAdapter(ctx) {
      const session = createBlueskySession(ctx)
      return { ...createBlueskyAdapter(ctx, session), ...createBlueskyWrites(ctx, session) }
    },
    columnTitle(kind, target) {
      if (kind === 'search') return `Search: ${target ?? ''}`
      if (kind === 'feed' || kind === 'list') return target?.split('/').pop() ?? kind
      return TITLES[kind] ?? kind
    },
  }
}
