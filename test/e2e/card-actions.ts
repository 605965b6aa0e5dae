// Acting through a post card, the way the per-network specs do it: its Actions group, a press
// seen waiting in the Outbox while the fake answers slowly, a reply through the composer.
import { expect, type Locator, type Page } from '@playwright/test'
import type { Fault } from '../fakes/common/faults'

export const cardActions = (card: Locator) => card.getByRole('group', { name: 'Actions' })

export const outboxEmpty = (page: Page) => expect(page.getByRole('button', { name: 'Outbox (0)', exact: true })).toBeVisible()

/** Presses an action while the network answers slowly, and sees it wait ("… (queued)", "Outbox (1)"). */
export async function pressAndSeeQueued(page: Page, faults: { set(f: Fault | null): void }, card: Locator, name: string) {
  faults.set({ kind: 'slow', delayMs: 2000 })
  try {
    await cardActions(card).getByRole('button', { name, exact: true }).click()
    await expect(cardActions(card).getByRole('button', { name: `${name} (queued)`, exact: true })).toBeDisabled()
    await expect(page.getByRole('button', { name: 'Outbox (1)', exact: true })).toBeVisible()
  } finally {
    faults.set(null)
  }
}

/** Reply from the card: the composer opens as "Reply", the text goes, the dialog closes. */
export async function replyThroughCard(page: Page, card: Locator, text: string) {
  await cardActions(card).getByRole('button', { name: 'Reply', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Reply' })
  await dialog.getByLabel('Reply text').fill(text)
  await dialog.getByRole('button', { name: 'Send reply' }).click()
  await expect(dialog).toBeHidden()
}
