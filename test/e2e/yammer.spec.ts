// Viva Engage end to end: sign in with the organisation's client id and tenant through the
// Microsoft consent page; My feed and Received land in the Inside lane; a group column; a new
// message arrives by polling; a thread opens whole.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { CLIENT_ID, TENANT, startFakeYammer, type FakeYammer } from '../fakes/yammer/server'
import { forgetKeychain, startWebHost, type WebHostProcess } from './web-host'
import {
  cardActions,
  outboxEmpty as outboxEmptyIn,
  pressAndSeeQueued as pressAndSeeQueuedIn,
  replyThroughCard,
} from './card-actions'

test.describe.configure({ mode: 'serial' })

let fake: FakeYammer
let host: WebHostProcess
let dataDir: string
let page: Page
const keychainService = `Crosstalk-e2e-yammer-${process.pid}-${Date.now()}`

test.beforeAll(async ({ browser }) => {
  dataDir = mkdtempSync(join(tmpdir(), 'crosstalk-e2e-yammer-'))
  fake = await startFakeYammer()
  host = await startWebHost({ dataDir, keychainService, endpoints: { yammer: { identity: fake.url, api: fake.url } } })
  page = await (await browser.newContext()).newPage()
  await page.goto(host.url)
})

test.afterAll(async () => {
  await forgetKeychain(keychainService)
  await host?.stop()
  await fake?.close().catch(() => {})
  rmSync(dataDir, { recursive: true, force: true })
})

const inside = () => page.getByRole('region', { name: 'Inside', exact: true })
const column = (title: string) => inside().getByRole('region', { name: title, exact: true })

test('sign in through the Microsoft consent page: columns land in the Inside lane', async () => {
  await page.getByRole('button', { name: 'Add account' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Add account' })
  await dialog.getByLabel('Network').selectOption({ label: 'Viva Engage (Yammer)' })
  await dialog.getByLabel('Application (client) ID').fill(CLIENT_ID)
  await dialog.getByLabel('Tenant').fill(TENANT)
  const popup = page.context().waitForEvent('page')
  await dialog.getByRole('button', { name: 'Sign in' }).click()
  const consent = await popup
  await consent.waitForLoadState()
  await consent.getByRole('button', { name: 'Authorize' }).click()
  await expect(consent.getByRole('heading', { name: 'Signed in to Crosstalk' })).toBeVisible()
  await consent.close()
  await expect(dialog).toBeHidden()
  await expect(column('My feed').getByText('Customers on Mastodon ask about the outage: can someone answer?')).toBeVisible()
  await expect(column('Received').getByText('Alex, can you share the community numbers?')).toBeVisible()
})

test('a group column, and a new message arrives by polling', async () => {
  await page.getByRole('button', { name: 'Add column' }).click()
  const add = page.getByRole('dialog', { name: 'Add column' })
  await add.getByLabel('Kind').selectOption({ label: 'Group' })
  await add.getByLabel('Group').selectOption({ label: 'Community Team' })
  await add.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(column('Community Team').getByText('Release notes are ready for review.')).toBeVisible()
  fake.addMessage({ text: 'Community call moved to Friday', groupId: 502 })
  await expect(column('Community Team').getByText('Community call moved to Friday')).toBeVisible()
})

test('a thread opens whole', async () => {
  const card = column('My feed').getByRole('article').filter({ hasText: 'On it, drafting a reply now.' })
  await card.getByRole('button', { name: 'Open thread' }).click()
  const thread = page.getByRole('dialog', { name: 'Thread' })
  await expect(thread.getByText('Customers on Mastodon ask about the outage: can someone answer?')).toBeVisible()
  await expect(thread.getByText('On it, drafting a reply now.')).toBeVisible()
  await thread.getByRole('button', { name: 'Close' }).click()
})

const actions = cardActions
const outboxEmpty = () => outboxEmptyIn(page)

/** Presses a card's button while the fake answers slowly: the button waits, queued, in the Outbox. */
const pressAndSeeQueued = (card: Locator, name: string) => pressAndSeeQueuedIn(page, fake.faults, card, name)

test('like a message and reply to it through the card actions', async () => {
  const root = fake.messages.find((m) => m.text.startsWith('Customers on Mastodon ask about the outage'))!
  const card = column('My feed')
    .getByRole('article')
    .filter({ hasText: 'Customers on Mastodon ask about the outage: can someone answer?' })
    .first()

  // Like: Viva Engage does not say "liked by me" when read, so the card turns to Unlike once the like has gone out.
  await pressAndSeeQueued(card, 'Like')
  await expect.poll(() => root.likes).toBe(1)
  await expect(actions(card).getByRole('button', { name: 'Unlike', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await outboxEmpty()
  expect(root.likes).toBe(1)

  // Reply: one new message from the user in the same thread and group.
  await replyThroughCard(page, card, 'I answered them on Mastodon, linking the status page.')
  const replies = () => fake.messages.filter((m) => m.text === 'I answered them on Mastodon, linking the status page.')
  await expect.poll(() => replies().length).toBe(1)
  await outboxEmpty()
  expect(replies()).toHaveLength(1)
  expect(replies()[0]).toMatchObject({ repliedToId: root.id, threadId: root.threadId, groupId: root.groupId, senderId: 1001 })
  await expect(column('My feed').getByText('I answered them on Mastodon, linking the status page.')).toBeVisible()
})

test('share a colleague’s message through the card: the card turns to Undo repost and Viva Engage has the share', async () => {
  const theirs = fake.messages.find((m) => m.text === 'Release notes are ready for review.')!
  // The share itself (by the user, "Shared Jordan Blake: …") may join the column too: the original is the other card.
  const card = column('My feed')
    .getByRole('article')
    .filter({ hasText: 'Release notes are ready for review.' })
    .filter({ hasNotText: 'Shared Jordan Blake' })
    .first()
  const shares = () => fake.messages.filter((m) => m.sharedMessageId === theirs.id)

  await actions(card).getByRole('button', { name: 'Repost', exact: true }).click()
  await expect.poll(() => shares().length).toBe(1)
  await expect(actions(card).getByRole('button', { name: 'Undo repost', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await outboxEmpty()
  expect(shares()).toHaveLength(1)
  expect(shares()[0]).toMatchObject({ senderId: 1001, text: '' })

  // Undo: the share is deleted and the card offers Repost again.
  await actions(card).getByRole('button', { name: 'Undo repost', exact: true }).click()
  await expect.poll(() => shares().length).toBe(0)
  await expect(actions(card).getByRole('button', { name: 'Repost', exact: true })).toHaveAttribute('aria-pressed', 'false')
  await outboxEmpty()
  expect(fake.messages.some((m) => m.id === theirs.id)).toBe(true)
})
