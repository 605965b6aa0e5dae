// The walking skeleton, end to end, as a community manager uses it: sign in to both networks
// through their consent pages, watch columns fill and update, read a thread, ride out a 429
// storm, then lose the network and restart: everything read before is still there.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon/server'
import { startFakeChatter, type FakeChatter } from '../fakes/chatter/server'
import { forgetKeychain, keychainAvailable, startWebHost, type WebHostProcess } from './web-host'

test.describe.configure({ mode: 'serial' })

let mastodon: FakeMastodon
let chatter: FakeChatter
let host: WebHostProcess
let dataDir: string
let page: Page
const keychainService = `Crosstalk-e2e-${process.pid}-${Date.now()}`

test.beforeAll(async ({ browser }) => {
  dataDir = mkdtempSync(join(tmpdir(), 'crosstalk-e2e-'))
  mastodon = await startFakeMastodon()
  chatter = await startFakeChatter()
  host = await startWebHost({ dataDir, keychainService })
  const context = await browser.newContext()
  page = await context.newPage()
  await page.goto(host.url)
})

test.afterAll(async () => {
  // Leave no e2e token in the test keyring.
  await forgetKeychain(keychainService)
  await host?.stop()
  await mastodon?.close().catch(() => {})
  await chatter?.close().catch(() => {})
  rmSync(dataDir, { recursive: true, force: true })
})

const lane = (name: 'Inside' | 'Outside') => page.getByRole('region', { name, exact: true })
const column = (laneName: 'Inside' | 'Outside', title: string) => lane(laneName).getByRole('region', { name: title, exact: true })

async function signInThroughConsent(fill: () => Promise<void>) {
  await page.getByRole('button', { name: 'Add account' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Add account' })
  await expect(dialog).toBeVisible()
  await fill()
  const consentPromise = page.context().waitForEvent('page')
  await dialog.getByRole('button', { name: 'Sign in' }).click()
  const consent = await consentPromise
  await consent.waitForLoadState()
  await consent.getByRole('button', { name: 'Authorize' }).click()
  await expect(consent.getByRole('heading', { name: 'Signed in to Crosstalk' })).toBeVisible()
  await consent.close()
  await expect(dialog).toBeHidden()
}

test('the first start shows a welcome and the Add account button', async () => {
  await expect(page.getByRole('button', { name: 'Add account' }).first()).toBeVisible()
  await expect(lane('Inside')).toBeVisible()
  await expect(lane('Outside')).toBeVisible()
})

test('sign in to Mastodon through its consent page: Home and Mentions appear in the Outside lane', async () => {
  await signInThroughConsent(async () => {
    await page.getByLabel('Network').selectOption({ label: 'Mastodon' })
    await page.getByLabel('Server').fill(mastodon.url)
  })
  await expect(column('Outside', 'Home')).toBeVisible()
  await expect(column('Outside', 'Mentions')).toBeVisible()
  await expect(column('Outside', 'Home').getByRole('article').first()).toBeVisible()
  await expect(column('Outside', 'Home').getByText(/Updated/)).toBeVisible()
})

test('sign in to Chatter through its consent page: News feed and Mentions appear in the Inside lane', async () => {
  await signInThroughConsent(async () => {
    await page.getByLabel('Network').selectOption({ label: 'Salesforce Chatter' })
    await page.getByLabel('Login host').selectOption({ label: 'My Domain' })
    await page.getByLabel('My Domain URL').fill(chatter.url)
    await page.getByLabel('Consumer key').fill('crosstalk-demo-key')
  })
  await expect(column('Inside', 'News feed')).toBeVisible()
  await expect(column('Inside', 'Mentions')).toBeVisible()
  await expect(column('Inside', 'News feed').getByRole('article').first()).toBeVisible()
})

test('add a hashtag column and a group column', async () => {
  await page.getByRole('button', { name: 'Add column' }).click()
  let dialog = page.getByRole('dialog', { name: 'Add column' })
  await dialog.getByLabel('Account').selectOption({ label: await accountLabel('mastodon') })
  await dialog.getByLabel('Kind').selectOption({ label: 'Hashtag' })
  await dialog.getByLabel('Hashtag').fill('community')
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(column('Outside', '#community')).toBeVisible()

  await page.getByRole('button', { name: 'Add column' }).click()
  dialog = page.getByRole('dialog', { name: 'Add column' })
  await dialog.getByLabel('Account').selectOption({ label: await accountLabel('chatter') })
  await dialog.getByLabel('Kind').selectOption({ label: 'Group' })
  await dialog.getByLabel('Group').selectOption({ label: chatter.groups[0]!.name })
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(lane('Inside').getByRole('region')).toHaveCount(3)
})

async function accountLabel(network: string): Promise<string> {
  const options = await page.getByRole('dialog', { name: 'Add column' }).getByLabel('Account').locator('option').allTextContents()
  const found = options.find((o) => o.toLowerCase().includes(network === 'mastodon' ? 'mastodon' : 'chatter'))
  if (!found) throw new Error(`no ${network} account among ${options.join(', ')}`)
  return found
}

test('new posts arrive by polling on both sides', async () => {
  mastodon.addStatus({ text: 'Outside: is the new release out yet?' })
  chatter.addFeedElement({ text: 'Inside: release notes are ready for review' })
  await expect(column('Outside', 'Home').getByText('Outside: is the new release out yet?')).toBeVisible()
  await expect(column('Inside', 'News feed').getByText('Inside: release notes are ready for review')).toBeVisible()
  mastodon.addStatus({ text: 'Loving the #community meetup', tag: 'community' })
  await expect(column('Outside', '#community').getByText('Loving the #community meetup')).toBeVisible()
})

test('open a thread and read it whole', async () => {
  const root = mastodon.addStatus({ text: 'Thread root: login fails after update' })
  const reply = mastodon.addStatus({ text: 'Thread reply: same here on Android', inReplyToId: root.id })
  mastodon.addStatus({ text: 'Thread reply 2: fixed by clearing cache', inReplyToId: reply.id })
  const card = column('Outside', 'Home').getByRole('article').filter({ hasText: 'Thread reply: same here on Android' })
  await card.getByRole('button', { name: 'Open thread' }).click()
  const thread = page.getByRole('dialog', { name: 'Thread' })
  await expect(thread.getByText('Thread root: login fails after update')).toBeVisible()
  await expect(thread.getByText('Thread reply: same here on Android')).toBeVisible()
  await expect(thread.getByText('Thread reply 2: fixed by clearing cache')).toBeVisible()
  await thread.getByRole('button', { name: 'Close' }).click()
})

test('a 429 storm leaves the column rate-limited, then it recovers', async () => {
  mastodon.faults.set({ kind: 'rate-limit', count: 4, retryAfterSeconds: 4 })
  const home = column('Outside', 'Home')
  await home.getByRole('button', { name: /Refresh/ }).click()
  await expect(home.getByText(/Rate-limited until/)).toBeVisible()
  // Cached items stay while limited.
  await expect(home.getByText('Outside: is the new release out yet?')).toBeVisible()
  mastodon.addStatus({ text: 'After the storm: still here' })
  await expect(home.getByText('After the storm: still here')).toBeVisible({ timeout: 60_000 })
  await expect(home.getByText(/Updated/)).toBeVisible({ timeout: 30_000 })
})

test('offline: stop the networks, restart Crosstalk, reload: columns and the thread read from the cache', async () => {
  test.skip(!keychainAvailable(), 'No D-Bus session: without the OS keychain, tokens cannot survive a restart of the host.')
  await mastodon.close()
  await chatter.close()
  const port = host.port
  await host.stop()
  host = await startWebHost({ dataDir, keychainService, port })
  await page.goto(host.url)

  const home = column('Outside', 'Home')
  await expect(home.getByText('Outside: is the new release out yet?')).toBeVisible()
  await expect(column('Inside', 'News feed').getByText('Inside: release notes are ready for review')).toBeVisible()
  await expect(home.getByText(/Offline — last synced at/)).toBeVisible()
  await expect(column('Inside', 'News feed').getByText(/Offline — last synced at/)).toBeVisible()

  const card = home.getByRole('article').filter({ hasText: 'Thread reply: same here on Android' })
  await card.getByRole('button', { name: 'Open thread' }).click()
  const thread = page.getByRole('dialog', { name: 'Thread' })
  await expect(thread.getByText('Thread root: login fails after update')).toBeVisible()
  await expect(thread.getByText('Thread reply 2: fixed by clearing cache')).toBeVisible()
  await expect(thread.getByText(/Offline — showing the copy saved at/)).toBeVisible()
})
