// Standalone fake Chatter for demos: `npx tsx test/fakes/chatter/cli.ts --port 4002 --every 7`.
import { parseFakeArgs } from '../common/cli-args'
import { startFakeChatter } from './server'

const { port, everySeconds } = parseFakeArgs(process.argv.slice(2))
const consumerKey = 'crosstalk-demo-key'
const fake = await startFakeChatter({ port, consumerKey, autoPostEverySeconds: everySeconds })
console.log(`Fake Chatter on ${fake.url} — sign in with My Domain URL ${fake.url} and consumer key ${consumerKey}`)

process.on('SIGINT', () => {
  void fake.close().then(() => process.exit(0))
})
