// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { BridgeCallError } from '../../../preload/api-client'
import { cacheAccounts, cacheColumns, cacheNetworks, cacheStatus } from '../../../renderer/db/cache'
import { saveItems } from '../../../renderer/db/items'
import { startApp } from '../../../renderer/startup'
import type { ConnectionSource } from '../../../renderer/ws-transport'
import type { AppServices } from '../../../renderer/app-context'
import { createFakeApi } from './fake-api'
import { chatterAccount, homeColumn, makeItem, mastodonAccount, networks, newsColumn } from './fixtures'
import { createTestServices, renderApp } from './render-app'

const connected: ConnectionSource = { get: () => 'connected', subscribe: () => () => {} }
const stops: (() => void)[] = []
const dbs: AppServices['db'][] = []

afterEach(async () => {
  cleanup()
  stops.splice(0).forEach((s) => s())
  for (const db of dbs.splice(0)) await db.delete()
})

describe('start-up', () => {
  it('paints cached columns and items before main answers anything', async () => {
    let storesAtFirstCall: { hydrated: boolean; columns: number } | null = null
    const holder: { services?: AppServices } = {}
    const fake = createFakeApi({}, () => {
      const stores = holder.services!.stores
      storesAtFirstCall ??= { hydrated: stores.ui.getState().hydrated, columns: stores.workspace.getState().columns.length }
    })
    const { services } = createTestServices(fake)
    holder.services = services
    dbs.push(services.db)
    await cacheNetworks(services.db, networks)
    await cacheAccounts(services.db, [mastodonAccount])
    await cacheColumns(services.db, [homeColumn])
    await cacheStatus(services.db, { columnId: homeColumn.id, state: 'ok', lastSyncedAt: '2025-01-01T12:55:00Z' })
    await saveItems(services.db, homeColumn.id, [makeItem(1), makeItem(2, { html: '<p>Cached <b>rich</b> post</p>' })])

    renderApp(services)
    stops.push(startApp(services, { connection: connected, afterPaint: async () => {} }))

    const outside = await screen.findByRole('region', { name: 'Outside' })
    const home = await within(outside).findByRole('region', { name: 'Home' })
    expect(await within(home).findByText('Post number 1')).toBeTruthy()
    expect(within(home).getByText('rich').tagName).toBe('B')
    expect(within(home).getByText('Updated 5 min ago')).toBeTruthy()
    expect(
      within(home)
        .getAllByRole('article')
        .map((a) => a.getAttribute('aria-label')),
    ).toEqual(['Post by Alice Example', 'Post by Alice Example'])
    // Main has been asked, but nothing it answers has arrived: everything above came from the cache.
    await waitFor(() => expect(fake.calls.map((c) => c.method)).toContain('app.ready'))
    expect(storesAtFirstCall).toEqual({ hydrated: true, columns: 1 })
    expect(fake.calls.map((c) => c.method)).toEqual(['app.ready'])
  })

  it("reconciles with main's answers and follows its events", async () => {
    const fake = createFakeApi({
      'app.ready': () => ({ host: 'web', demo: false }),
      'networks.list': () => networks,
      'accounts.list': () => [mastodonAccount, chatterAccount],
      'columns.list': () => [homeColumn, newsColumn],
      'columns.statuses': () => [{ columnId: newsColumn.id, state: 'syncing' }],
    })
    const { services } = createTestServices(fake)
    dbs.push(services.db)
    renderApp(services)
    stops.push(startApp(services, { connection: connected, afterPaint: async () => {} }))

    const inside = await screen.findByRole('region', { name: 'Inside' })
    const news = await within(inside).findByRole('region', { name: 'News feed' })
    expect(within(news).getByText('Syncing…')).toBeTruthy()
    act(() =>
      fake.emit('items', {
        columnId: newsColumn.id,
        items: [makeItem(7, { id: 'acct-2/7', accountId: 'acct-2', text: 'Inside news' })],
      }),
    )
    expect(await within(news).findByText('Inside news')).toBeTruthy()
    act(() => fake.emit('column.status', { columnId: newsColumn.id, state: 'rate-limited', until: '2025-01-01T13:05:00Z' }))
    expect(await within(news).findByText(/Rate-limited until/)).toBeTruthy()
    // The status is kept for the next start.
    await waitFor(async () =>
      expect((await services.db.columns.get(`status:${newsColumn.id}`))?.value).toMatchObject({ state: 'rate-limited' }),
    )

    act(() => fake.emit('columns.changed', [homeColumn]))
    await waitFor(() => expect(within(inside).queryByRole('region', { name: 'News feed' })).toBeNull())
    await waitFor(async () => expect(await services.db.columnItems.where('columnId').equals(newsColumn.id).count()).toBe(0))
  })

  it('shows a welcome with Add account when there is no account', async () => {
    const fake = createFakeApi({
      'app.ready': () => ({ host: 'web', demo: false }),
      'networks.list': () => networks,
      'accounts.list': () => [],
      'columns.list': () => [],
      'columns.statuses': () => [],
    })
    const { services } = createTestServices(fake)
    dbs.push(services.db)
    renderApp(services)
    stops.push(startApp(services, { connection: connected, afterPaint: async () => {} }))
    expect(await screen.findByText('Welcome to Crosstalk')).toBeTruthy()
    expect(screen.getAllByRole('button', { name: 'Add account' })).toHaveLength(2)
    expect(screen.queryByRole('button', { name: 'Add column' })).toBeNull()
  })
})

describe('Add account dialog', () => {
  it("shows the chosen network's fields, waits for the browser, and keeps what was typed on error", async () => {
    let rejectSignIn!: (e: Error) => void
    const fake = createFakeApi({
      'app.ready': () => ({ host: 'web', demo: false }),
      'networks.list': () => networks,
      'accounts.list': () => [],
      'columns.list': () => [],
      'columns.statuses': () => [],
      'accounts.signIn': () => new Promise((_, reject) => (rejectSignIn = reject)),
    })
    const { services, opened } = createTestServices(fake)
    dbs.push(services.db)
    renderApp(services)
    stops.push(startApp(services, { connection: connected, afterPaint: async () => {} }))

    await screen.findByText('Welcome to Crosstalk')
    fireEvent.click(screen.getAllByRole('button', { name: 'Add account' })[0]!)
    const dialog = await screen.findByRole('dialog', { name: 'Add account' })
    const network = within(dialog).getByLabelText('Network') as HTMLSelectElement
    expect([...network.options].map((o) => o.text)).toEqual(['Mastodon', 'Salesforce Chatter'])
    expect((within(dialog).getByLabelText('Server') as HTMLInputElement).placeholder).toBe('mastodon.social')

    fireEvent.change(network, { target: { value: 'chatter' } })
    expect(within(dialog).queryByLabelText('Server')).toBeNull()
    const loginHost = within(dialog).getByLabelText('Login host') as HTMLSelectElement
    expect([...loginHost.options].map((o) => o.text)).toEqual(['Production', 'Sandbox', 'My Domain'])
    expect(within(dialog).queryByLabelText('My Domain URL')).toBeNull()
    fireEvent.change(loginHost, { target: { value: 'my-domain' } })
    fireEvent.change(within(dialog).getByLabelText('My Domain URL'), { target: { value: 'https://acme.my.salesforce.com' } })
    fireEvent.change(within(dialog).getByLabelText('Consumer key'), { target: { value: 'key-123' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign in' }))

    expect(await within(dialog).findByText('Waiting for you to approve Crosstalk in your browser…')).toBeTruthy()
    expect(fake.calls.find((c) => c.method === 'accounts.signIn')?.args).toEqual({
      network: 'chatter',
      loginHost: 'https://acme.my.salesforce.com',
      clientId: 'key-123',
    })
    act(() => fake.emit('open-url', { url: 'https://acme.my.salesforce.com/services/oauth2/authorize?x=1' }))
    expect(opened).toEqual(['https://acme.my.salesforce.com/services/oauth2/authorize?x=1'])
    const link = await within(dialog).findByRole('link', { name: 'Open the sign-in page' })
    expect(link.getAttribute('href')).toBe('https://acme.my.salesforce.com/services/oauth2/authorize?x=1')

    await act(async () => rejectSignIn(new BridgeCallError('auth', 'Salesforce refused the consumer key')))
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Salesforce refused the consumer key')
    expect((within(dialog).getByLabelText('Network') as HTMLSelectElement).value).toBe('chatter')
    expect((within(dialog).getByLabelText('My Domain URL') as HTMLInputElement).value).toBe('https://acme.my.salesforce.com')
    expect((within(dialog).getByLabelText('Consumer key') as HTMLInputElement).value).toBe('key-123')
    expect(within(dialog).queryByText('Waiting for you to approve Crosstalk in your browser…')).toBeNull()
  })

  it('refuses to send a sign-in with a missing field and says which', async () => {
    const fake = createFakeApi({ 'networks.list': () => networks, 'app.ready': () => ({ host: 'web', demo: false }) })
    const { services } = createTestServices(fake)
    dbs.push(services.db)
    renderApp(services)
    stops.push(startApp(services, { connection: connected, afterPaint: async () => {} }))
    await waitFor(() => expect(services.stores.workspace.getState().networks).toHaveLength(2))
    act(() => services.stores.ui.getState().openDialog('add-account'))
    const dialog = await screen.findByRole('dialog', { name: 'Add account' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign in' }))
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/server, for example mastodon.social/)
    expect(fake.calls.some((c) => c.method === 'accounts.signIn')).toBe(false)
  })
})
