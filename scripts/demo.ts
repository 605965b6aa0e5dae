// `npm run demo`: Crosstalk with no account anywhere. Starts a fake of every network (each posts
// something new every few seconds), starts the web host on a fresh data directory with tokens in
// memory only, signs in to every fake by approving its consent page itself, adds a few columns,
// and prints the address to open.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCore } from '../main/core/app'
import { createMemorySecretStore } from '../main/core/secrets/memory-store'
import { startWebHost, type WebHost } from '../main/web/server'
import { createStderrLogger } from '../main/web/stderr-logger'
import { driveConsent } from '../test/fakes/common/consent-driver'
import { APP_PASSWORD, startFakeBluesky } from '../test/fakes/bluesky/server'
import { startFakeChatter } from '../test/fakes/chatter/server'
import { APP_ID, PAGE_ID, startFakeFacebook } from '../test/fakes/facebook/server'
import { startFakeFeeds } from '../test/fakes/feeds/server'
import { startFakeMastodon } from '../test/fakes/mastodon/server'
import { startFakeWordPress } from '../test/fakes/wordpress/server'
import { CLIENT_ID as X_CLIENT_ID, startFakeX } from '../test/fakes/x/server'
import { CLIENT_ID as YAMMER_CLIENT_ID, TENANT, startFakeYammer } from '../test/fakes/yammer/server'

const CONSUMER_KEY = 'crosstalk-demo-key'
const EVERY_SECONDS = 6

const logger = createStderrLogger()
const mastodon = await startFakeMastodon({ autoPostEverySeconds: EVERY_SECONDS })
const chatter = await startFakeChatter({ consumerKey: CONSUMER_KEY, autoPostEverySeconds: EVERY_SECONDS + 1 })
const yammer = await startFakeYammer({ autoPostEverySeconds: EVERY_SECONDS + 3 })
const bluesky = await startFakeBluesky({ autoPostEverySeconds: EVERY_SECONDS + 2 })
const wordpress = await startFakeWordPress({ autoPostEverySeconds: EVERY_SECONDS * 2 })
const feeds = await startFakeFeeds({ autoPostEverySeconds: EVERY_SECONDS * 2 })
const x = await startFakeX({ autoPostEverySeconds: EVERY_SECONDS + 4 })
const facebook = await startFakeFacebook({ autoPostEverySeconds: EVERY_SECONDS + 5 })
const fakes = [mastodon, chatter, yammer, bluesky, wordpress, feeds, x, facebook]
const dataDir = await mkdtemp(join(tmpdir(), 'crosstalk-demo-'))
const fakeOrigins = new Set(fakes.map((f) => new URL(f.url).origin))

const page: { host?: WebHost } = {}
const core = createCore({
  dataDir,
  secrets: createMemorySecretStore(),
  host: 'web',
  demo: true,
  pollIntervalMs: 3000,
  logger,
  endpoints: {
    yammer: { identity: yammer.url, api: yammer.url },
    bluesky: { appview: bluesky.url },
    x: { authorize: x.url, api: x.url },
    facebook: { dialog: facebook.url, graph: facebook.url },
  },
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
await core.handlers['accounts.signIn']({ network: 'yammer', clientId: YAMMER_CLIENT_ID, tenant: TENANT })
await core.handlers['accounts.signIn']({
  network: 'bluesky',
  server: bluesky.url,
  identifier: 'alice.test',
  password: APP_PASSWORD,
})
await core.handlers['accounts.signIn']({ network: 'wordpress', server: wordpress.url })
await core.handlers['accounts.signIn']({ network: 'x', clientId: X_CLIENT_ID })
const fb = await core.handlers['accounts.signIn']({ network: 'facebook', clientId: APP_ID })
await core.handlers['columns.add']({ accountId: fb.id, kind: 'comments', target: PAGE_ID })
const rss = await core.handlers['accounts.signIn']({ network: 'rss', anonymous: true })
await core.handlers['columns.add']({ accountId: rss.id, kind: 'feed', target: `${feeds.url}${feeds.paths.atom}` })

process.stdout.write(
  [
    `Fakes of Mastodon, Chatter, Viva Engage, Bluesky, WordPress, feeds, X and Facebook on 127.0.0.1: a new post every few seconds.`,
    `Crosstalk demo is running at ${host.url}`,
    'Open that address in a browser. Ctrl+C stops everything and deletes the demo data.',
    '',
  ].join('\n'),
)

let stopping = false
const stop = () => {
  if (stopping) process.exit(130)
  stopping = true
  void Promise.allSettled([core.stop(), host.close(), ...fakes.map((f) => f.close())])
    .then(() => rm(dataDir, { recursive: true, force: true }))
    .then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
