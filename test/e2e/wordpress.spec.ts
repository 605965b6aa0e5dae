// WordPress end to end: the community manager approves Crosstalk on the blog's own
// authorize-application page, the moderation columns fill in the Outside lane, a new comment
// arrives by polling, and a comment opens as its post's whole comment tree.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { startFakeWordPress, type FakeWordPress } from '../fakes/wordpress/server'
import { forgetKeychain, startWebHost, type WebHostProcess } from './web-host'
import {
  cardActions,
  outboxEmpty as outboxEmptyIn,
  pressAndSeeQueued as pressAndSeeQueuedIn,
  replyThroughCard,
} from './card-actions'

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
  await forgetKeychain(keychainService)
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

const actions = cardActions
const outboxEmpty = () => outboxEmptyIn(page)

/** Presses a card's button while the fake answers slowly: the button waits, queued, in the Outbox. */
const pressAndSeeQueued = (card: Locator, name: string) => pressAndSeeQueuedIn(page, fake.faults, card, name)
const commentWith = (text: string) => fake.comments.filter((c) => c.content.includes(text))

test('moderate and reply through the card actions: approve, reply, spam', async () => {
  // Approve a held comment: the write goes out once, the card drops its "hold" state.
  const held = column('Awaiting moderation').getByRole('article').filter({ hasText: 'Is there a Linux build?' }).first()
  await expect(actions(held).getByRole('button', { name: 'Hold', exact: true })).toHaveCount(0)
  await pressAndSeeQueued(held, 'Approve')
  await expect.poll(() => commentWith('Is there a Linux build?').map((c) => c.status)).toEqual(['approved'])
  await outboxEmpty()
  await expect(column('Approved comments').getByText('Is there a Linux build?')).toBeVisible()
  const approved = page.getByRole('article').filter({ hasText: 'Is there a Linux build?' })
  for (const card of await approved.all()) {
    await expect(actions(card).getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0)
    await expect(actions(card).getByRole('button', { name: 'Hold', exact: true })).toBeVisible()
  }

  // Reply to an approved comment: the blog has one new comment under it.
  const dana = column('Approved comments').getByRole('article').filter({ hasText: 'Love the new export screen!' }).first()
  await replyThroughCard(page, dana, 'Glad you like it, Dana: more to come.')
  await expect.poll(() => commentWith('Glad you like it, Dana: more to come.')).toHaveLength(1)
  await outboxEmpty()
  const parent = commentWith('Love the new export screen!')[0]!
  const replies = commentWith('Glad you like it, Dana: more to come.')
  expect(replies).toHaveLength(1)
  expect(replies[0]).toMatchObject({ parent: parent.id, post: parent.post, status: 'approved', authorName: 'Admin' })
  await expect(column('Approved comments').getByText('Glad you like it, Dana: more to come.')).toBeVisible()

  // Mark a held comment as spam: the blog says spam; in the Spam column its card offers the other states.
  await page.getByRole('button', { name: 'Add column' }).click()
  const add = page.getByRole('dialog', { name: 'Add column' })
  await add.getByLabel('Kind').selectOption({ label: 'Spam' })
  await add.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(column('Spam').getByText('Cheap watches')).toBeVisible()
  const webinar = column('Awaiting moderation').getByRole('article').filter({ hasText: 'Will there be a webinar?' }).first()
  await actions(webinar).getByRole('button', { name: 'Spam', exact: true }).click()
  await expect.poll(() => commentWith('Will there be a webinar?').map((c) => c.status)).toEqual(['spam'])
  await outboxEmpty()
  const spam = column('Spam').getByRole('article').filter({ hasText: 'Will there be a webinar?' }).first()
  await expect(actions(spam).getByRole('button', { name: 'Approve', exact: true })).toBeVisible()
  await expect(actions(spam).getByRole('button', { name: 'Spam', exact: true })).toHaveCount(0)
})

// A moderated comment moves between the moderation queues (each lists exactly its states).
test('an approved or spammed comment leaves Awaiting moderation', async () => {
  await expect(column('Awaiting moderation').getByText('Is there a Linux build?')).toBeHidden()
  await expect(column('Awaiting moderation').getByText('Will there be a webinar?')).toBeHidden()
})

test('trash a comment through its card', async () => {
  const card = column('Approved comments').getByRole('article').filter({ hasText: 'Love the new export screen!' }).first()
  await actions(card).getByRole('button', { name: 'Trash', exact: true }).click()
  await expect.poll(() => commentWith('Love the new export screen!').map((c) => c.status)).toEqual(['trash'])
  await outboxEmpty()
  // Trashed, it leaves the queue of approved comments.
  await expect(column('Approved comments').getByText('Love the new export screen!')).toBeHidden()
})
