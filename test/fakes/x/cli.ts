// Standalone fake X for demos: `npm run fake:x -- --port 4007 --every 8`.
import { parseFakeArgs } from '../common/cli-args'
import { CLIENT_ID, startFakeX } from './server'

const { port, everySeconds } = parseFakeArgs(process.argv.slice(2))
const fake = await startFakeX({ port, autoPostEverySeconds: everySeconds })
console.log(
  `Fake X on ${fake.url} — start Crosstalk with CROSSTALK_ENDPOINTS='{"x":{"authorize":"${fake.url}","api":"${fake.url}"}}', then sign in with client ID ${CLIENT_ID}.`,
)
process.on('SIGINT', () => {
  void fake.close().then(() => process.exit(0))
})
