// Turns what the user typed in the Add account dialog into a sign-in request, or says what is missing.
import type { SignInRequest } from '../../preload/contract'
import type { NetworkInfo, SignInField } from '../../preload/model'

export type LoginHostChoice = 'login' | 'test' | 'my-domain'

export interface SignInForm {
  server: string
  loginHost: LoginHostChoice
  myDomainUrl: string
  clientId: string
  tenant: string
  identifier: string
  password: string
  /** Public columns only, without signing in (networks whose access allows it). */
  anonymous: boolean
}

export const emptySignInForm: SignInForm = {
  server: '',
  loginHost: 'login',
  myDomainUrl: '',
  clientId: '',
  tenant: '',
  identifier: '',
  password: '',
  anonymous: false,
}

const DEFAULT_LABELS: Record<SignInField, string> = {
  server: 'Server',
  loginHost: 'Login host',
  clientId: 'Client ID',
  tenant: 'Tenant',
  identifier: 'User name',
  password: 'Password',
}

/** The label a network gives a field, or the default one. */
export const fieldLabel = (network: NetworkInfo, field: SignInField): string =>
  network.fieldLabels?.[field]?.label ?? DEFAULT_LABELS[field]

export const fieldPlaceholder = (network: NetworkInfo, field: SignInField): string | undefined =>
  network.fieldLabels?.[field]?.placeholder

/** Whether this form adds public columns only (always for RSS; by choice where the network allows it). */
export const isAnonymous = (network: NetworkInfo, form: SignInForm): boolean =>
  network.access === 'public' || (network.access === 'account-or-public' && form.anonymous)

/** The fields the dialog shows for this network and mode. */
export const visibleFields = (network: NetworkInfo, form: SignInForm): SignInField[] =>
  isAnonymous(network, form) ? (network.publicFields ?? []) : network.signInFields

export type SignInRequestResult = { ok: true; request: SignInRequest } | { ok: false; message: string }

/** Only the fields the network declares (for the chosen mode) are sent. */
export function buildSignInRequest(network: NetworkInfo, form: SignInForm): SignInRequestResult {
  const request: SignInRequest = { network: network.id }
  if (isAnonymous(network, form)) request.anonymous = true
  for (const field of visibleFields(network, form)) {
    if (field === 'loginHost') {
      if (form.loginHost === 'my-domain') {
        const url = form.myDomainUrl.trim()
        if (!url) return { ok: false, message: 'Enter your My Domain URL, for example https://yourcompany.my.salesforce.com.' }
        request.loginHost = url
      } else {
        request.loginHost = form.loginHost
      }
      continue
    }
    // A password is sent as typed; everything else is trimmed.
    const value = field === 'password' ? form.password : form[field].trim()
    if (!value.trim()) {
      const example = fieldPlaceholder(network, field)
      return {
        ok: false,
        message: `Enter the ${fieldLabel(network, field).toLowerCase()}${example ? `, for example ${example}` : ''}.`,
      }
    }
    request[field] = value
  }
  return { ok: true, request }
}
