// X, as the core sees it: OAuth 2.0 with the user's own client id. Hosts via CROSSTALK_ENDPOINTS
// {"x":{"authorize":…,"api":…}} (local fakes).
import type { ColumnKind } from '../../../preload/model'
import { resolveEndpoints, type EndpointOverrides } from '../endpoints'
import type { NetworkDefinition } from '../types'
import { createXAdapter } from './adapter'
import { createBearerSession } from '../bearer-session'
import { SESSION_ENDED, refreshTokens, signIn, signOut } from './auth'
import { X_ATTACHMENTS, createXWrites } from './writes'

const TITLES: Partial<Record<ColumnKind, string>> = { home: 'Home', mentions: 'Mentions' }

export function createXNetwork(endpoints: EndpointOverrides = {}): NetworkDefinition {
  const e = resolveEndpoints('x', { authorize: 'https://x.com', api: 'https://api.x.com' }, endpoints)
  return {
    info: {
      id: 'x',
      name: 'X',
      side: 'external',
      signInFields: ['clientId'],
      fieldLabels: { clientId: { label: 'Client ID', placeholder: 'from the X Developer Portal' } },
      columnKinds: [
        { kind: 'home', label: 'Home' },
        { kind: 'mentions', label: 'Mentions' },
        { kind: 'search', label: 'Search', target: { label: 'Search', placeholder: 'from:yourbrand OR @yourbrand' } },
      ],
      defaultColumns: [{ kind: 'home' }, { kind: 'mentions' }],
      // Up to 4 images (JPEG, PNG, WebP) or one GIF, 5 MB each, each with its alt text.
      attachments: X_ATTACHMENTS,
    },
    // The free and basic tiers allow few reads: poll gently.
    defaultPollMs: 5 * 60_000,
    signIn: (ctx, request) => signIn(ctx, request, e),
    signOut: (ctx) => signOut(ctx, e),
    // One session for reads and writes: the refresh token rotates, so only one may refresh it.
    createAdapter(ctx) {
      const session = createBearerSession(ctx, (c) => refreshTokens(ctx.http, e, c), SESSION_ENDED)
      return { ...createXAdapter(ctx, e, session), ...createXWrites(ctx, e, session) }
    },
    columnTitle: (kind, target) => (kind === 'search' ? `Search: ${target ?? ''}` : (TITLES[kind] ?? kind)),
  }
}
