// Shared test data for renderer tests: items, columns, accounts, networks shaped like main's.
import type { Account, ColumnSpec, Item, NetworkInfo } from '../../../preload/model'

export function makeItem(n: number, overrides: Partial<Item> = {}): Item {
  return {
    id: `acct-1/${n}`,
    accountId: 'acct-1',
    network: 'mastodon',
    side: 'external',
    remoteId: String(n),
    url: `https://social.example/@alice/${n}`,
    author: { id: 'u1', name: 'Alice Example', handle: 'alice@social.example' },
    text: `Post number ${n}`,
    createdAt: new Date(Date.UTC(2025, 0, 1, 12, n)).toISOString(),
    ...overrides,
  }
}

export const mastodonAccount: Account = {
  id: 'acct-1',
  network: 'mastodon',
  side: 'external',
  handle: '@alice@social.example',
  displayName: 'Alice Example',
  server: 'https://social.example',
}

export const chatterAccount: Account = {
  id: 'acct-2',
  network: 'chatter',
  side: 'internal',
  handle: 'bob@acme.example',
  displayName: 'Bob Acme',
}

export const homeColumn: ColumnSpec = { id: 'col-home', accountId: 'acct-1', kind: 'home', title: 'Home' }
export const newsColumn: ColumnSpec = { id: 'col-news', accountId: 'acct-2', kind: 'feed', title: 'News feed' }

export const networks: NetworkInfo[] = [
  {
    id: 'mastodon',
    name: 'Mastodon',
    side: 'external',
    signInFields: ['server'],
    fieldLabels: { server: { label: 'Server', placeholder: 'mastodon.social' } },
    columnKinds: [
      { kind: 'home', label: 'Home' },
      { kind: 'hashtag', label: 'Hashtag', target: { label: 'Hashtag', placeholder: 'community' } },
    ],
    defaultColumns: [{ kind: 'home' }],
  },
  {
    id: 'chatter',
    name: 'Salesforce Chatter',
    side: 'internal',
    signInFields: ['loginHost', 'clientId'],
    fieldLabels: { clientId: { label: 'Consumer key' } },
    columnKinds: [
      { kind: 'feed', label: 'News feed' },
      { kind: 'group', label: 'Group', target: { label: 'Group' } },
    ],
    defaultColumns: [{ kind: 'feed' }],
  },
]
