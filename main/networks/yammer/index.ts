// Viva Engage (Yammer), as the core sees it: an inside network, signed in with the
// organisation's Microsoft Entra app registration. Hosts via CROSSTALK_ENDPOINTS
// {"yammer":{"identity":…,"api":…}} (sovereign clouds, local fakes).
import type { ColumnKind } from '../../../preload/model'
import { resolveEndpoints, type EndpointOverrides } from '../endpoints'
import type { NetworkDefinition } from '../types'
import { createYammerAdapter } from './adapter'
import { createBearerSession } from '../bearer-session'
import { SESSION_ENDED, refreshTokens, signIn } from './auth'
import { YAMMER_MAX_ATTACHMENTS, createYammerWrites } from './writes'

const TITLES: Partial<Record<ColumnKind, string>> = { home: 'My feed', received: 'Received' }

export function createYammerNetwork(endpoints: EndpointOverrides = {}): NetworkDefinition {
  const e = resolveEndpoints(
    'yammer',
    { identity: 'https://login.microsoftonline.com', api: 'https://api.yammer.com' },
    endpoints,
  )
  return {
    info: {
      id: 'yammer',
      name: 'Viva Engage (Yammer)',
      side: 'internal',
      signInFields: ['clientId', 'tenant'],
      fieldLabels: {
        clientId: { label: 'Application (client) ID', placeholder: '00000000-0000-0000-0000-000000000000' },
        tenant: { label: 'Tenant', placeholder: 'contoso.onmicrosoft.com' },
      },
      columnKinds: [
        { kind: 'home', label: 'My feed' },
        { kind: 'group', label: 'Group', target: { label: 'Group' } },
        { kind: 'received', label: 'Received' },
      ],
      defaultColumns: [{ kind: 'home' }, { kind: 'received' }],
      // Each file is uploaded as a pending attachment first; a message names up to 20 of them.
      attachments: { max: YAMMER_MAX_ATTACHMENTS, maxBytes: 100 * 1024 * 1024, accept: ['*/*'], describe: false },
    },
    defaultPollMs: 60_000,
    signIn: (ctx, request) => signIn(ctx, request, e),
    // Microsoft identity v2 has no token revocation endpoint: the tokens are forgotten here.
    signOut: async () => {},
    // One session for reads and writes: the refresh token rotates, so only one may refresh it.
    createAdapter(ctx) {
      const session = createBearerSession(ctx, (c) => refreshTokens(ctx.http, e, c), SESSION_ENDED)
      return { ...createYammerAdapter(ctx, e, session), ...createYammerWrites(ctx, e, session) }
    },
    columnTitle: (kind, target) => (kind === 'group' ? `Group ${target ?? ''}` : (TITLES[kind] ?? kind)),
  }
}
