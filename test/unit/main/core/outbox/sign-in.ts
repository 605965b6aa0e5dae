// Signing in to a fake network without a browser, for the write tests: a SignInContext whose
// loopback step drives the fake's consent page (Authorize) and checks state, as the core does.
import * as oauth from 'oauth4webapi'
import type { Account } from '../../../../../preload/model'
import type { Credentials, CredentialsHandle, NetworkDefinition, SignInContext } from '../../../../../main/networks/types'
import type { Http } from '../../../../../main/core/http/client'
import type { SignInRequest } from '../../../../../preload/contract'
import { driveConsent } from '../../../../fakes/common/consent-driver'

export function consentContext(http: Http): SignInContext {
  return {
    http,
    async beginAuthorization() {
      const codeVerifier = oauth.generateRandomCodeVerifier()
      const state = oauth.generateRandomState()
      return {
        redirectUri: 'http://127.0.0.1:53682/callback',
        state,
        codeVerifier,
        codeChallenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
        async complete(url) {
          const back = await driveConsent(url, 'approve')
          if (back.searchParams.get('state') !== state) throw new Error('state mismatch')
          const code = back.searchParams.get('code')
          if (!code) throw new Error(`no code: ${back.searchParams.get('error') ?? back.toString()}`)
          return code
        },
        close() {},
      }
    },
  }
}

/** Signs in and returns the account with an in-memory credentials handle. */
export async function signInTo(
  network: NetworkDefinition,
  http: Http,
  request: SignInRequest,
): Promise<{ account: Account; credentials: CredentialsHandle & { current(): Credentials } }> {
  const result = await network.signIn(consentContext(http), request)
  let value = result.credentials
  return {
    account: result.account,
    credentials: {
      get: async () => ({ ...value }),
      set: async (c) => {
        value = { ...c }
      },
      current: () => value,
    },
  }
}
