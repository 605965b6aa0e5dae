// The process the crash test kills: a core on the given data directory submits one draft to its
// outbox, says so, and then waits (the fake holds the answer back) until it is SIGKILLed.
// Usage: tsx crash-child.ts <dataDir> <secretsFile> <draft JSON>
import { silentLogger } from '../../../../../main/core/capabilities'
import { createCore } from '../../../../../main/core/app'
import { DraftSchema } from '../../../../../preload/model'
import { createFileSecretStore } from './file-secrets'

const [dataDir, secretsFile, draftJson] = process.argv.slice(2)
if (!dataDir || !secretsFile || !draftJson) throw new Error('usage: crash-child.ts <dataDir> <secretsFile> <draft JSON>')

const core = createCore({
  dataDir,
  secrets: createFileSecretStore(secretsFile),
  host: 'web',
  logger: silentLogger,
  openUrl: async () => {
    throw new Error('the crash child never signs in')
  },
})
await core.start()
const entry = await core.handlers['outbox.submit'](DraftSchema.parse(JSON.parse(draftJson)))
process.stdout.write(`SUBMITTED ${entry.id}\n`)
// Stay alive until killed.
setInterval(() => {}, 60_000)
