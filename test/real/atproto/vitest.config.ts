// The real AT Protocol suite only (run.sh passes the servers' seed file in ATP_REAL_SEED).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: { include: ['test/real/atproto/**/*.real.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 },
})
