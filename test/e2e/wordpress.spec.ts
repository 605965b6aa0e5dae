// WordPress end to end: the community manager approves Crosstalk on the blog's own
// authorize-application page, the moderation columns fill in the Outside lane, a new comment
// arrives by polling, and a comment opens as its post's whole comment tree.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startFakeWordPress, type FakeWordPress } from '../fakes/wordpress/server'
import { keychainAvailable, startWebHost, type WebHostProcess } from './web-host'

test.describe.configure({ mode: 'serial' })

let fake: FakeWordPress
let host: WebHostProcess
let dataDir: string
let page: Page
const keychainService = `Crosstalk-e2e-wordpress-${process.pid}-${Date.now()}`

test.beforeAll(async ({ browser }) => {
  dataDir = mkdtempSync(join(tmpdir(), 'crosstalk-e2e-wp-'))
  fake = await startFakeWordPress()
  host = await startWebHost({ dataDir, keychainService })
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

test('approve Crosstalk on the blog: moderation columns fill', async () => {
  await page.getByRole('button', { name: 'Add account' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Add account' })
  await dialog.getByLabel('Network').selectOption({ label: 'WordPress' })
  await dialog.getByLabel('Site URL').fill(fake.url)
  const popup = page.context().waitForEvent('page')
  await dialog.getByRole('button', { name: 'Sign in' }).click()
  const approval = await popup
  await approval.waitForLoadState()
  await expect(approval.getByRole('heading', { name: 'Authorize Application' })).toBeVisible()
  await approval.getByRole('button', { name: 'Yes, I approve of this connection' }).click()
  await expect(approval.getByRole('heading', { name: 'Signed in to Crosstalk' })).toBeVisible()
  await approval.close()
  await expect(dialog).toBeHidden()

  await expect(column('Awaiting moderation').getByText('Is there a Linux build?')).toBeVisible()
  await expect(column('Approved comments').getByText('Love the new export screen!')).toBeVisible()
})

test('a new comment awaiting moderation arrives by polling', async () => {
  fake.addComment({ text: 'Will there be a webinar?', author: 'Kim', status: 'hold' })
  await expect(column('Awaiting moderation').getByText('Will there be a webinar?')).toBeVisible()
})

test('a comment opens as the post with its comment tree', async () => {
  const card = column('Approved comments').getByRole('article').filter({ hasText: 'Thanks Dana!' })
  await card.getByRole('button', { name: 'Open thread' }).click()
  const thread = page.getByRole('dialog', { name: 'Thread' })
  await expect(thread.getByText('Release 2.4 is out')).toBeVisible()
  await expect(thread.getByText('Love the new export screen!')).toBeVisible()
  await expect(thread.getByText('Is there a Linux build?')).toBeVisible()
  await thread.getByRole('button', { name: 'Close' }).click()
})
