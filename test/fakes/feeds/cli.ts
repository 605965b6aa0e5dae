// Standalone fake feeds for demos: `npm run fake:feeds -- --port 4005 --every 10`.
import { parseFakeArgs } from '../common/cli-args'
import { startFakeFeeds } from './server'

const { port, everySeconds } = parseFakeArgs(process.argv.slice(2))
const fake = await startFakeFeeds({ port, autoPostEverySeconds: everySeconds })
console.log(
  `Fake feeds on ${fake.url}: Atom ${fake.url}${fake.paths.atom}, RSS ${fake.url}${fake.paths.rss}, JSON Feed ${fake.url}${fake.paths.json}`,
)
process.on('SIGINT', () => {
  void fake.close().then(() => process.exit(0))
})
