// The real WordPress suite only (run.sh passes the server's seed file in WP_REAL_SEED).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: { include: ['test/real/wordpress/**/*.real.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 },
})
