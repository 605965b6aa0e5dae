// Entry of the web host: `npx tsx main/web/cli.ts [options]` (see cli-args.ts). Creates the
// core exactly as the Electron shell does, serves the built renderer on 127.0.0.1, and prints
// one line to stdout, the address to open. Everything else goes to stderr.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createCore } from '../core/app'
import { UserError } from '../core/errors'
import { createKeytarSecretStore } from '../core/secrets/keytar-store'
import { createMemorySecretStore } from '../core/secrets/memory-store'
import { parseEndpointOverrides } from '../networks/endpoints'
import { CliError, defaultDataDir, parseWebCliArgs, usage } from './cli-args'
import { startWebHost, type WebHost } from './server'
import { indexHtmlPath } from './static-files'
import { createStderrLogger } from './stderr-logger'

const logger = createStderrLogger()

async function main(): Promise<void> {
  const options = parseWebCliArgs(process.argv.slice(2))
  if (options.help) {
    process.stderr.write(`${usage(defaultDataDir(process.env, process.platform))}\n`)
    return
  }
  const rendererDir = options.rendererDir ?? fileURLToPath(new URL('../../out/renderer', import.meta.url))
  if (!existsSync(indexHtmlPath(rendererDir)))
    throw new Error(`Build the renderer first: npm run build (no index.html in ${rendererDir}).`)
  if (options.demo) {
    logger.warn(
      'Demo mode: tokens live in this process’s memory only and are lost when Crosstalk exits. Do not use it for real accounts you care about.',
    )
  }

  // The core is created before the host exists; its sign-in pages open through the host's page.
  const page: { host?: WebHost } = {}
  const core = createCore({
    dataDir: options.dataDir,
    secrets: options.demo ? createMemorySecretStore() : createKeytarSecretStore({ service: options.keychainService }),
    openUrl: async (url) => {
      if (!page.host) throw new UserError('not-ready', 'Crosstalk is still starting; try again in a moment.')
      await page.host.openUrl(url)
    },
    host: 'web',
    demo: options.demo,
    endpoints: parseEndpointOverrides(process.env.CROSSTALK_ENDPOINTS),
    pollIntervalMs: options.pollSeconds === undefined ? undefined : Math.round(options.pollSeconds * 1000),
    logger,
  })
  const started = await startWebHost({ core, port: options.port, rendererDir, logger })
  page.host = started
  try {
    await core.start()
  } catch (error) {
    await started.close()
    throw error
  }
  logger.info(`Data directory: ${options.dataDir}`)
  process.stdout.write(`Crosstalk is running at ${started.url}\n`)

  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130)
    stopping = true
    logger.info(`${signal}: stopping`)
    Promise.all([core.stop(), started.close()])
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error('Could not stop cleanly', { error: String(error) })
        process.exit(1)
      })
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`${error.message}\n\n${usage(defaultDataDir(process.env, process.platform))}\n`)
    process.exit(2)
  }
  process.stderr.write(`Crosstalk could not start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
