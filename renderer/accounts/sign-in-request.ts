// Turns what the user typed in the Add account dialog into a sign-in request, or says what is missing.
import type { SignInRequest } from '../../preload/contract'
import type { NetworkInfo } from '../../preload/model'

export type LoginHostChoice = 'login' | 'test' | 'my-domain'

export interface SignInForm {
  server: string
  loginHost: LoginHostChoice
  myDomainUrl: string
  clientId: string
}

export const emptySignInForm: SignInForm = { server: '', loginHost: 'login', myDomainUrl: '', clientId: '' }

export type SignInRequestResult = { ok: true; request: SignInRequest } | { ok: false; message: string }

/** Only the fields the network declares are sent. */
export function buildSignInRequest(network: NetworkInfo, form: SignInForm): SignInRequestResult {
  const request: SignInRequest = { network: network.id }
  for (const field of network.signInFields) {
    if (field === 'server') {
      const server = form.server.trim()
      if (!server) return { ok: false, message: `Enter your ${network.name} server, for example mastodon.social.` }
      request.server = server
    } else if (field === 'loginHost') {
      if (form.loginHost === 'my-domain') {
        const url = form.myDomainUrl.trim()
        if (!url) return { ok: false, message: 'Enter your My Domain URL, for example https://yourcompany.my.salesforce.com.' }
        request.loginHost = url
      } else {
        request.loginHost = form.loginHost
      }
    } else if (field === 'clientId') {
      const clientId = form.clientId.trim()
      if (!clientId) return { ok: false, message: "Enter the consumer key of your org's connected app." }
      request.clientId = clientId
    }
  }
  return { ok: true, request }
}
