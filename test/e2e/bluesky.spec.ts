// Bluesky end to end: sign in with an app password, Timeline and Notifications fill in the
// Outside lane, a new post arrives, a thread opens with its blocked reply, and a search column
// is added without any account (public AppView pointed at the fake); card actions write to the
// PDS, and a reply to the user's own post is hidden and shown again (the threadgate).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { APP_PASSWORD, startFakeBluesky, type FakeBluesky } from '../fakes/bluesky/server'
import { forgetKeychain, startWebHost, type WebHostProcess } from './web-host'
import {
  cardActions,
  outboxEmpty as outboxEmptyIn,
  pressAndSeeQueued as pressAndSeeQueuedIn,
  replyThroughCard,
} from './card-actions'

test.describe.configure({ mode: 'serial' })

let fake: FakeBluesky
let host: WebHostProcess
let dataDir: string
let page: Page
const keychainService = `Crosstalk-e2e-bluesky-${process.pid}-${Date.now()}`

test.beforeAll(async ({ browser }) => {
  dataDir = mkdtempSync(join(tmpdir(), 'crosstalk-e2e-bluesky-'))
  fake = await startFakeBluesky()
  host = await startWebHost({ dataDir, keychainService, endpoints: { bluesky: { appview: fake.url } } })
  page = await (await browser.newContext()).newPage()
  await page.goto(host.url)
})

test.afterAll(async () => {
  await forgetKeychain(keychainService)
  await host?.stop()
  await fake?.close().catch(() => {})
  rmSync(dataDir, { recursive: true, force: true })
})

const outside = () => page.getByRole('region', { name: 'Outside', exact: true })
const column = (title: string) => outside().getByRole('region', { name: title, exact: true })

test('an account password is refused before it is sent; an app password signs in', async () => {
  await page.getByRole('button', { name: 'Add account' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Add account' })
  await dialog.getByLabel('Network').selectOption({ label: 'Bluesky' })
  await dialog.getByLabel('Server').fill(fake.url)
  await dialog.getByLabel('Handle').fill('alice.test')
  await dialog.getByLabel('App password').fill('my-real-password')
  await dialog.getByRole('button', { name: 'Sign in' }).click()
  await expect(dialog.getByRole('alert')).toContainText('does not look like an app password')
  expect(fake.sessions().created).toBe(0)

  await dialog.getByLabel('App password').fill(APP_PASSWORD)
  await dialog.getByRole('button', { name: 'Sign in' }).click()
  await expect(dialog).toBeHidden()
  await expect(column('Timeline').getByText('Our roadmap call is on Thursday.')).toBeVisible()
  await expect(column('Notifications').getByText('Will it be recorded?')).toBeVisible()
})

test('a new post arrives by polling', async () => {
  fake.addPost({ text: 'Fresh from the fake AppView #release', author: 'carol.test' })
  await expect(column('Timeline').getByText('Fresh from the fake AppView #release')).toBeVisible()
})

test('a thread opens whole, with the blocked reply in its place', async () => {
  const card = column('Timeline').getByRole('article').filter({ hasText: 'Welcome to the #community space!' })
  await card.getByRole('button', { name: 'Open thread' }).click()
  const thread = page.getByRole('dialog', { name: 'Thread' })
  await expect(thread.getByText('happy to be here 🎉')).toBeVisible()
  await expect(thread.getByText('Blocked post')).toBeVisible()
  await thread.getByRole('button', { name: 'Close' }).click()
})

test('a search column without any account', async () => {
  await page.getByRole('button', { name: 'Add account' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Add account' })
  await dialog.getByLabel('Network').selectOption({ label: 'Bluesky' })
  await dialog.getByLabel('Without signing in (public columns only)').check()
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(dialog).toBeHidden()

  await page.getByRole('button', { name: 'Add column' }).click()
  const add = page.getByRole('dialog', { name: 'Add column' })
  const options = await add.getByLabel('Account').locator('option').allTextContents()
  await add.getByLabel('Account').selectOption({ label: options.find((o) => o.includes('(public)') && o.includes('Bluesky'))! })
  expect(await add.getByLabel('Kind').locator('option').allTextContents()).toEqual(['Search'])
  await add.getByLabel('Search').fill('roadmap')
  await add.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(column('Search: roadmap').getByText('Our roadmap call is on Thursday.')).toBeVisible()
})

const actions = cardActions
const outboxEmpty = () => outboxEmptyIn(page)

/** Presses a card's button while the fake answers slowly: the button waits, queued, in the Outbox. */
const pressAndSeeQueued = (card: Locator, name: string) => pressAndSeeQueuedIn(page, fake.faults, card, name)

test('like, reply to and repost a post through the card actions', async () => {
  const welcome = fake.world.posts.find((p) => p.text.startsWith('Welcome to the #community space!'))!
  const me = fake.world.me.did
  const records = (collection: string) =>
    fake.records().filter((r) => r.collection === collection && r.subject === welcome.uri && r.did === me)
  const card = column('Timeline').getByRole('article').filter({ hasText: 'Welcome to the #community space!' }).first()

  // Like: one like record in the user's repo; the card now offers Unlike.
  await pressAndSeeQueued(card, 'Like')
  await expect.poll(() => records('app.bsky.feed.like').length).toBe(1)
  await expect(actions(card).getByRole('button', { name: 'Unlike', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await outboxEmpty()
  expect(records('app.bsky.feed.like')).toHaveLength(1)
  expect([...welcome.likes]).toEqual([me])

  // Reply: one new post by the user, its parent and root the welcome post.
  await replyThroughCard(page, card, 'Thanks Bob, see you all at the roadmap call!')
  const replies = () => fake.world.posts.filter((p) => p.text === 'Thanks Bob, see you all at the roadmap call!')
  await expect.poll(() => replies().length).toBe(1)
  await outboxEmpty()
  expect(replies()).toHaveLength(1)
  expect(replies()[0]!.authorDid).toBe(me)
  expect(replies()[0]!.reply).toMatchObject({ parent: { uri: welcome.uri }, root: { uri: welcome.uri } })
  await expect(column('Timeline').getByText('Thanks Bob, see you all at the roadmap call!')).toBeVisible()

  // Repost: one repost record; the card now offers Undo repost.
  await actions(card).getByRole('button', { name: 'Repost', exact: true }).click()
  await expect.poll(() => records('app.bsky.feed.repost').length).toBe(1)
  await expect(actions(card).getByRole('button', { name: 'Undo repost', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await outboxEmpty()
  expect(records('app.bsky.feed.repost')).toHaveLength(1)
  expect([...welcome.reposts]).toEqual([me])
})

test('hide a reply to the user’s own post through the card, then show it again', async () => {
  const mine = fake.world.posts.find((p) => p.text === 'Our roadmap call is on Thursday.')!
  const question = fake.world.posts.find((p) => p.text === 'Will it be recorded?')!
  // Only in threads the user started: Carol's reply to Bob's post offers no Hide.
  const elsewhere = column('Timeline').getByRole('article').filter({ hasText: 'happy to be here' }).first()
  await expect(actions(elsewhere).getByRole('button', { name: 'Reply', exact: true })).toBeVisible()
  await expect(actions(elsewhere).getByRole('button', { name: 'Hide', exact: true })).toHaveCount(0)

  // Hide: the reply's at-uri in the thread's threadgate; the card now offers Unhide.
  const card = column('Timeline').getByRole('article').filter({ hasText: 'Will it be recorded?' }).first()
  await actions(card).getByRole('button', { name: 'Hide', exact: true }).click()
  await expect(actions(card).getByRole('button', { name: 'Unhide', exact: true })).toBeVisible()
  await outboxEmpty()
  expect(fake.threadgate(mine.uri)).toMatchObject({ post: mine.uri, hiddenReplies: [question.uri] })
  expect(fake.threadgate(mine.uri)).not.toHaveProperty('allow') // anyone may still reply

  // Unhide: taken out of the gate again.
  await actions(card).getByRole('button', { name: 'Unhide', exact: true }).click()
  await expect(actions(card).getByRole('button', { name: 'Hide', exact: true })).toBeVisible()
  await outboxEmpty()
  expect(fake.threadgate(mine.uri)?.hiddenReplies).toEqual([])
})
