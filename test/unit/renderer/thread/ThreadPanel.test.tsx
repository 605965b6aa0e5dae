// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { BridgeCallError } from '../../../../preload/api-client'
import type { AppServices } from '../../../../renderer/app-context'
import { cacheAccounts, cacheColumns, cacheNetworks } from '../../../../renderer/db/cache'
import { saveItems } from '../../../../renderer/db/items'
import { saveThread } from '../../../../renderer/db/threads'
import { hydrateFromCache } from '../../../../renderer/startup'
import { createFakeApi, type FakeHandlers } from '../fake-api'
import { homeColumn, makeItem, mastodonAccount, networks } from '../fixtures'
import { createTestServices, renderApp } from '../render-app'

const root = makeItem(1, { text: 'Thread root' })
const focus = makeItem(2, { text: 'The reply I opened', parentId: root.id })
const answer = makeItem(3, { text: 'An answer to it', parentId: focus.id })
const dbs: AppServices['db'][] = []

afterEach(async () => {
  cleanup()
  for (const db of dbs.splice(0)) await db.delete()
})

async function openThreadFromHome(handlers: FakeHandlers, seed?: (s: AppServices) => Promise<void>) {
  const fake = createFakeApi(handlers)
  const { services } = createTestServices(fake, Date.parse('2025-01-01T13:00:00Z'))
  dbs.push(services.db)
  await cacheNetworks(services.db, networks)
  await cacheAccounts(services.db, [mastodonAccount])
  await cacheColumns(services.db, [homeColumn])
  await saveItems(services.db, homeColumn.id, [focus])
  await seed?.(services)
  await hydrateFromCache(services)
  renderApp(services)
  const home = await screen.findByRole('region', { name: 'Home' })
  const card = (await within(home).findByText('The reply I opened')).closest('article')!
  fireEvent.click(within(card).getByRole('button', { name: 'Open thread' }))
  return { fake, services, dialog: await screen.findByRole('dialog', { name: 'Thread' }) }
}

describe('ThreadPanel', () => {
  it('fetches the thread, saves it and shows it whole, the opened post highlighted', async () => {
    const { fake, services, dialog } = await openThreadFromHome({
      'threads.fetch': () => ({
        rootId: root.id,
        focusId: focus.id,
        items: [root, focus, answer],
        fetchedAt: '2025-01-01T12:59:00Z',
      }),
    })
    expect(await within(dialog).findByText('Thread root')).toBeTruthy()
    expect(
      within(dialog)
        .getAllByRole('article')
        .map((a) => a.textContent?.includes('The reply I opened')),
    ).toEqual([false, true, false])
    expect(within(dialog).getAllByRole('article')[1]!.getAttribute('aria-current')).toBe('true')
    expect(fake.calls.find((c) => c.method === 'threads.fetch')?.args).toEqual({ itemId: focus.id })
    expect((await services.db.threads.get(focus.id))?.itemIds).toEqual([root.id, focus.id, answer.id])
    expect(within(dialog).queryByText(/Offline/)).toBeNull()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog', { name: 'Thread' })).toBeNull()
  })

  it('shows the saved copy with a note when the fetch fails', async () => {
    const { dialog } = await openThreadFromHome(
      { 'threads.fetch': () => Promise.reject(new BridgeCallError('offline', 'The network is unreachable')) },
      (s) =>
        saveThread(s.db, { rootId: root.id, focusId: focus.id, items: [root, focus, answer], fetchedAt: '2025-01-01T10:15:00Z' }),
    )
    expect(await within(dialog).findByText(/Offline — showing the copy saved at/)).toBeTruthy()
    expect(within(dialog).getByText('Thread root')).toBeTruthy()
    expect(within(dialog).getByText('An answer to it')).toBeTruthy()
  })

  it('says why when the fetch fails and nothing was saved, still showing the post itself', async () => {
    const { dialog } = await openThreadFromHome({
      'threads.fetch': () => Promise.reject(new BridgeCallError('offline', 'The network is unreachable')),
    })
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Could not load the thread: The network is unreachable')
    expect(within(dialog).getByText('The reply I opened')).toBeTruthy()
    await act(async () => {})
  })
})
