// WordPress, as the core sees it: the company blog's comments (to moderate and answer) and posts.
import type { ColumnKind } from '../../../preload/model'
import type { NetworkDefinition } from '../types'
import { createWordPressAdapter } from './adapter'
import { signIn, signOut } from './auth'
import { createWordPressWrites } from './writes'

const TITLES: Partial<Record<ColumnKind, string>> = {
  held: 'Awaiting moderation',
  comments: 'Approved comments',
  spam: 'Spam',
  posts: 'Posts',
}

export const wordpressNetwork: NetworkDefinition = {
  info: {
    id: 'wordpress',
    name: 'WordPress',
    side: 'external',
    signInFields: ['server'],
    fieldLabels: { server: { label: 'Site URL', placeholder: 'https://blog.example.com' } },
    columnKinds: [
      { kind: 'held', label: 'Awaiting moderation', lists: ['hold'] },
      { kind: 'comments', label: 'Approved comments', lists: ['approved'] },
      { kind: 'spam', label: 'Spam', lists: ['spam'] },
      { kind: 'posts', label: 'Posts' },
    ],
    defaultColumns: [{ kind: 'held' }, { kind: 'comments' }],
  },
  defaultPollMs: 120_000,
  signIn,
  signOut,
  createAdapter: (ctx) => ({ ...createWordPressAdapter(ctx), ...createWordPressWrites(ctx) }),
  columnTitle: (kind) => TITLES[kind] ?? kind,
}
