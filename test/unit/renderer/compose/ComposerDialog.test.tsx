// @vitest-environment jsdom
// The composer as a person uses it: explicit accounts, a mention picked with the keyboard, and
// what reaches main (the structured mention at the right offsets); a refusal keeps the text.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Draft, WriteCapabilities } from '../../../../preload/model'
import { BridgeCallError } from '../../../../preload/api-client'
import type { AppServices } from '../../../../renderer/app-context'
import { createFakeApi } from '../fake-api'
import { chatterAccount, mastodonAccount, networks } from '../fixtures'
import { createTestServices, renderApp } from '../render-app'

const writes: WriteCapabilities = {
  post: true,
  reply: true,
  like: true,
  repost: true,
  remove: true,
  moderate: false,
  report: true,
}
const dbs: AppServices['db'][] = []
afterEach(async () => {
  cleanup()
  for (const db of dbs.splice(0)) await db.delete()
})

function setup(submit: (draft: Draft) => unknown) {
  const submitted: Draft[] = []
  const fake = createFakeApi({
    'people.search': ({ query }) =>
      query.toLowerCase().startsWith('ca') ? [{ id: '109', name: 'Carol Ng', handle: 'carol' }] : [],
    'outbox.submit': (draft) => {
      submitted.push(draft as Draft)
      return submit(draft as Draft) as never
    },
  })
  const { services } = createTestServices(fake)
  dbs.push(services.db)
  services.stores.workspace.getState().setNetworks(networks)
  services.stores.workspace.getState().setAccounts([mastodonAccount, chatterAccount])
  services.stores.outbox.getState().setCapabilities(mastodonAccount.id, writes)
  services.stores.outbox.getState().setCapabilities(chatterAccount.id, writes)
  renderApp(services)
  fireEvent.click(screen.getByRole('button', { name: 'New post' }))
  return { fake, services, submitted, dialog: screen.getByRole('dialog', { name: 'New post' }) }
}

const entry = (draft: Draft) => ({
  id: 'e1',
  accountId: draft.accountId,
  network: 'mastodon' as const,
  action: 'post' as const,
  draft,
  state: 'pending' as const,
  attempts: 0,
  createdAt: '2025-01-01T13:00:00Z',
  updatedAt: '2025-01-01T13:00:00Z',
})

describe('ComposerDialog', () => {
  it('sends nothing until an account is ticked, then the picked mention at its place', async () => {
    const { dialog, submitted } = setup(entry)
    const post = within(dialog).getByRole('button', { name: 'Post' })
    expect(post).toHaveProperty('disabled', true)
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Mastodon/ }))
    const text = within(dialog).getByRole('textbox', { name: 'Post text' }) as HTMLTextAreaElement
    fireEvent.change(text, { target: { value: 'Thanks 🙏 @ca', selectionStart: 13 } })
    const option = await within(dialog).findByRole('option', { name: /Carol Ng/ })
    expect(option.getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(text, { key: 'Enter' })
    await waitFor(() => expect(text.value).toBe('Thanks 🙏 @carol '))
    fireEvent.change(text, { target: { value: 'Thanks 🙏 @carol for the review', selectionStart: 31 } })
    expect(within(dialog).getByText('Mastodon: 30 / 500')).toBeTruthy()
    await act(async () => fireEvent.click(post))
    expect(submitted).toEqual([
      {
        accountId: mastodonAccount.id,
        text: 'Thanks 🙏 @carol for the review',
        mentions: [{ start: 10, end: 16, id: '109', name: 'Carol Ng', handle: 'carol' }],
        visibility: 'public',
      },
    ])
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New post' })).toBeNull())
  })

  it('keeps the text and the accounts that did not take it when main refuses one of them', async () => {
    const { dialog, submitted } = setup((draft) => {
      if (draft.accountId === chatterAccount.id) throw new BridgeCallError('too-long', 'Chatter says no.')
      return entry(draft)
    })
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Mastodon/ }))
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Chatter/ }))
    const text = within(dialog).getByRole('textbox', { name: 'Post text' }) as HTMLTextAreaElement
    fireEvent.change(text, { target: { value: 'Both sides' } })
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Post' })))
    expect(submitted.map((d) => d.accountId)).toEqual([mastodonAccount.id, chatterAccount.id])
    expect(within(dialog).getByRole('alert').textContent).toContain('Chatter says no.')
    expect(text.value).toBe('Both sides')
    expect((within(dialog).getByRole('checkbox', { name: /Mastodon/ }) as HTMLInputElement).checked).toBe(false)
    expect((within(dialog).getByRole('checkbox', { name: /Chatter/ }) as HTMLInputElement).checked).toBe(true)
  })

  it('keeps what was typed when the composer is closed, and brings it back; a sent post is forgotten', async () => {
    const { dialog, services } = setup(entry)
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Chatter/ }))
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Post text' }), { target: { value: 'Half a thought' } })
    await waitFor(async () => expect((await services.db.drafts.get('new'))?.text).toBe('Half a thought'))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog', { name: 'New post' })).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'New post' }))
    const again = screen.getByRole('dialog', { name: 'New post' })
    const text = within(again).getByRole('textbox', { name: 'Post text' }) as HTMLTextAreaElement
    await waitFor(() => expect(text.value).toBe('Half a thought'))
    expect(within(again).getByRole('status').textContent).toContain('Your unsent draft is back.')
    expect((within(again).getByRole('checkbox', { name: /Chatter/ }) as HTMLInputElement).checked).toBe(true)
    await act(async () => fireEvent.click(within(again).getByRole('button', { name: 'Post' })))
    await waitFor(async () => expect(await services.db.drafts.get('new')).toBeUndefined())
  })

  it('opens with "n" (not while typing) and sends with Ctrl+Enter', async () => {
    const { dialog, submitted } = setup(entry)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    fireEvent.keyDown(document.body, { key: 'n' })
    const opened = screen.getByRole('dialog', { name: 'New post' })
    const text = within(opened).getByRole('textbox', { name: 'Post text' })
    fireEvent.keyDown(text, { key: 'n' }) // typing an n in the composer opens nothing more
    expect(screen.getAllByRole('dialog')).toHaveLength(1)
    fireEvent.click(within(opened).getByRole('checkbox', { name: /Mastodon/ }))
    fireEvent.change(text, { target: { value: 'Quick one' } })
    await act(async () => fireEvent.keyDown(text, { key: 'Enter', ctrlKey: true }))
    await waitFor(() => expect(submitted.map((d) => d.text)).toEqual(['Quick one']))
  })
})
