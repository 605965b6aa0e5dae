// Add a column: which account, which kind of column, and its target (a hashtag, a group…).
import { useEffect, useState, type FormEvent } from 'react'
import type { ColumnKind, ColumnTarget } from '../../preload/model'
import { useServices, useWorkspace } from '../app-context'
import { Dialog } from '../common/Dialog'
import { errorMessage } from '../common/errors'

type Targets =
  { state: 'none' } | { state: 'loading' } | { state: 'ready'; choices: ColumnTarget[] } | { state: 'failed'; message: string }

export function AddColumnDialog() {
  const { api, stores } = useServices()
  const accounts = useWorkspace((s) => s.accounts)
  const networks = useWorkspace((s) => s.networks)
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? '')
  const account = accounts.find((a) => a.id === accountId) ?? accounts[0]
  // A public source (no sign-in) offers only the kinds its network shows everyone.
  const allKinds = networks.find((n) => n.id === account?.network)?.columnKinds ?? []
  const kinds = account?.anonymous ? allKinds.filter((k) => k.public) : allKinds
  const [chosenKind, setChosenKind] = useState<ColumnKind | null>(null)
  const kindInfo = kinds.find((k) => k.kind === chosenKind) ?? kinds[0]
  const [target, setTarget] = useState('')
  const [targets, setTargets] = useState<Targets>({ state: 'none' })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const close = () => stores.ui.getState().closeDialog()

  const needsTarget = kindInfo?.target !== undefined
  const kind = kindInfo?.kind
  const targetAccountId = account?.id
  useEffect(() => {
    setTarget('')
    if (!needsTarget || !kind || !targetAccountId) return setTargets({ state: 'none' })
    let current = true
    setTargets({ state: 'loading' })
    api.invoke('columns.targets', { accountId: targetAccountId, kind }).then(
      (choices) => current && setTargets({ state: 'ready', choices }),
      (e: unknown) => current && setTargets({ state: 'failed', message: errorMessage(e) }),
    )
    return () => {
      current = false
    }
  }, [api, needsTarget, kind, targetAccountId])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!account || !kindInfo || busy) return
    const value = target.trim()
    if (kindInfo.target && !value) return setError(`Enter a ${kindInfo.target.label.toLowerCase()}.`)
    setError(null)
    setBusy(true)
    try {
      const column = await api.invoke('columns.add', {
        accountId: account.id,
        kind: kindInfo.kind,
        ...(kindInfo.target ? { target: value } : {}),
      })
      stores.workspace.getState().upsertColumn(column)
      close()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const networkName = (id: string) => networks.find((n) => n.id === id)?.name ?? id
  return (
    <Dialog title="Add column" onClose={close}>
      {accounts.length === 0 ? (
        <p>Add an account first: columns belong to an account.</p>
      ) : (
        <form className="form" onSubmit={(e) => void submit(e)}>
          <label className="field">
            <span>Account</span>
            <select
              aria-label="Account"
              value={account?.id ?? ''}
              onChange={(e) => {
                setAccountId(e.target.value)
                setChosenKind(null)
              }}
            >
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.handle} · {networkName(a.network)}
                  {a.anonymous ? ' (public)' : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Kind</span>
            <select aria-label="Kind" value={kindInfo?.kind ?? ''} onChange={(e) => setChosenKind(e.target.value as ColumnKind)}>
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          {kindInfo?.target && targets.state === 'loading' && <p className="form-note">Loading the choices…</p>}
          {kindInfo?.target && targets.state === 'ready' && targets.choices.length > 0 && (
            <label className="field">
              <span>{kindInfo.target.label}</span>
              <select aria-label={kindInfo.target.label} value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="" disabled>
                  Choose…
                </option>
                {targets.choices.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          {kindInfo?.target && (targets.state === 'failed' || (targets.state === 'ready' && targets.choices.length === 0)) && (
            <label className="field">
              <span>{kindInfo.target.label}</span>
              <input
                type="text"
                aria-label={kindInfo.target.label}
                value={target}
                placeholder={kindInfo.target.placeholder}
                onChange={(e) => setTarget(e.target.value)}
              />
            </label>
          )}
          {targets.state === 'failed' && (
            <p className="form-note">Could not list the choices ({targets.message}); type it instead.</p>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="form-actions">
            <button type="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy || !kindInfo || targets.state === 'loading'}>
              Add
            </button>
          </div>
        </form>
      )}
    </Dialog>
  )
}
