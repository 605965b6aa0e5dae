// outbox.json under the data directory, through the workspace's atomic JSON file.
import type { Clock, Logger } from '../capabilities'
import { createJsonFile, type JsonFile } from '../workspace/json-file'
import { OutboxFileSchema, type OutboxFile } from './schemas'

export function createOutboxFile(opts: { dataDir: string; clock: Clock; logger: Logger }): JsonFile<OutboxFile> {
  return createJsonFile({
    dir: opts.dataDir,
    name: 'outbox.json',
    schema: OutboxFileSchema,
    empty: () => ({ version: 1 as const, entries: [] }),
    clock: opts.clock,
    logger: opts.logger,
  })
}
