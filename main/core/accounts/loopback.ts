// OAuth 2.0 for native apps (RFC 8252 §7.3): a one-shot HTTP listener on 127.0.0.1 with an
// ephemeral port receives the browser's redirect. PKCE S256 and state come from oauth4webapi.
// The listener accepts exactly one answer: a code with our state, a denial, or a wrong state
// (a stale tab or a forged redirect), which ends the attempt rather than waiting on.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as oauth from 'oauth4webapi'
import type { LoopbackAuthorization } from '../../networks/types'
import type { Clock, Logger, OpenUrl } from '../capabilities'
import { UserError } from '../errors'
import { callbackPage } from './callback-page'

export const SIGN_IN_TIMEOUT_MS = 5 * 60_000
export const CALLBACK_PATH = '/callback'

export interface LoopbackOptions {
  openUrl: OpenUrl
  clock: Clock
  logger: Logger
  timeoutMs?: number
}

export interface LoopbackAuthorizer {
  begin(): Promise<LoopbackAuthorization>
  /** Closes every listener still open (app shutdown). */
  closeAll(): void
}

export function createLoopbackAuthorizer(opts: LoopbackOptions): LoopbackAuthorizer {
  const open = new Set<() => void>()
  return {
    async begin() {
      const auth = await beginAuthorization(opts)
      const close = auth.close
      open.add(close)
      return {
        ...auth,
        close() {
          open.delete(close)
          close()
        },
      }
    },
    closeAll() {
      for (const close of [...open]) close()
      open.clear()
    },
  }
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host
  } catch {
    return 'the sign-in page'
  }
}

async function beginAuthorization(opts: LoopbackOptions): Promise<LoopbackAuthorization> {
  const timeoutMs = opts.timeoutMs ?? SIGN_IN_TIMEOUT_MS
  const codeVerifier = oauth.generateRandomCodeVerifier()
  const codeChallenge = await oauth.calculatePKCECodeChallenge(codeVerifier)
  const state = oauth.generateRandomState()

  let settled = false
  let resolveCode!: (answer: URLSearchParams) => void
  let rejectCode!: (error: Error) => void
  // Not OAuth (WordPress application passwords): the answer is the callback's whole query.
  let raw = false
  const result = new Promise<URLSearchParams>((resolve, reject) => {
    resolveCode = resolve
    rejectCode = reject
  })
  // Nobody may be waiting yet (or ever, if the caller fails before complete()).
  result.catch(() => {})
  let timer: unknown
  let authorizeHost = 'the sign-in page'

  const finish = (outcome: { answer: URLSearchParams } | { error: Error }) => {
    if (settled) return
    settled = true
    if (timer !== undefined) opts.clock.clearTimeout(timer)
    if ('answer' in outcome) resolveCode(outcome.answer)
    else rejectCode(outcome.error)
  }

  const reply = (res: ServerResponse, status: number, html: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' })
    res.end(html)
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      reply(res, 404, callbackPage({ ok: false, message: 'Nothing here. Go back to Crosstalk.' }))
      return
    }
    if (settled) {
      reply(res, 410, callbackPage({ ok: false, message: 'This sign-in has already finished. Go back to Crosstalk.' }))
      return
    }
    const q = url.searchParams
    if (q.get('state') !== state) {
      const error = new UserError(
        'sign-in-state-mismatch',
        'The browser came back from an old or unknown sign-in attempt, so Crosstalk ignored it. Please sign in again.',
      )
      reply(res, 400, callbackPage({ ok: false, message: error.message }))
      return finish({ error })
    }
    const denied = q.get('error')
    if (denied) {
      const error =
        denied === 'access_denied'
          ? new UserError('sign-in-cancelled', `Sign-in was cancelled at ${authorizeHost}.`)
          : new UserError(
              'sign-in-failed',
              `Sign-in failed at ${authorizeHost}: ${(q.get('error_description') ?? denied).slice(0, 300)}.`,
            )
      reply(res, 200, callbackPage({ ok: false, message: error.message }))
      return finish({ error })
    }
    if (raw && q.get('success') === 'false') {
      const error = new UserError('sign-in-cancelled', `Sign-in was cancelled at ${authorizeHost}.`)
      reply(res, 200, callbackPage({ ok: false, message: error.message }))
      return finish({ error })
    }
    const code = q.get('code')
    if (!raw && !code) {
      const error = new UserError(
        'sign-in-failed',
        `${authorizeHost} sent the browser back without an authorization code. Please sign in again.`,
      )
      reply(res, 400, callbackPage({ ok: false, message: error.message }))
      return finish({ error })
    }
    reply(res, 200, callbackPage({ ok: true }))
    finish({ answer: q })
  }

  const server: Server = createServer(onRequest)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  let closed = false
  let completing = false

  async function completeRaw(authorizeUrl: string, mode = { oauth: false }): Promise<URLSearchParams> {
    if (completing) throw new Error('complete() may be called only once per authorization')
    raw = !mode.oauth
    completing = true
    authorizeHost = hostOf(authorizeUrl)
    timer = opts.clock.setTimeout(() => {
      finish({
        error: new UserError(
          'sign-in-timeout',
          `Sign-in timed out: the browser did not come back from ${authorizeHost} within ${Math.round(timeoutMs / 60_000)} minutes. Please try again.`,
        ),
      })
    }, timeoutMs)
    try {
      await opts.openUrl(authorizeUrl)
    } catch (error) {
      opts.logger.error('Could not open the sign-in page', { error: String(error) })
      finish({
        error: new UserError(
          'open-url-failed',
          `Crosstalk could not open the sign-in page in a browser: ${error instanceof Error ? error.message : String(error)}`,
        ),
      })
    }
    return result
  }

  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    state,
    codeVerifier,
    codeChallenge,
    async complete(authorizeUrl) {
      return (await completeRaw(authorizeUrl, { oauth: true })).get('code')!
    },
    completeRaw,
    close() {
      if (closed) return
      closed = true
      finish({ error: new UserError('sign-in-closed', 'Sign-in was stopped.') })
      server.close()
      server.closeAllConnections()
    },
  }
}
