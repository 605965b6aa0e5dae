// Standalone fake Facebook for demos: `npm run fake:facebook -- --port 4008 --every 8`.
import { parseFakeArgs } from '../common/cli-args'
import { APP_ID, startFakeFacebook } from './server'

const { port, everySeconds } = parseFakeArgs(process.argv.slice(2))
const fake = await startFakeFacebook({ port, autoPostEverySeconds: everySeconds })
console.log(
  `Fake Facebook on ${fake.url} — start Crosstalk with CROSSTALK_ENDPOINTS='{"facebook":{"dialog":"${fake.url}","graph":"${fake.url}"}}', then sign in with App ID ${APP_ID}.`,
)
process.on('SIGINT', () => {
  void fake.close().then(() => process.exit(0))
})
