// A newcomer with no account anywhere: adds an Atom feed, a Mastodon server's public timeline
// and a hashtag without signing in; the columns fill in the Outside lane, a new entry arrives by
// polling, and an Atom comment thread opens whole.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startFakeFeeds, type FakeFeeds } from '../fakes/feeds/server'
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon/server'
import { startWebHost, type WebHostProcess } from './web-host'

test.describe.configure({ mode: 'serial' })

let feeds: FakeFeeds
let mastodon: FakeMastodon
let host: WebHostProcess
let dataDir: string
let page: Page

test.beforeAll(async ({ browser }) => {
  dataDir = mkdtempSync(join(tmpdir(), 'crosstalk-e2e-public-'))
  feeds = await startFakeFeeds()
  mastodon = await startFakeMastodon()
  host = await startWebHost({ dataDir, keychainService: `Crosstalk-e2e-public-${process.pid}` })
  page = await (await browser.newContext()).newPage()
  await page.goto(host.url)
})

test.afterAll(async () => {
  await host?.stop()
  await feeds?.close().catch(() => {})
  await mastodon?.close().catch(() => {})
  rmSync(dataDir, { recursive: true, force: true })
})

const outside = () => page.getByRole('region', { name: 'Outside', exact: true })
const column = (title: string) => outside().getByRole('region', { name: title, exact: true })

async function addColumn(account: RegExp, kind: string, target?: { label: string; value: string }) {
  await page.getByRole('button', { name: 'Add column' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add column' })
  const accountSelect = dialog.getByLabel('Account')
  const options = await accountSelect.locator('option').allTextContents()
  const label = options.find((o) => account.test(o))
  if (!label) throw new Error(`no account matching ${account} among ${options.join(', ')}`)
  await accountSelect.selectOption({ label })
  await dialog.getByLabel('Kind').selectOption({ label: kind })
  if (target) await dialog.getByLabel(target.label).fill(target.value)
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(dialog).toBeHidden()
}

test('add an Atom feed without any account: the column fills and new entries arrive', async () => {
  await page.getByRole('button', { name: 'Add account' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Add account' })
  await dialog.getByLabel('Network').selectOption({ label: 'RSS / Atom' })
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('button', { name: 'Remove Feeds' })).toBeVisible()

  const feedUrl = `${feeds.url}${feeds.paths.atom}`
  await addColumn(/Feeds/, 'Feed', { label: 'Feed URL', value: feedUrl })
  const blog = column(`${new URL(feedUrl).host}${feeds.paths.atom}`)
  await expect(blog.getByText('Our first post: what this blog is for.')).toBeVisible()
  await expect(blog.getByText('Great to see this!')).toBeVisible()

  feeds.addEntry({ title: 'Fresh post', text: 'Brand new on the blog' })
  await expect(blog.getByText('Brand new on the blog')).toBeVisible()
})

test('an Atom comment opens its whole thread', async () => {
  const blog = outside().getByRole('region').filter({ hasText: 'Great to see this!' }).last()
  const card = blog.getByRole('article').filter({ hasText: 'Thanks Dana, more soon.' })
  await card.getByRole('button', { name: 'Open thread' }).click()
  const thread = page.getByRole('dialog', { name: 'Thread' })
  await expect(thread.getByText('Our first post: what this blog is for.')).toBeVisible()
  await expect(thread.getByText('Great to see this!')).toBeVisible()
  await expect(thread.getByText('Thanks Dana, more soon.')).toBeVisible()
  await thread.getByRole('button', { name: 'Close' }).click()
})

test('a refused feed address says why and adds nothing', async () => {
  await page.getByRole('button', { name: 'Add column' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add column' })
  await dialog.getByLabel('Kind').selectOption({ label: 'Feed' })
  await dialog.getByLabel('Feed URL').fill('file:///etc/passwd')
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(dialog.getByRole('alert')).toContainText('http or https only')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
})

test('a Mastodon server’s public timeline and a hashtag, without signing in', async () => {
  await page.getByRole('button', { name: 'Add account' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Add account' })
  await dialog.getByLabel('Network').selectOption({ label: 'Mastodon' })
  await dialog.getByLabel('Without signing in (public columns only)').check()
  await dialog.getByLabel('Server').fill(mastodon.url)
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(dialog).toBeHidden()
  expect(mastodon.tokens().issued).toEqual([])

  const timeline = column('Public timeline')
  await expect(timeline.getByRole('article').first()).toBeVisible()

  // Only what the server shows everyone is offered.
  await page.getByRole('button', { name: 'Add column' }).click()
  const add = page.getByRole('dialog', { name: 'Add column' })
  const options = await add.getByLabel('Account').locator('option').allTextContents()
  await add.getByLabel('Account').selectOption({ label: options.find((o) => o.includes('(public)') && o.includes('Mastodon'))! })
  expect(await add.getByLabel('Kind').locator('option').allTextContents()).toEqual(['Hashtag', 'Public timeline'])
  await add.getByRole('button', { name: 'Cancel' }).click()

  await addColumn(/Mastodon \(public\)/, 'Hashtag', { label: 'Hashtag', value: 'meetup' })
  mastodon.addStatus({ text: 'See you at the #meetup tonight', tag: 'meetup' })
  await expect(column('#meetup').getByText('See you at the #meetup tonight')).toBeVisible()
})
