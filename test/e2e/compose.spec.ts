// Writing, end to end, against the Mastodon and Chatter fakes: a new post with a mention picked
// from the server and Mastodon's own length count; a reply and a like from a card; a Chatter post
// into a group with a colleague mentioned, a comment and a like; the audience guard before a post
// goes outside; and a post written while the server is unreachable, which waits in the Outbox,
// survives a restart of the app, and is sent exactly once when the network is back.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { startFakeChatter, type FakeChatter } from '../fakes/chatter/server'
import { startTcpProxy, type TcpProxy } from '../fakes/common/tcp-proxy'
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon/server'
import { forgetKeychain, keychainAvailable, startWebHost, type WebHostProcess } from './web-host'
import { signInThroughConsent } from './sign-in'

test.describe.configure({ mode: 'serial' })

let mastodon: FakeMastodon
let chatter: FakeChatter
let line: TcpProxy
let host: WebHostProcess
let dataDir: string
let page: Page
const keychainService = `Crosstalk-e2e-compose-${process.pid}-${Date.now()}`
const REVIEWERS = 'Looking for reviewers for the new contributor guide'

test.beforeAll(async ({ browser }) => {
  dataDir = mkdtempSync(join(tmpdir(), 'crosstalk-e2e-compose-'))
  mastodon = await startFakeMastodon()
  chatter = await startFakeChatter()
  // Mastodon is reached through a line that can be cut: the fake keeps its state meanwhile.
  line = await startTcpProxy(new URL(mastodon.url))
  host = await startWebHost({ dataDir, keychainService })
  page = await (await browser.newContext()).newPage()
  await page.goto(host.url)
})

test.afterAll(async () => {
  await forgetKeychain(keychainService)
  await host?.stop()
  await line?.close().catch(() => {})
  await mastodon?.close().catch(() => {})
  await chatter?.close().catch(() => {})
  rmSync(dataDir, { recursive: true, force: true })
})

const lane = (name: 'Inside' | 'Outside') => page.getByRole('region', { name, exact: true })
const card = (side: 'Inside' | 'Outside', text: string): Locator =>
  lane(side).getByRole('article').filter({ hasText: text }).first()
const outboxButton = () => page.getByRole('button', { name: /^Outbox \(\d+\)$/ })

const signIn = (network: string, fill: (dialog: Locator) => Promise<void>) => signInThroughConsent(page, network, fill)

/** Opens "New post" and ticks the one account whose label contains `network`. */
async function newPost(network: string): Promise<Locator> {
  await page.getByRole('button', { name: 'New post', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'New post' })
  await dialog.getByRole('checkbox', { name: new RegExp(network) }).check()
  return dialog
}

test('sign in to Mastodon and Chatter; cards offer what each network has', async () => {
  await signIn('Mastodon', (d) => d.getByLabel('Server').fill(line.url))
  await signIn('Salesforce Chatter', async (d) => {
    await d.getByLabel('Login host').selectOption({ label: 'My Domain' })
    await d.getByLabel('My Domain URL').fill(chatter.url)
    await d.getByLabel('Consumer key').fill('crosstalk-demo-key')
  })
  const outside = card('Outside', REVIEWERS).getByRole('group', { name: 'Actions' })
  for (const name of ['Reply', 'Like', 'Repost', 'Report'])
    await expect(outside.getByRole('button', { name, exact: true })).toBeVisible()
  const inside = lane('Inside').getByRole('article').first().getByRole('group', { name: 'Actions' })
  await expect(inside.getByRole('button', { name: 'Like', exact: true })).toBeVisible()
  // Chatter shares (its repost) but has no reports.
  await expect(inside.getByRole('button', { name: 'Repost', exact: true })).toBeVisible()
  await expect(inside.getByRole('button', { name: 'Report', exact: true })).toHaveCount(0)
  await expect(outboxButton()).toHaveText('Outbox (0)')
})

test('a new Mastodon post: counted as Mastodon counts, a mention picked from the server', async () => {
  const dialog = await newPost('Mastodon')
  const text = dialog.getByRole('textbox', { name: 'Post text' })
  await text.fill('x'.repeat(501))
  await expect(dialog.getByText('Mastodon: 501 / 500 (1 too long)')).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Post', exact: true })).toBeDisabled()

  // A link counts 23 whatever its length.
  await text.fill('Docs: https://docs.example.org/a/very/long/path/to/the/contributor/guide Thanks @car')
  await dialog.getByRole('option', { name: /Carol Ng/ }).click()
  await expect(text).toHaveValue('Docs: https://docs.example.org/a/very/long/path/to/the/contributor/guide Thanks @carol ')
  await expect(dialog.getByText(`Mastodon: ${'Docs: '.length + 23 + ' Thanks @carol '.length} / 500`)).toBeVisible()
  await dialog.getByRole('button', { name: 'Post', exact: true }).click()
  await expect(dialog).toBeHidden()

  await expect.poll(() => mastodon.writes.ownStatuses().filter((s) => s.text.includes('Thanks @carol')).length).toBe(1)
  const posted = mastodon.writes.ownStatuses().find((s) => s.text.includes('Thanks @carol'))!
  // The server resolved the mention to Carol's account.
  expect(posted.mentionIds).toHaveLength(1)
  await expect(outboxButton()).toHaveText('Outbox (0)')
})

test('reply to and like a Mastodon post from its card', async () => {
  const post = card('Outside', REVIEWERS)
  await post.getByRole('button', { name: 'Like', exact: true }).click()
  await expect(post.getByRole('button', { name: 'Unlike', exact: true })).toHaveAttribute('aria-pressed', 'true')

  await post.getByRole('button', { name: 'Reply', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Reply' })
  const text = dialog.getByRole('textbox', { name: 'Reply text' })
  // A Mastodon reply starts with whom it answers.
  await expect(text).toHaveValue('@carol ')
  await text.pressSequentially('I can review it this afternoon.')
  await dialog.getByRole('button', { name: 'Send reply', exact: true }).click()
  await expect(dialog).toBeHidden()

  await expect.poll(() => mastodon.writes.ownStatuses().filter((s) => s.text.includes('review it this afternoon')).length).toBe(1)
  const reply = mastodon.writes.ownStatuses().find((s) => s.text.includes('review it this afternoon'))!
  expect(reply.inReplyToId).toBeDefined()
  const likes = mastodon.writes.log.filter((l) => l.path.endsWith('/favourite'))
  expect(likes.map((l) => l.status)).toEqual([200])
})

test('report a post to the server’s moderators, and delete one’s own post', async () => {
  // Someone on another server posts something reportable.
  mastodon.addStatus({ author: 'bob', text: 'Buy cheap followers at spam.example' })
  const spam = card('Outside', 'Buy cheap followers')
  await spam.getByRole('button', { name: 'Report', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Report post' })
  await dialog.getByRole('textbox', { name: 'Report comment' }).fill('Follower spam')
  // Bob is on fosstodon.example: the report can go to his server too.
  await dialog.getByRole('checkbox', { name: "Also send it to the author's server" }).check()
  await dialog.getByRole('button', { name: 'Send report', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect.poll(() => mastodon.writes.reports.length).toBe(1)
  expect(mastodon.writes.reports[0]).toMatchObject({ comment: 'Follower spam', forward: true })

  const mine = card('Outside', 'I can review it this afternoon')
  await mine.getByRole('button', { name: 'Delete', exact: true }).click()
  await mine.getByRole('button', { name: 'Confirm delete', exact: true }).click()
  await expect(lane('Outside').getByText('I can review it this afternoon')).toHaveCount(0)
  expect(mastodon.writes.ownStatuses().filter((s) => s.text.includes('review it this afternoon'))).toHaveLength(0)
})

test('a Chatter post into a group with a colleague mentioned, a comment and a like', async () => {
  const dialog = await newPost('Chatter')
  await dialog.getByLabel('Post to').selectOption({ label: `Group: ${chatter.groups[0]!.name}` })
  const text = dialog.getByRole('textbox', { name: 'Post text' })
  await text.fill('Escalating the export complaint to @Pri')
  await dialog.getByRole('option', { name: /Priya Natarajan/ }).click()
  await text.pressSequentially('can you take it?')
  await expect(dialog.getByText('Salesforce Chatter: ')).toContainText('/ 10000')
  await dialog.getByRole('button', { name: 'Post', exact: true }).click()
  await expect(dialog).toBeHidden()

  await expect.poll(() => chatter.writes.myPosts().filter((p) => p.text.includes('Escalating')).length).toBe(1)
  const posted = chatter.writes.myPosts().find((p) => p.text.includes('Escalating'))!
  expect(posted.parentId).toBe(chatter.groups[0]!.id)
  // Chatter writes the mention's name itself from the Mention segment.
  expect(posted.text).toContain('@Priya Natarajan')

  const colleague = lane('Inside').getByRole('article').filter({ hasNotText: 'Escalating' }).first()
  const colleagueText = (await colleague.locator('.content').innerText()).slice(0, 30)
  await colleague.getByRole('button', { name: 'Like', exact: true }).click()
  const same = card('Inside', colleagueText)
  await expect(same.getByRole('button', { name: 'Unlike', exact: true })).toBeVisible()
  // Repost on Chatter is a share onto one's own feed.
  await same.getByRole('button', { name: 'Repost', exact: true }).click()
  await expect(same.getByRole('button', { name: 'Undo repost', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(() => chatter.writes.myPosts().filter((p) => p.sharedId !== undefined).length).toBe(1)
  await same.getByRole('button', { name: 'Reply', exact: true }).click()
  const reply = page.getByRole('dialog', { name: 'Reply' })
  await reply.getByRole('textbox', { name: 'Reply text' }).fill('On it.')
  await reply.getByRole('button', { name: 'Send reply', exact: true }).click()
  await expect(reply).toBeHidden()
  await expect
    .poll(() => chatter.writes.log.filter((l) => l.method === 'POST' && l.path.includes('/comments/items')).length)
    .toBe(1)
})

test('the audience guard asks twice before a post with an internal mention goes outside', async () => {
  const dialog = await newPost('Mastodon')
  await dialog.getByRole('textbox', { name: 'Post text' }).fill('Thanks to @Priya Natarajan for the fix!')
  await dialog.getByRole('button', { name: 'Post', exact: true }).click()
  await expect(dialog.getByRole('alert')).toContainText('It mentions Priya Natarajan, a colleague on an internal network.')
  expect(mastodon.writes.ownStatuses().filter((s) => s.text.includes('for the fix')).length).toBe(0)
  await dialog.getByRole('button', { name: 'Send anyway', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect.poll(() => mastodon.writes.ownStatuses().filter((s) => s.text.includes('for the fix')).length).toBe(1)
})

test('one message cross-posted to Mastodon and Chatter, each counted by its own network', async () => {
  const dialog = await newPost('Mastodon')
  await dialog.getByRole('checkbox', { name: /Chatter/ }).check()
  const text = 'Maintenance tonight 22:00–23:00 UTC: https://status.example.org/incidents/2026-12-01-maintenance'
  await dialog.getByRole('textbox', { name: 'Post text' }).fill(text)
  const counters = dialog.getByRole('list', { name: 'Length' })
  await expect(counters).toContainText(`Mastodon: ${'Maintenance tonight 22:00–23:00 UTC: '.length + 23} / 500`)
  await expect(counters).toContainText(`Salesforce Chatter: ${text.length} / 10000`)
  await dialog.getByRole('button', { name: 'Post', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect.poll(() => mastodon.writes.ownStatuses().filter((s) => s.text === text).length).toBe(1)
  await expect.poll(() => chatter.writes.myPosts().filter((p) => p.text === text).length).toBe(1)
  await expect(outboxButton()).toHaveText('Outbox (0)')
})

test('a Mastodon post with an image and its description; a file Mastodon does not take is refused', async () => {
  const dialog = await newPost('Mastodon')
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(90_000, 7)])
  await dialog
    .getByLabel('Files to attach')
    .setInputFiles({ name: 'terms.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF') })
  await expect(dialog.getByRole('alert')).toHaveText('terms.pdf: this type of file cannot be sent here.')
  await dialog.getByLabel('Files to attach').setInputFiles({ name: 'export-dialog.png', mimeType: 'image/png', buffer: png })
  const attached = dialog.getByRole('list', { name: 'Attached files' })
  await expect(attached).toContainText('export-dialog.png')
  await dialog.getByRole('textbox', { name: 'Description of export-dialog.png' }).fill('The export dialog, three formats')
  await dialog.getByRole('textbox', { name: 'Post text' }).fill('The new export screen is live')
  await dialog.getByRole('button', { name: 'Post', exact: true }).click()
  await expect(dialog).toBeHidden()

  await expect.poll(() => mastodon.writes.ownStatuses().filter((s) => s.text === 'The new export screen is live').length).toBe(1)
  const posted = mastodon.writes.ownStatuses().find((s) => s.text === 'The new export screen is live')!
  expect(posted.media.map((m) => m.description)).toEqual(['The export dialog, three formats'])
  // The post shows in Home with its image, described.
  await expect(
    card('Outside', 'The new export screen is live').getByRole('img', { name: 'The export dialog, three formats' }),
  ).toBeVisible()
})

test('written offline: waits in the Outbox, survives a restart, is sent once when the network is back', async ({ browser }) => {
  test.skip(!keychainAvailable(), 'Without a keychain the web host keeps tokens in memory: a restart signs out.')
  await line.down()
  const text = `Written on a train ${Date.now()}`
  const dialog = await newPost('Mastodon')
  await dialog.getByRole('textbox', { name: 'Post text' }).fill(text)
  await dialog.getByRole('button', { name: 'Post', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(outboxButton()).toHaveText('Outbox (1)')
  await outboxButton().click()
  const outbox = page.getByRole('dialog', { name: 'Outbox' })
  const entry = outbox.getByRole('listitem').filter({ hasText: text })
  await expect(entry).toContainText('Will retry')
  await expect(entry).toContainText('ECONNREFUSED')
  // Nothing can have left (the connection was refused), so the draft is still editable.
  await entry.getByRole('button', { name: 'Edit', exact: true }).click()
  const edit = page.getByRole('dialog', { name: 'Edit unsent post' })
  await edit.getByRole('textbox', { name: 'Post text' }).fill(`${text} (edited)`)
  await edit.getByRole('button', { name: 'Save and send', exact: true }).click()
  await expect(edit).toBeHidden()
  await expect(outboxButton()).toHaveText('Outbox (1)')

  // Quit and start again, still offline: the post is still waiting.
  await host.stop()
  host = await startWebHost({ dataDir, keychainService })
  page = await (await browser.newContext()).newPage()
  await page.goto(host.url)
  await expect(outboxButton()).toHaveText('Outbox (1)')
  expect(mastodon.writes.ownStatuses().filter((s) => s.text.startsWith(text))).toHaveLength(0)

  await line.up()
  await expect(outboxButton()).toHaveText('Outbox (0)', { timeout: 30_000 })
  expect(
    mastodon.writes
      .ownStatuses()
      .filter((s) => s.text.startsWith(text))
      .map((s) => s.text),
  ).toEqual([`${text} (edited)`])
  await outboxButton().click()
  await expect(page.getByRole('dialog', { name: 'Outbox' }).getByRole('listitem').filter({ hasText: text })).toContainText('Sent')
})
