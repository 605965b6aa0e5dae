// Standalone fake Bluesky for demos: `npm run fake:bluesky -- --port 4003 --every 8`.
import { parseFakeArgs } from '../common/cli-args'
import { APP_PASSWORD, startFakeBluesky } from './server'

const { port, everySeconds } = parseFakeArgs(process.argv.slice(2))
const fake = await startFakeBluesky({ port, autoPostEverySeconds: everySeconds })
console.log(
  `Fake Bluesky on ${fake.url} — sign in with Server ${fake.url}, Handle alice.test, App password ${APP_PASSWORD}. ` +
    `Public search without an account: CROSSTALK_ENDPOINTS='{"bluesky":{"appview":"${fake.url}"}}'`,
)
process.on('SIGINT', () => {
  void fake.close().then(() => process.exit(0))
})
