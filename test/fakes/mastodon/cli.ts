// Standalone fake Mastodon for people: `npx tsx test/fakes/mastodon/cli.ts --port 4001 --every 5`.
import { parseFakeArgs } from '../common/cli-args'
import { startFakeMastodon } from './server'

const args = parseFakeArgs(process.argv.slice(2))
const fake = await startFakeMastodon({ port: args.port, autoPostEverySeconds: args.everySeconds })
console.log(`Fake Mastodon on ${fake.url} — sign in with server ${fake.url}`)
// The auto-post timer is unref'd; this keeps the process alive until SIGINT.
const keepAlive = setInterval(() => {}, 1 << 30)
process.on('SIGINT', () => {
  clearInterval(keepAlive)
  void fake.close().then(() => process.exit(0))
})
