// Signing in through a fake's OAuth consent page, as a person does: Add account, the network and
// its fields, Sign in, then Authorize in the page that opens.
import { expect, type Locator, type Page } from '@playwright/test'

export async function signInThroughConsent(page: Page, network: string, fill: (dialog: Locator) => Promise<void>) {
  await page.getByRole('button', { name: 'Add account', exact: true }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Add account' })
  await dialog.getByLabel('Network').selectOption({ label: network })
  await fill(dialog)
  const popup = page.context().waitForEvent('page')
  await dialog.getByRole('button', { name: 'Sign in', exact: true }).click()
  const consent = await popup
  await consent.waitForLoadState()
  await consent.getByRole('button', { name: 'Authorize', exact: true }).click()
  await expect(consent.getByRole('heading', { name: 'Signed in to Crosstalk' })).toBeVisible()
  await consent.close()
  await expect(dialog).toBeHidden()
}
