// Sign in to a network: pick it, fill the fields it declares, then approve in the browser.
import { useState, type FormEvent } from 'react'
import type { NetworkId } from '../../preload/model'
import { useServices, useUi, useWorkspace } from '../app-context'
import { Dialog } from '../common/Dialog'
import { errorMessage } from '../common/errors'
import {
  buildSignInRequest,
  emptySignInForm,
  fieldLabel,
  fieldPlaceholder,
  isAnonymous,
  visibleFields,
  type LoginHostChoice,
  type SignInForm,
} from './sign-in-request'

export function AddAccountDialog() {
  const { api, stores } = useServices()
  const networks = useWorkspace((s) => s.networks)
  const signInUrl = useUi((s) => s.signInUrl)
  const [chosen, setChosen] = useState<NetworkId | null>(null)
  const [form, setForm] = useState<SignInForm>(emptySignInForm)
  const [waiting, setWaiting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const network = networks.find((n) => n.id === chosen) ?? networks[0]
  const close = () => stores.ui.getState().closeDialog()
  const update = (patch: Partial<SignInForm>) => setForm((f) => ({ ...f, ...patch }))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!network || waiting) return
    const built = buildSignInRequest(network, form)
    if (!built.ok) return setError(built.message)
    setError(null)
    setWaiting(true)
    stores.ui.getState().setSignInUrl(null)
    try {
      const account = await api.invoke('accounts.signIn', built.request)
      stores.workspace.getState().upsertAccount(account)
      if (stores.ui.getState().dialog === 'add-account') close()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setWaiting(false)
    }
  }

  const fields = network ? visibleFields(network, form) : []
  const anonymous = network ? isAnonymous(network, form) : false
  return (
    <Dialog title="Add account" onClose={close}>
      {networks.length === 0 ? (
        <p>Asking Crosstalk which networks it supports…</p>
      ) : (
        <form className="form" onSubmit={(e) => void submit(e)}>
          <label className="field">
            <span>Network</span>
            <select
              aria-label="Network"
              value={network?.id ?? ''}
              onChange={(e) => setChosen(e.target.value as NetworkId)}
              disabled={waiting}
            >
              {networks.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name}
                </option>
              ))}
            </select>
          </label>
          {network?.access === 'account-or-public' && (
            <label className="field field-inline">
              <input
                type="checkbox"
                checked={form.anonymous}
                disabled={waiting}
                onChange={(e) => update({ anonymous: e.target.checked })}
              />
              <span>Without signing in (public columns only)</span>
            </label>
          )}
          {network &&
            fields.map((field) =>
              field === 'loginHost' ? (
                <LoginHostFields key={field} form={form} waiting={waiting} update={update} />
              ) : (
                <label className="field" key={field}>
                  <span>{fieldLabel(network, field)}</span>
                  <input
                    aria-label={fieldLabel(network, field)}
                    type={field === 'password' ? 'password' : 'text'}
                    value={form[field]}
                    placeholder={fieldPlaceholder(network, field)}
                    autoComplete={field === 'password' ? 'current-password' : 'off'}
                    spellCheck={false}
                    disabled={waiting}
                    onChange={(e) => update({ [field]: e.target.value })}
                  />
                </label>
              ),
            )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          {waiting && (
            <div className="form-waiting">
              <p>Waiting for you to approve Crosstalk in your browser…</p>
              {signInUrl && (
                <p>
                  Nothing opened?{' '}
                  <a href={signInUrl} target="_blank" rel="noopener noreferrer">
                    Open the sign-in page
                  </a>
                </p>
              )}
            </div>
          )}
          <div className="form-actions">
            <button type="button" onClick={close}>
              {waiting ? 'Close' : 'Cancel'}
            </button>
            <button type="submit" className="primary" disabled={waiting}>
              {anonymous ? 'Add' : 'Sign in'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  )
}

/** Chatter's login host: production, sandbox, or the org's My Domain URL. */
function LoginHostFields(props: { form: SignInForm; waiting: boolean; update: (patch: Partial<SignInForm>) => void }) {
  const { form, waiting, update } = props
  return (
    <>
      <label className="field">
        <span>Login host</span>
        <select
          aria-label="Login host"
          value={form.loginHost}
          disabled={waiting}
          onChange={(e) => update({ loginHost: e.target.value as LoginHostChoice })}
        >
          <option value="login">Production</option>
          <option value="test">Sandbox</option>
          <option value="my-domain">My Domain</option>
        </select>
      </label>
      {form.loginHost === 'my-domain' && (
        <label className="field">
          <span>My Domain URL</span>
          <input
            type="url"
            value={form.myDomainUrl}
            placeholder="https://yourcompany.my.salesforce.com"
            disabled={waiting}
            onChange={(e) => update({ myDomainUrl: e.target.value })}
          />
        </label>
      )}
    </>
  )
}
