// The whole window: top bar, messages, the two lanes, and whatever dialog or thread is open.
import { AccountsBar, Welcome } from './accounts/AccountsBar'
import { AddAccountDialog } from './accounts/AddAccountDialog'
import { useUi, useWorkspace } from './app-context'
import { Alerts, ConnectionBanner } from './common/Alerts'
import { useShortcuts } from './common/use-shortcuts'
import { AddColumnDialog } from './columns/AddColumnDialog'
import { Lane } from './columns/Lane'
import { ComposerDialog } from './compose/ComposerDialog'
import { InsideLinksProvider } from './crossing/InsideLinks'
import { OutboxDialog } from './outbox/OutboxDialog'
import { ThreadPanel } from './thread/ThreadPanel'

export function App() {
  const hydrated = useUi((s) => s.hydrated)
  const dialog = useUi((s) => s.dialog)
  const threadFocusId = useUi((s) => s.threadFocusId)
  const composer = useUi((s) => s.composer)
  useShortcuts()
  const hasAccounts = useWorkspace((s) => s.accounts.length > 0)
  return (
    <div className="app">
      <AccountsBar />
      <ConnectionBanner />
      <Alerts />
      {hydrated && !hasAccounts && <Welcome />}
      <InsideLinksProvider>
        <div className="workspace">
          <main className="lanes">
            <Lane side="internal" />
            <Lane side="external" />
          </main>
          {threadFocusId && <ThreadPanel key={threadFocusId} focusId={threadFocusId} />}
        </div>
      </InsideLinksProvider>
      {dialog === 'add-account' && <AddAccountDialog />}
      {dialog === 'add-column' && <AddColumnDialog />}
      {dialog === 'outbox' && <OutboxDialog />}
      {composer && <ComposerDialog key={composer.entry?.id ?? composer.replyTo?.id ?? 'new'} request={composer} />}
    </div>
  )
}
