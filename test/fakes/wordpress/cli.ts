// Standalone fake WordPress for demos: `npm run fake:wordpress -- --port 4004 --every 9`.
import { parseFakeArgs } from '../common/cli-args'
import { startFakeWordPress } from './server'

const { port, everySeconds } = parseFakeArgs(process.argv.slice(2))
const fake = await startFakeWordPress({ port, autoPostEverySeconds: everySeconds })
console.log(`Fake WordPress on ${fake.url} — add account WordPress with Site URL ${fake.url} and approve on its page.`)
process.on('SIGINT', () => {
  void fake.close().then(() => process.exit(0))
})
