// Mastodon, as the core sees it: what it offers, how to sign in and out, and its adapter.
import type { ColumnKind } from '../../../preload/model'
import type { NetworkDefinition } from '../types'
import { createMastodonAdapter } from './adapter'
import { signIn, signOut } from './auth'
import { createMastodonWrites } from './write'

const TITLES: Partial<Record<ColumnKind, string>> = { home: 'Home', mentions: 'Mentions', public: 'Public timeline' }

export const mastodonNetwork: NetworkDefinition = {
  info: {
    id: 'mastodon',
    name: 'Mastodon',
    side: 'external',
    signInFields: ['server'],
    fieldLabels: { server: { label: 'Server', placeholder: 'mastodon.social' } },
    columnKinds: [
      { kind: 'home', label: 'Home' },
      { kind: 'mentions', label: 'Mentions' },
      { kind: 'hashtag', label: 'Hashtag', target: { label: 'Hashtag', placeholder: 'community' }, public: true },
      { kind: 'public', label: 'Public timeline', public: true },
    ],
    defaultColumns: [{ kind: 'home' }, { kind: 'mentions' }],
    // Images up to 16 MB are ready at once; video and audio (up to 99 MB) are processed first, which
    // the upload waits for. The server itself refuses an image over 16 MB or a video next to images.
    attachments: {
      max: 4,
      maxBytes: 99 * 1024 * 1024,
      accept: [
        'image/jpeg',
        'image/png',
        'image/gif',
        'image/webp',
        'video/mp4',
        'video/webm',
        'video/quicktime',
        'audio/mpeg',
        'audio/ogg',
        'audio/wav',
      ],
      describe: true,
    },
    access: 'account-or-public',
    publicFields: ['server'],
    publicDefaultColumns: [{ kind: 'public' }],
  },
  defaultPollMs: 60_000,
  signIn,
  signOut,
  createAdapter: (ctx) => ({ ...createMastodonAdapter(ctx), ...createMastodonWrites(ctx) }),
  columnTitle(kind, target) {
    if (kind === 'hashtag') return `#${(target ?? '').trim().replace(/^#+/, '')}`
    return TITLES[kind] ?? kind
  },
}
