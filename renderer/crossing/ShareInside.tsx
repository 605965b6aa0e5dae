// "Share inside" on an outside item: choose the internal account and group, write a note, tick
// the colleagues it concerns (their mention is the assignment), send through the outbox.
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { createPortal } from 'react-dom'
import type { ColumnTarget, Item } from '../../preload/model'
import { useServices, useWorkspace } from '../app-context'
import { Dialog } from '../common/Dialog'
import { errorMessage } from '../common/errors'
import { shareInsideDraft } from './share-inside'

export function ShareInsideButton({ item }: { item: Item }) {
  const [open, setOpen] = useState(false)
  const hasInside = useWorkspace((s) => s.accounts.some((a) => a.side === 'internal' && !a.anonymous))
  if (item.side !== 'external' || !item.url || !hasInside) return null
  return (
    <>
      <button type="button" className="small" onClick={() => setOpen(true)}>
        Share inside
      </button>
      {/* Out of the card: a virtualized column positions (and clips) its rows. */}
      {open && createPortal(<ShareInsideDialog item={item} onClose={() => setOpen(false)} />, document.body)}
    </>
  )
}

function ShareInsideDialog({ item, onClose }: { item: Item; onClose(): void }) {
  const { api, db, stores } = useServices()
  const all = useWorkspace((s) => s.accounts)
  const accounts = useMemo(() => all.filter((a) => a.side === 'internal' && !a.anonymous), [all])
  const networks = useWorkspace((s) => s.networks)
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? '')
  const [groups, setGroups] = useState<ColumnTarget[] | null>(null)
  const [group, setGroup] = useState('')
  const [note, setNote] = useState('')
  const [picked, setPicked] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let live = true
    setGroups(null)
    api
      .invoke('columns.targets', { accountId, kind: 'group' })
      .then((g) => live && (setGroups(g), setGroup(g[0]?.value ?? '')))
      .catch((e: unknown) => live && (setGroups([]), setError(errorMessage(e))))
    return () => {
      live = false
    }
  }, [api, accountId])

  // Colleagues: the people whose posts on this internal network are in the cache.
  const cached = useLiveQuery(() => db.items.where('accountId').equals(accountId).toArray(), [db, accountId], [] as Item[])
  const colleagues = useMemo(() => {
    const seen = new Map<string, string>()
    for (const i of cached) if (!seen.has(i.author.id)) seen.set(i.author.id, i.author.name)
    return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name))
  }, [cached])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    if (!group) return setError('Choose the group to share into.')
    setBusy(true)
    setError(null)
    try {
      const draft = shareInsideDraft(item, {
        accountId,
        group: { id: group, name: groups?.find((g) => g.value === group)?.label },
        note,
        colleagues: colleagues.filter((c) => picked.includes(c.id)),
        networkName: networks.find((n) => n.id === item.network)?.name ?? item.network,
      })
      await api.invoke('outbox.submit', draft)
      stores.ui.getState().pushAlert('Shared inside: it is on its way (see the Outbox).')
      onClose()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title="Share inside" onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <p className="form-note">
          {item.author.name}: “{item.text.slice(0, 140)}
          {item.text.length > 140 ? '…' : ''}”
        </p>
        <label className="field">
          <span>Internal account</span>
          <select aria-label="Internal account" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.handle} · {networks.find((n) => n.id === a.network)?.name ?? a.network}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Group</span>
          <select aria-label="Group" value={group} disabled={!groups} onChange={(e) => setGroup(e.target.value)}>
            {(groups ?? []).map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Note</span>
          <textarea aria-label="Note" value={note} rows={3} onChange={(e) => setNote(e.target.value)} />
        </label>
        {colleagues.length > 0 && (
          <fieldset className="field">
            <legend>Mention (assign to)</legend>
            {colleagues.map((c) => (
              <label key={c.id} className="field-inline">
                <input
                  type="checkbox"
                  checked={picked.includes(c.id)}
                  onChange={(e) => setPicked((p) => (e.target.checked ? [...p, c.id] : p.filter((x) => x !== c.id)))}
                />
                <span>{c.name}</span>
              </label>
            ))}
          </fieldset>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Share
          </button>
        </div>
      </form>
    </Dialog>
  )
}
