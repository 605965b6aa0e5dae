// Standalone fake Viva Engage for demos: `npm run fake:yammer -- --port 4006 --every 8`.
import { parseFakeArgs } from '../common/cli-args'
import { CLIENT_ID, TENANT, startFakeYammer } from './server'

const { port, everySeconds } = parseFakeArgs(process.argv.slice(2))
const fake = await startFakeYammer({ port, autoPostEverySeconds: everySeconds })
console.log(
  `Fake Viva Engage on ${fake.url} — start Crosstalk with CROSSTALK_ENDPOINTS='{"yammer":{"identity":"${fake.url}","api":"${fake.url}"}}', then sign in with client ID ${CLIENT_ID} and tenant ${TENANT}.`,
)
process.on('SIGINT', () => {
  void fake.close().then(() => process.exit(0))
})
