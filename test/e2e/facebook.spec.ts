// Facebook Pages end to end: sign in with the user's own App ID through the Login dialog; add
// the Page's feed and comments columns (the Page is chosen, not guessed); a new comment arrives;
// a comment opens as the post with its comments and replies; a new Page post carries a photo.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { APP_ID, startFakeFacebook, type FakeFacebook } from '../fakes/facebook/server'
import { forgetKeychain, startWebHost, type WebHostProcess } from './web-host'
import {
  cardActions,
  outboxEmpty as outboxEmptyIn,
  pressAndSeeQueued as pressAndSeeQueuedIn,
  replyThroughCard,
} from './card-actions'

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
  await forgetKeychain(keychainService)
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

const outside = () => page.getByRole('region', { name: 'Outside', exact: true })
const cardWith = (text: string) => outside().getByRole('article').filter({ hasText: text }).first()
const actions = cardActions
const outboxEmpty = () => outboxEmptyIn(page)

/** Presses a card's button while the fake answers slowly: the button waits, queued, in the Outbox. */
const pressAndSeeQueued = (card: Locator, name: string) => pressAndSeeQueuedIn(page, fake.faults, card, name)

test('like a post, comment on it and hide a comment through the card actions', async () => {
  const launch = fake.posts.find((p) => p.message.startsWith('We just launched the new community forum!'))!

  // Like: Graph does not say "liked by me", so the card turns to Unlike once the like has gone out.
  const post = cardWith('We just launched the new community forum!')
  await pressAndSeeQueued(post, 'Like')
  await expect.poll(() => fake.likes()).toEqual([launch.id])
  await expect(actions(post).getByRole('button', { name: 'Unlike', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await outboxEmpty()
  expect(fake.likes()).toEqual([launch.id])

  // Reply: one new top-level comment on the post, written as the Page.
  await replyThroughCard(page, post, 'Thanks everyone, keep the feedback coming!')
  const mine = () => fake.comments.filter((c) => c.message === 'Thanks everyone, keep the feedback coming!')
  await expect.poll(() => mine().length).toBe(1)
  await outboxEmpty()
  expect(mine()).toHaveLength(1)
  expect(mine()[0]).toMatchObject({ postId: launch.id, parentId: undefined, from: { name: 'Crosstalk Community' } })
  await expect(outside().getByText('Thanks everyone, keep the feedback coming!')).toBeVisible()

  // Hide a fan's comment: Facebook says hidden, and the card offers Unhide.
  const comment = cardWith('Looks great, but search is slow.')
  await actions(comment).getByRole('button', { name: 'Hide', exact: true }).click()
  const slow = fake.comments.find((c) => c.message === 'Looks great, but search is slow.')!
  await expect.poll(() => slow.hidden).toBe(true)
  await expect(actions(comment).getByRole('button', { name: 'Unhide', exact: true })).toBeVisible()
  await expect(actions(comment).getByRole('button', { name: 'Hide', exact: true })).toHaveCount(0)
  await outboxEmpty()
  expect(fake.comments.filter((c) => c.hidden).map((c) => c.message)).toEqual(['Looks great, but search is slow.'])
})

test('a new Page post with a photo: uploaded with its caption, one post on the Page', async () => {
  await page.getByRole('button', { name: 'New post', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'New post' })
  await dialog
    .getByRole('group', { name: 'Post from' })
    .getByRole('checkbox', { name: 'Crosstalk Community (Facebook Pages)' })
    .check()
  await dialog.getByRole('textbox', { name: 'Post text' }).fill('Our booth at the meetup')
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(60_000, 9)])
  await dialog.getByLabel('Files to attach').setInputFiles({ name: 'booth.png', mimeType: 'image/png', buffer: png })
  await expect(dialog.getByRole('list', { name: 'Attached files' })).toContainText('booth.png')
  await dialog.getByRole('button', { name: 'Post', exact: true }).click()
  await expect(dialog).toBeHidden()

  const posted = () => fake.posts.filter((p) => p.message === 'Our booth at the meetup')
  await expect.poll(() => posted().length).toBe(1)
  await outboxEmpty()
  expect(posted()).toHaveLength(1)
  const photos = fake.photos.filter((p) => p.usedBy === posted()[0]!.id)
  expect(photos.map((p) => ({ filename: p.filename, caption: p.caption, published: p.published }))).toEqual([
    { filename: 'booth.png', caption: 'Our booth at the meetup', published: true },
  ])
  expect(photos[0]!.bytes.equals(png)).toBe(true)
  // The post that came back shows its photo on its card.
  await expect(cardWith('Our booth at the meetup').getByRole('button', { name: 'Open image' })).toBeVisible()
})
