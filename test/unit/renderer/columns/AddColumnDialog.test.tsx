// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { BridgeCallError } from '../../../../preload/api-client'
import type { AppServices } from '../../../../renderer/app-context'
import { createFakeApi } from '../fake-api'
import { chatterAccount, mastodonAccount, networks } from '../fixtures'
import { createTestServices, renderApp } from '../render-app'

const dbs: AppServices['db'][] = []
afterEach(async () => {
  cleanup()
  for (const db of dbs.splice(0)) await db.delete()
})

function setup(handlers: Parameters<typeof createFakeApi>[0]) {
  const fake = createFakeApi(handlers)
  const { services } = createTestServices(fake)
  dbs.push(services.db)
  services.stores.workspace.getState().setNetworks(networks)
  services.stores.workspace.getState().setAccounts([mastodonAccount, chatterAccount])
  renderApp(services)
  fireEvent.click(screen.getByRole('button', { name: 'Add column' }))
  return { fake, services, dialog: screen.getByRole('dialog', { name: 'Add column' }) }
}

describe('AddColumnDialog', () => {
  it('adds a hashtag column with a typed target', async () => {
    const { fake, services, dialog } = setup({
      'columns.targets': () => [],
      'columns.add': (args) => ({
        id: 'col-tag',
        accountId: args.accountId,
        kind: args.kind,
        target: args.target,
        title: `#${args.target}`,
      }),
    })
    const account = within(dialog).getByLabelText('Account') as HTMLSelectElement
    expect([...account.options].map((o) => o.text)).toEqual([
      '@alice@social.example · Mastodon',
      'bob@acme.example · Salesforce Chatter',
    ])
    fireEvent.change(within(dialog).getByLabelText('Kind'), { target: { value: 'hashtag' } })
    const input = (await within(dialog).findByLabelText('Hashtag')) as HTMLInputElement
    expect(input.placeholder).toBe('community')
    fireEvent.change(input, { target: { value: 'community' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }))
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add column' })).toBeNull())
    expect(fake.calls.find((c) => c.method === 'columns.add')?.args).toEqual({
      accountId: 'acct-1',
      kind: 'hashtag',
      target: 'community',
    })
    expect(services.stores.workspace.getState().columns.map((c) => c.title)).toEqual(['#community'])
  })

  it('offers the choices main lists (Chatter groups) and keeps the dialog open on error', async () => {
    const { dialog } = setup({
      'columns.targets': () => [{ value: 'g1', label: 'Support' }],
      'columns.add': () => Promise.reject(new BridgeCallError('user', 'That group is archived')),
    })
    fireEvent.change(within(dialog).getByLabelText('Account'), { target: { value: 'acct-2' } })
    fireEvent.change(within(dialog).getByLabelText('Kind'), { target: { value: 'group' } })
    const group = (await within(dialog).findByLabelText('Group')) as HTMLSelectElement
    expect(group.tagName).toBe('SELECT')
    fireEvent.change(group, { target: { value: 'g1' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add' }))
    expect((await within(dialog).findByRole('alert')).textContent).toBe('That group is archived')
    expect((within(dialog).getByLabelText('Group') as HTMLSelectElement).value).toBe('g1')
    await act(async () => {})
  })
})
