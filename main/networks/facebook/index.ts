// Facebook Pages, as the core sees it: Facebook Login with the user's own app id; each column
// reads one of the Pages they manage. Hosts via CROSSTALK_ENDPOINTS {"facebook":{"dialog":…,"graph":…}}.
import type { ColumnKind } from '../../../preload/model'
import { resolveEndpoints, type EndpointOverrides } from '../endpoints'
import type { NetworkDefinition } from '../types'
import { createFacebookAdapter } from './adapter'
import { signIn, signOut } from './auth'
import { createFacebookWrites } from './writes'

const TITLES: Partial<Record<ColumnKind, string>> = { home: 'Page feed', comments: 'Comments', tagged: 'Tagged' }

export function createFacebookNetwork(endpoints: EndpointOverrides = {}): NetworkDefinition {
  const e = resolveEndpoints('facebook', { dialog: 'https://www.facebook.com', graph: 'https://graph.facebook.com' }, endpoints)
  return {
    info: {
      id: 'facebook',
      name: 'Facebook Pages',
      side: 'external',
      signInFields: ['clientId'],
      fieldLabels: { clientId: { label: 'App ID', placeholder: '1234567890' } },
      columnKinds: [
        { kind: 'home', label: 'Page feed', target: { label: 'Page' } },
        { kind: 'comments', label: 'Comments', target: { label: 'Page' } },
        { kind: 'tagged', label: 'Tagged', target: { label: 'Page' } },
      ],
      // Which Page is the person's to choose: columns are added from the Add column dialog.
      defaultColumns: [],
      // Photos (Graph's Page photo upload: JPEG, PNG, GIF, BMP or TIFF up to 4 MB). A post takes up to
      // ten (attached_media); a comment takes one, which the adapter says when sending.
      attachments: {
        max: 10,
        maxBytes: 4 * 1024 * 1024,
        accept: ['image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'image/tiff'],
        describe: false,
      },
    },
    defaultPollMs: 120_000,
    signIn: (ctx, request) => signIn(ctx, request, e),
    signOut: (ctx) => signOut(ctx, e),
    createAdapter: (ctx) => ({ ...createFacebookAdapter(ctx, e), ...createFacebookWrites(ctx, e) }),
    columnTitle: (kind) => TITLES[kind] ?? kind,
  }
}
