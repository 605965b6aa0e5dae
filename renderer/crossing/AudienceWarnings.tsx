// What the audience guard found, shown before the second ("Send anyway") press.
import { describeWarning, type AudienceWarning } from './audience-guard'

export function AudienceWarnings({ warnings }: { warnings: AudienceWarning[] | null }) {
  if (!warnings || warnings.length === 0) return null
  return (
    <div className="form-error" role="alert">
      <p>This is going outside, and it carries something from inside:</p>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>{describeWarning(w)}</li>
        ))}
      </ul>
    </div>
  )
}
