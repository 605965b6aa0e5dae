// Messages about failed actions (a bridge error, a refused link), and the connection banner.
import { useServices, useUi } from '../app-context'

export function Alerts() {
  const { stores } = useServices()
  const alerts = useUi((s) => s.alerts)
  if (alerts.length === 0) return null
  return (
    <div className="alerts">
      {alerts.map((a) => (
        <div key={a.id} className="alert" role="alert">
          <span>{a.message}</span>
          <button
            type="button"
            className="ghost"
            aria-label="Dismiss message"
            onClick={() => stores.ui.getState().dismissAlert(a.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}

export function ConnectionBanner() {
  const connection = useUi((s) => s.connection)
  if (connection !== 'disconnected') return null
  return (
    <div className="banner" role="alert">
      Crosstalk main process unreachable. Showing what was saved; reconnecting…
    </div>
  )
}
