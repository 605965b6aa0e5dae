// `npm run demo`: Crosstalk with no account anywhere. Starts the fake Mastodon and the fake
// Chatter (each posts something new every few seconds), starts the web host on a fresh data
// directory with tokens in memory only, signs in to both fakes by approving their consent pages
// itself, adds a hashtag and a group column, and prints the address to open.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCore } from '../main/core/app'
import { createMemorySecretStore } from '../main/core/secrets/memory-store'
import { startWebHost, type WebHost } from '../main/web/server'
import { createStderrLogger } from '../main/web/stderr-logger'
import { driveConsent } from '../test/fakes/common/consent-driver'
import { startFakeChatter } from '../test/fakes/chatter/server'
import { startFakeMastodon } from '../test/fakes/mastodon/server'

const CONSUMER_KEY = 'crosstalk-demo-key'
const EVERY_SECONDS = 6

const logger = createStderrLogger()
const mastodon = await startFakeMastodon({ autoPostEverySeconds: EVERY_SECONDS })
const chatter = await startFakeChatter({ consumerKey: CONSUMER_KEY, autoPostEverySeconds: EVERY_SECONDS + 1 })
const dataDir = await mkdtemp(join(tmpdir(), 'crosstalk-demo-'))
const fakeOrigins = new Set([new URL(mastodon.url).origin, new URL(chatter.url).origin])

const page: { host?: WebHost } = {}
const core = createCore({
  dataDir,
  secrets: createMemorySecretStore(),
  host: 'web',
  demo: true,
  pollIntervalMs: 3000,
  logger,
  // A fake's consent page is approved here, as its user would; anything else opens in the browser.
  openUrl: async (url) => {
    if (fakeOrigins.has(new URL(url).origin)) {
      const redirect = await driveConsent(url)
      await fetch(redirect)
      return
    }
    await page.host?.openUrl(url)
  },
})
const host = await startWebHost({
  core,
  rendererDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
  logger,
})
page.host = host
await core.start()

const masto = await core.handlers['accounts.signIn']({ network: 'mastodon', server: mastodon.url })
const sf = await core.handlers['accounts.signIn']({ network: 'chatter', loginHost: chatter.url, clientId: CONSUMER_KEY })
await core.handlers['columns.add']({ accountId: masto.id, kind: 'hashtag', target: 'community' })
const group = chatter.groups[0]
if (group) await core.handlers['columns.add']({ accountId: sf.id, kind: 'group', target: group.id })

process.stdout.write(
  [
    `Fake Mastodon at ${mastodon.url}, fake Chatter at ${chatter.url}: a new post every few seconds.`,
    `Crosstalk demo is running at ${host.url}`,
    'Open that address in a browser. Ctrl+C stops everything and deletes the demo data.',
    '',
  ].join('\n'),
)

let stopping = false
const stop = () => {
  if (stopping) process.exit(130)
  stopping = true
  void Promise.allSettled([core.stop(), host.close(), mastodon.close(), chatter.close()])
    .then(() => rm(dataDir, { recursive: true, force: true }))
    .then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
