// Facebook Pages end to end: sign in with the user's own App ID through the Login dialog; add
// the Page's feed and comments columns (the Page is chosen, not guessed); a new comment arrives;
// a comment opens as the post with its comments and replies.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { APP_ID, startFakeFacebook, type FakeFacebook } from '../fakes/facebook/server'
import { keychainAvailable, startWebHost, type WebHostProcess } from './web-host'

test.describe.configure({ mode: 'serial' })

let fake: FakeFacebook
let host: WebHostProcess
let dataDir: string
let page: Page
const keychainService = `Crosstalk-e2e-facebook-${process.pid}-${Date.now()}`

test.beforeAll(async ({ browser }) => {
  dataDir = mkdtempSync(join(tmpdir(), 'crosstalk-e2e-fb-'))
  fake = await startFakeFacebook()
  host = await startWebHost({ dataDir, keychainService, endpoints: { facebook: { dialog: fake.url, graph: fake.url } } })
  page = await (await browser.newContext()).newPage()
  await page.goto(host.url)
})

test.afterAll(async () => {
  if (keychainAvailable()) {
    const keytar = (await import('keytar')).default
    for (const c of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, c.account)
  }
  await host?.stop()
  await fake?.close().catch(() => {})
  rmSync(dataDir, { recursive: true, force: true })
})

async function addPageColumn(kind: string) {
  await page.getByRole('button', { name: 'Add column' }).click()
  const add = page.getByRole('dialog', { name: 'Add column' })
  await add.getByLabel('Kind').selectOption({ label: kind })
  await add.getByLabel('Page').selectOption({ label: 'Crosstalk Community' })
  await add.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(add).toBeHidden()
}

test('sign in through the Login dialog, then add the Page feed and comments', async () => {
  await page.getByRole('button', { name: 'Add account' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Add account' })
  await dialog.getByLabel('Network').selectOption({ label: 'Facebook Pages' })
  await dialog.getByLabel('App ID').fill(APP_ID)
  const popup = page.context().waitForEvent('page')
  await dialog.getByRole('button', { name: 'Sign in' }).click()
  const consent = await popup
  await consent.waitForLoadState()
  await consent.getByRole('button', { name: 'Authorize' }).click()
  await expect(consent.getByRole('heading', { name: 'Signed in to Crosstalk' })).toBeVisible()
  await consent.close()
  await expect(dialog).toBeHidden()

  await addPageColumn('Page feed')
  await addPageColumn('Comments')
  await expect(
    page.getByRole('region', { name: 'Outside', exact: true }).getByText('We just launched the new community forum!'),
  ).toBeVisible()
  await expect(
    page.getByRole('region', { name: 'Outside', exact: true }).getByText('Looks great, but search is slow.'),
  ).toBeVisible()
})

test('a new comment arrives, and a comment opens its whole thread', async () => {
  fake.addComment(fake.posts[0]!.id, 'Is there a dark mode?', { from: 'Ana Souza' })
  const outside = page.getByRole('region', { name: 'Outside', exact: true })
  await expect(outside.getByText('Is there a dark mode?')).toBeVisible()
  const card = outside.getByRole('article').filter({ hasText: 'Thanks Morgan, we are on it.' })
  await card.getByRole('button', { name: 'Open thread' }).click()
  const thread = page.getByRole('dialog', { name: 'Thread' })
  await expect(thread.getByText('We just launched the new community forum!')).toBeVisible()
  await expect(thread.getByText('Looks great, but search is slow.')).toBeVisible()
  await expect(thread.getByText('Is there a dark mode?')).toBeVisible()
  await thread.getByRole('button', { name: 'Close' }).click()
})
