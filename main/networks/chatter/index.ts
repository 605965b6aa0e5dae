// Salesforce Chatter, the internal side: what the core needs to know to offer it.
import type { ColumnKind } from '../../../preload/model'
import type { NetworkDefinition } from '../types'
import { createChatterAdapter } from './adapter'
import { signIn, signOut } from './auth'
import { createChatterWrites } from './write'

const TITLES: Partial<Record<ColumnKind, string>> = { home: 'News feed', mentions: 'Mentions', group: 'Group' }

export const chatterNetwork: NetworkDefinition = {
  info: {
    id: 'chatter',
    name: 'Salesforce Chatter',
    side: 'internal',
    signInFields: ['loginHost', 'clientId'],
    fieldLabels: { clientId: { label: 'Consumer key' } },
    columnKinds: [
      { kind: 'home', label: 'News feed' },
      { kind: 'mentions', label: 'Mentions' },
      { kind: 'group', label: 'Group', target: { label: 'Group' } },
    ],
    defaultColumns: [{ kind: 'home' }, { kind: 'mentions' }],
    // Any file type into the user's Files (Salesforce takes up to 2 GB; Crosstalk stages up to 100 MB); a comment carries one.
    attachments: { max: 10, maxBytes: 100 * 1024 * 1024, accept: ['*/*'], describe: false },
  },
  // Chatter has no push and an hourly per-user limit: poll once a minute, never faster by default.
  defaultPollMs: 60_000,
  signIn,
  signOut,
  createAdapter: (ctx) => ({ ...createChatterAdapter(ctx), ...createChatterWrites(ctx) }),
  // Group names come from listTargets; the core may pass the chosen label as the column title.
  columnTitle: (kind) => TITLES[kind] ?? kind,
}
