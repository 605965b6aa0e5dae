// The composer: a new post (to one or several accounts, each chosen explicitly), a reply, or an
// unsent outbox entry being edited. It shows each network's own length count, autocompletes
// mentions from the network, asks where a Chatter / Viva Engage post goes, and runs the audience
// guard before anything leaves for outside. What was typed stays until main has it on disk.
import { useEffect, useMemo, useState, type FormEvent } from 'react'
import type { Account, Draft, DraftAttachment, Item, Visibility } from '../../preload/model'
import { measurePost, overBy } from '../../preload/post-length'
import { useOutbox, useServices, useWorkspace } from '../app-context'
import { Dialog } from '../common/Dialog'
import { errorMessage } from '../common/errors'
import { checkAudience, type AudienceWarning } from '../crossing/audience-guard'
import { AudienceWarnings } from '../crossing/AudienceWarnings'
import { answerOutsideDraft } from '../crossing/share-inside'
import { useInsideContext } from '../crossing/use-inside-context'
import type { ComposerRequest } from '../store/ui'
import { AttachmentPicker } from './AttachmentPicker'
import { locateMentions, type PickedMention } from './mentions'
import { MentionTextarea } from './MentionTextarea'
import { PostTarget, type TargetChoice } from './PostTarget'
import { combinedRules } from './stage-file'
import { useSavedDraft } from './use-saved-draft'

/** A Mastodon reply starts by naming whom it answers, as Mastodon's own apps do. */
const replyPrefill = (item: Item | undefined): string =>
  item?.network === 'mastodon' && item.author.handle
    ? `${item.author.handle.startsWith('@') ? '' : '@'}${item.author.handle} `
    : ''

export function ComposerDialog({ request }: { request: ComposerRequest }) {
  const { api, db, stores } = useServices()
  const accounts = useWorkspace((s) => s.accounts)
  const networks = useWorkspace((s) => s.networks)
  const capabilities = useOutbox((s) => s.capabilities)
  const inside = useInsideContext()
  const editing = request.entry
  const [replyTo, setReplyTo] = useState<Item | undefined>(request.replyTo)
  const replyId = replyTo?.id ?? editing?.draft?.replyTo
  useEffect(() => {
    // Editing a failed reply: find what it answers in the cache, to show it.
    if (!replyTo && editing?.draft?.replyTo) void db.items.get(editing.draft.replyTo).then((i) => i && setReplyTo(i))
  }, [db, replyTo, editing])

  // A reply or an edit is fixed to its account; a new post goes to the accounts ticked here.
  const fixedAccountId = editing?.accountId ?? request.replyTo?.accountId
  const choosable = useMemo(() => accounts.filter((a) => !a.anonymous && capabilities[a.id]?.post), [accounts, capabilities])
  const [chosen, setChosen] = useState<string[]>(() =>
    fixedAccountId ? [fixedAccountId] : request.accountId ? [request.accountId] : [],
  )
  const selected = chosen.map((id) => accounts.find((a) => a.id === id)).filter((a): a is Account => a !== undefined)
  const [text, setText] = useState(editing?.draft?.text ?? request.text ?? replyPrefill(request.replyTo))
  const [picked, setPicked] = useState<PickedMention[]>([])
  const [target, setTarget] = useState<TargetChoice>(editing?.draft?.target ?? null)
  const [visibility, setVisibility] = useState<Visibility>(editing?.draft?.visibility ?? 'public')
  const [warning, setWarning] = useState(editing?.draft?.warning ?? '')
  const [guard, setGuard] = useState<AudienceWarning[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [files, setFiles] = useState<DraftAttachment[]>(editing?.draft?.attachments ?? [])
  const [attaching, setAttaching] = useState(false)

  // What is typed is kept (IndexedDB) until main has it: closing, a reload or a crash loses nothing.
  const saved = useSavedDraft(
    editing ? undefined : request.replyTo ? `reply:${request.replyTo.id}` : 'new',
    { text, accountIds: chosen, attachments: files },
    (draft) => {
      setText(draft.text)
      if (!fixedAccountId) setChosen(draft.accountIds.filter((id) => accounts.some((a) => a.id === id)))
      setFiles(draft.attachments)
    },
  )
  const networkName = (a: Account) => networks.find((n) => n.id === a.network)?.name ?? a.network
  const measures = selected.map((a) => ({ account: a, ...measurePost(a.network, text) }))
  const tooLong = measures.some((m) => overBy(m) > 0)
  const single = selected.length === 1 ? selected[0] : undefined
  const hasMastodon = selected.some((a) => a.network === 'mastodon')
  const goesOutside = selected.some((a) => a.side === 'external')
  const rules = combinedRules(selected.map((a) => networks.find((n) => n.id === a.network)?.attachments))
  const title = request.title ?? (editing ? 'Edit unsent post' : replyTo || request.replyTo ? 'Reply' : 'New post')
  const startFrom = request.startFrom ?? []
  const [fromId, setFromId] = useState(startFrom[startFrom.length - 1]?.id ?? '')

  const edit = (next: string) => {
    setText(next)
    setGuard(null)
  }

  const draftFor = (account: Account): Draft => {
    const mentions = locateMentions(text, picked, account.id)
    const base: Draft = { accountId: account.id, text }
    if (replyId) base.replyTo = replyId
    if (mentions.length) base.mentions = mentions
    if (files.length) base.attachments = files
    if (account.network === 'mastodon') {
      base.visibility = visibility
      if (warning.trim()) base.warning = warning.trim()
    }
    if (target && single && !replyId) base.target = target
    return base
  }

  const send = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    if (selected.length === 0) return setError('Choose the account that posts.')
    if (!text.trim() && files.length === 0) return setError('Write something first.')
    if (files.length && !rules) return setError('Not every chosen network takes files: remove them or change the accounts.')
    if (goesOutside) {
      const found = checkAudience({ text }, inside)
      // First press: show what came from inside. Second press (Send anyway): the person decided.
      if (found.length > 0 && guard === null) return setGuard(found)
    }
    setSending(true)
    const failures: string[] = []
    const done: string[] = []
    for (const account of selected) {
      try {
        if (editing) await api.invoke('outbox.update', { entryId: editing.id, draft: draftFor(account) })
        else await api.invoke('outbox.submit', draftFor(account))
        done.push(account.id)
      } catch (err) {
        failures.push(`${account.handle} (${networkName(account)}): ${errorMessage(err)}`)
      }
    }
    setSending(false)
    if (failures.length === 0) {
      await saved.forget()
      stores.ui.getState().pushAlert(`${done.length > 1 ? `${done.length} posts` : 'Your post'} queued (see the Outbox).`)
      return stores.ui.getState().closeComposer()
    }
    // Keep the text and the accounts that did not take it; the others are queued already.
    setChosen((c) => c.filter((id) => !done.includes(id)))
    setError(failures.join('\n'))
  }

  const close = () => stores.ui.getState().closeComposer()
  return (
    <Dialog title={title} onClose={close}>
      <form className="form composer" onSubmit={(e) => void send(e)}>
        {saved.restoredAt !== null && (
          <p className="form-note" role="status">
            Your unsent draft is back.{' '}
            <button type="button" className="link" onClick={() => void saved.startOver(replyPrefill(request.replyTo))}>
              Start over
            </button>
          </p>
        )}
        {replyTo && (
          <p className="form-note">
            Replying to {replyTo.author.name}: “{replyTo.text.slice(0, 140)}”
          </p>
        )}
        {startFrom.length > 0 && request.replyTo && (
          <label className="field">
            <span>Start from</span>
            <select
              aria-label="Start from"
              value={fromId}
              onChange={(e) => {
                setFromId(e.target.value)
                const from = startFrom.find((i) => i.id === e.target.value)
                if (from && request.replyTo) edit(answerOutsideDraft(request.replyTo, request.replyTo.accountId, from).text)
              }}
            >
              {startFrom.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.author.name}: {i.text.slice(0, 60)}
                </option>
              ))}
            </select>
          </label>
        )}
        {fixedAccountId ? (
          <p className="form-note">
            From {selected[0]?.handle ?? fixedAccountId}
            {selected[0] ? ` on ${networkName(selected[0])}` : ''}
          </p>
        ) : (
          <fieldset className="field composer-accounts">
            <legend>Post from</legend>
            {choosable.length === 0 && <p className="form-note">No signed-in account can post.</p>}
            {choosable.map((a) => (
              <label key={a.id} className="check">
                <input
                  type="checkbox"
                  checked={chosen.includes(a.id)}
                  onChange={(e) => {
                    setChosen((c) => (e.target.checked ? [...c, a.id] : c.filter((id) => id !== a.id)))
                    setTarget(null)
                    setGuard(null)
                  }}
                />
                {a.handle} ({networkName(a)})
              </label>
            ))}
          </fieldset>
        )}
        {single && !replyId && (single.network === 'chatter' || single.network === 'yammer') && (
          <PostTarget account={single} value={target} onChange={setTarget} />
        )}
        <MentionTextarea
          label={replyId ? 'Reply text' : 'Post text'}
          value={text}
          onChange={edit}
          account={single}
          onPick={(p) => setPicked((all) => [...all, p])}
        />
        {selected.length > 1 && <p className="form-note">Mention suggestions appear when one account is chosen.</p>}
        <AttachmentPicker rules={rules} files={files} onChange={setFiles} onBusy={setAttaching} />
        <ul className="composer-counters" aria-label="Length">
          {measures.map((m) => (
            <li key={m.account.id} className={overBy(m) > 0 ? 'over' : undefined}>
              {networkName(m.account)}: {m.length}
              {m.max !== undefined ? ` / ${m.max}` : ''}
              {m.unit === 'bytes' ? ' bytes' : ''}
              {overBy(m) > 0 ? ` (${overBy(m)} too long)` : ''}
            </li>
          ))}
        </ul>
        {hasMastodon && (
          <div className="form-row">
            <label className="field">
              <span>Visibility</span>
              <select aria-label="Visibility" value={visibility} onChange={(e) => setVisibility(e.target.value as Visibility)}>
                <option value="public">Public</option>
                <option value="unlisted">Unlisted</option>
                <option value="private">Followers only</option>
                <option value="direct">Mentioned people only</option>
              </select>
            </label>
            <label className="field">
              <span>Content warning</span>
              <input aria-label="Content warning" value={warning} onChange={(e) => setWarning(e.target.value)} />
            </label>
          </div>
        )}
        <AudienceWarnings warnings={guard} />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={sending || attaching || tooLong || selected.length === 0}>
            {guard && guard.length > 0 ? 'Send anyway' : editing ? 'Save and send' : replyId ? 'Send reply' : 'Post'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
