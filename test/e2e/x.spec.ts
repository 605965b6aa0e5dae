// X end to end: sign in with the user's own client id through the consent page; Home and
// Mentions fill in the Outside lane; a search column; a new post arrives; a conversation opens.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { CLIENT_ID, startFakeX, type FakeX } from '../fakes/x/server'
import { keychainAvailable, startWebHost, type WebHostProcess } from './web-host'

test.describe.configure({ mode: 'serial' })

let fake: FakeX
let host: WebHostProcess
let dataDir: string
let page: Page
const keychainService = `Crosstalk-e2e-x-${process.pid}-${Date.now()}`

test.beforeAll(async ({ browser }) => {
  dataDir = mkdtempSync(join(tmpdir(), 'crosstalk-e2e-x-'))
  fake = await startFakeX()
  host = await startWebHost({ dataDir, keychainService, endpoints: { x: { authorize: fake.url, api: fake.url } } })
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

const column = (title: string) =>
  page.getByRole('region', { name: 'Outside', exact: true }).getByRole('region', { name: title, exact: true })

test('sign in through the consent page: Home and Mentions fill', async () => {
  await page.getByRole('button', { name: 'Add account' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Add account' })
  await dialog.getByLabel('Network').selectOption({ label: 'X' })
  await dialog.getByLabel('Client ID').fill(CLIENT_ID)
  const popup = page.context().waitForEvent('page')
  await dialog.getByRole('button', { name: 'Sign in' }).click()
  const consent = await popup
  await consent.waitForLoadState()
  await consent.getByRole('button', { name: 'Authorize' }).click()
  await expect(consent.getByRole('heading', { name: 'Signed in to Crosstalk' })).toBeVisible()
  await consent.close()
  await expect(dialog).toBeHidden()
  await expect(column('Home').getByText('Loving the new dashboard from')).toBeVisible()
  await expect(column('Mentions').getByText('the export keeps failing since the update')).toBeVisible()
})

test('a search column, and a new post arrives by polling', async () => {
  await page.getByRole('button', { name: 'Add column' }).click()
  const add = page.getByRole('dialog', { name: 'Add column' })
  await add.getByLabel('Kind').selectOption({ label: 'Search' })
  await add.getByLabel('Search').fill('export')
  await add.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(column('Search: export').getByText('Same here, export is broken')).toBeVisible()
  fake.addTweet({ text: '@crosstalk_help export works again, thanks!', author: 'riley' })
  await expect(column('Mentions').getByText('export works again, thanks!')).toBeVisible()
})

test('a conversation opens whole', async () => {
  const card = column('Home').getByRole('article').filter({ hasText: 'Could you DM us your version?' })
  await card.getByRole('button', { name: 'Open thread' }).click()
  const thread = page.getByRole('dialog', { name: 'Thread' })
  await expect(thread.getByText('the export keeps failing since the update')).toBeVisible()
  await expect(thread.getByText('Same here, export is broken')).toBeVisible()
  await thread.getByRole('button', { name: 'Close' }).click()
})
