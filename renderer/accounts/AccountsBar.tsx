// The top bar: the app's name, the signed-in accounts (with Sign out), Add account, Add column.
import { useState } from 'react'
import type { Account } from '../../preload/model'
import { useOutbox, useServices, useWorkspace } from '../app-context'
import { Avatar } from '../common/Avatar'
import { useReportingAction } from '../common/use-bridge-action'
import { unsentEntries } from '../store/outbox'

function AccountChip({ account, networkName }: { account: Account; networkName: string }) {
  const { api, stores } = useServices()
  const run = useReportingAction()
  const [confirming, setConfirming] = useState(false)
  // A public source has nothing to sign out of: it is removed, with its columns.
  const verb = account.anonymous ? 'Remove' : 'Sign out'
  const signOut = async () => {
    setConfirming(false)
    const done = await run(`Could not ${verb.toLowerCase()} ${account.handle}`, () =>
      api.invoke('accounts.signOut', { accountId: account.id }),
    )
    if (done) stores.workspace.getState().setAccounts(stores.workspace.getState().accounts.filter((a) => a.id !== account.id))
  }
  return (
    <li className={`account account-${account.side}`} title={`${account.displayName} on ${networkName}`}>
      <Avatar url={account.avatarUrl} name={account.displayName} size={24} />
      <span className="account-handle">{account.handle}</span>
      <span className="account-network">{account.anonymous ? `${networkName} · public` : networkName}</span>
      {account.needsSignIn && <span className="badge badge-warning">sign in again</span>}
      {confirming ? (
        <>
          <button type="button" className="small danger" onClick={() => void signOut()}>
            {account.anonymous ? 'Confirm remove' : 'Confirm sign out'}
          </button>
          <button type="button" className="small" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </>
      ) : (
        <button
          type="button"
          className="small ghost"
          aria-label={`${verb} ${account.handle}`}
          onClick={() => setConfirming(true)}
        >
          {verb}
        </button>
      )}
    </li>
  )
}

export function AccountsBar() {
  const { stores } = useServices()
  const accounts = useWorkspace((s) => s.accounts)
  const networks = useWorkspace((s) => s.networks)
  const unsent = useOutbox((s) => unsentEntries(s.entries).length)
  const canPost = useOutbox((s) => Object.values(s.capabilities).some((c) => c.post))
  return (
    <header className="topbar">
      <h1 className="brand">Crosstalk</h1>
      <ul className="accounts">
        {accounts.map((a) => (
          <AccountChip key={a.id} account={a} networkName={networks.find((n) => n.id === a.network)?.name ?? a.network} />
        ))}
      </ul>
      <div className="topbar-actions">
        <button type="button" onClick={() => stores.ui.getState().openDialog('add-account')}>
          Add account
        </button>
        {canPost && (
          <button type="button" aria-keyshortcuts="n" title="New post (n)" onClick={() => stores.ui.getState().openComposer({})}>
            New post
          </button>
        )}
        {accounts.length > 0 && (
          <button type="button" onClick={() => stores.ui.getState().openDialog('outbox')}>
            Outbox ({unsent})
          </button>
        )}
        {accounts.length > 0 && (
          <button type="button" className="primary" onClick={() => stores.ui.getState().openDialog('add-column')}>
            Add column
          </button>
        )}
      </div>
    </header>
  )
}

export function Welcome() {
  const { stores } = useServices()
  return (
    <div className="welcome">
      <h2>Welcome to Crosstalk</h2>
      <p>
        Follow your company&apos;s inside conversation (Salesforce Chatter) and the public one outside (Mastodon) side by side.
        Start by adding an account: you approve Crosstalk in your browser, and your columns appear here.
      </p>
      <button type="button" className="primary" onClick={() => stores.ui.getState().openDialog('add-account')}>
        Add account
      </button>
    </div>
  )
}
