// The bridge, end to end: an outside Mastodon complaint is shared into a Chatter group with a
// note and a colleague's mention; it lands in the org once; the group column shows it; the
// outside card then reads "Discussed inside (1)" and opens the internal thread; a colleague's
// internal answer becomes the public reply (the audience guard asks twice, since it repeats
// internal text); the link is marked resolved in the internal thread.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { startFakeChatter, type FakeChatter } from '../fakes/chatter/server'
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon/server'
import { forgetKeychain, startWebHost, type WebHostProcess } from './web-host'
import { signInThroughConsent } from './sign-in'

test.describe.configure({ mode: 'serial' })

let mastodon: FakeMastodon
let chatter: FakeChatter
let host: WebHostProcess
let dataDir: string
let page: Page
const keychainService = `Crosstalk-e2e-bridge-${process.pid}-${Date.now()}`
const COMPLAINT = 'Your export has been broken for two days. Anyone there?'

test.beforeAll(async ({ browser }) => {
  dataDir = mkdtempSync(join(tmpdir(), 'crosstalk-e2e-bridge-'))
  mastodon = await startFakeMastodon()
  chatter = await startFakeChatter()
  mastodon.addStatus({ text: COMPLAINT })
  host = await startWebHost({ dataDir, keychainService })
  page = await (await browser.newContext()).newPage()
  await page.goto(host.url)
})

test.afterAll(async () => {
  await forgetKeychain(keychainService)
  await host?.stop()
  await mastodon?.close().catch(() => {})
  await chatter?.close().catch(() => {})
  rmSync(dataDir, { recursive: true, force: true })
})

const lane = (name: 'Inside' | 'Outside') => page.getByRole('region', { name, exact: true })

const signIn = (network: string, fill: (dialog: Locator) => Promise<void>) => signInThroughConsent(page, network, fill)

test('share an outside complaint inside, with a note and an assignment', async () => {
  await signIn('Mastodon', (d) => d.getByLabel('Server').fill(mastodon.url))
  await signIn('Salesforce Chatter', async (d) => {
    await d.getByLabel('Login host').selectOption({ label: 'My Domain' })
    await d.getByLabel('My Domain URL').fill(chatter.url)
    await d.getByLabel('Consumer key').fill('crosstalk-demo-key')
  })
  // The Support group, where the team discusses customers.
  await page.getByRole('button', { name: 'Add column' }).click()
  const add = page.getByRole('dialog', { name: 'Add column' })
  const options = await add.getByLabel('Account').locator('option').allTextContents()
  await add.getByLabel('Account').selectOption({ label: options.find((o) => o.includes('Chatter'))! })
  await add.getByLabel('Kind').selectOption({ label: 'Group' })
  await add.getByLabel('Group').selectOption({ label: chatter.groups[0]!.name })
  await add.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(add).toBeHidden()
  // Colleagues are known once their posts are cached.
  await expect(lane('Inside').getByText('Priya Natarajan').first()).toBeVisible()

  const card = lane('Outside')
    .getByRole('region', { name: 'Home', exact: true })
    .getByRole('article')
    .filter({ hasText: COMPLAINT })
  await card.getByRole('button', { name: 'Share inside' }).click()
  const share = page.getByRole('dialog', { name: 'Share inside' })
  await share.getByLabel('Group').selectOption({ label: chatter.groups[0]!.name })
  await share.getByLabel('Note').fill('Can you take this one?')
  await share.getByLabel('Priya Natarajan').check()
  await share.getByRole('button', { name: 'Share', exact: true }).click()
  await expect(share).toBeHidden()

  const group = lane('Inside').getByRole('region', { name: chatter.groups[0]!.name, exact: true })
  await expect(group.getByText('Can you take this one?')).toBeVisible()
  const posted = chatter.writes.myPosts().filter((p) => p.text.includes(COMPLAINT))
  expect(posted).toHaveLength(1)
  expect(posted[0]!.text).toContain('Shared from Mastodon')
})

test('the outside item shows it is discussed inside, and opens the internal thread', async () => {
  const card = lane('Outside')
    .getByRole('region', { name: 'Home', exact: true })
    .getByRole('article')
    .filter({ hasText: COMPLAINT })
  await card.getByRole('button', { name: 'Discussed inside (1)' }).click()
  const thread = page.getByRole('dialog', { name: 'Thread' })
  await expect(thread.getByText('Can you take this one?')).toBeVisible()
  await expect(thread.getByRole('region', { name: 'Outside original' })).toContainText('Alice Moreau')
})

test('answer outside from the internal thread: the audience guard asks twice, then the reply goes out once', async () => {
  const shared = chatter.writes.myPosts().find((p) => p.text.includes(COMPLAINT))!
  chatter.addFeedElement({ commentOn: shared.id, text: 'Sorry about that, the fix for exports ships today in version 2.4.1.' })
  const thread = page.getByRole('dialog', { name: 'Thread' })
  // Re-open so the thread is fetched with the colleague's answer.
  await thread.getByRole('button', { name: 'Close' }).click()
  const card = lane('Outside')
    .getByRole('region', { name: 'Home', exact: true })
    .getByRole('article')
    .filter({ hasText: COMPLAINT })
  await card.getByRole('button', { name: 'Discussed inside (1)' }).click()
  await expect(thread.getByText('the fix for exports ships today')).toBeVisible()
  await thread.getByRole('button', { name: 'Answer outside' }).click()

  const answer = page.getByRole('dialog', { name: 'Answer outside' })
  const ANSWER = 'Sorry about that, the fix for exports ships today in version 2.4.1.'
  const answers = () => mastodon.writes.ownStatuses().filter((s) => s.text === ANSWER)
  await expect(answer.getByRole('textbox', { name: 'Reply text' })).toHaveValue(ANSWER)
  await answer.getByRole('button', { name: 'Send reply', exact: true }).click()
  await expect(answer.getByRole('alert')).toContainText('It repeats text from an internal post')
  expect(answers()).toHaveLength(0)
  await answer.getByRole('button', { name: 'Send anyway' }).click()
  await expect(answer).toBeHidden()
  await expect.poll(() => answers().length).toBe(1)
  expect(answers()[0]!.inReplyToId).toBeDefined()
})

test('mark resolved: posted to the internal thread for the whole team', async () => {
  const thread = page.getByRole('dialog', { name: 'Thread' })
  await thread.getByRole('button', { name: 'Mark resolved' }).click()
  const shared = chatter.writes.myPosts().find((p) => p.text.includes(COMPLAINT))!
  await expect.poll(() => chatter.writes.myComments(shared.id).map((c) => c.text)).toEqual(['✅ Resolved'])
  await thread.getByRole('button', { name: 'Close' }).click()
})
