// One side of the workspace: Inside (the company's networks) or Outside (public ones).
import { useMemo } from 'react'
import type { Side } from '../../preload/model'
import { useWorkspace } from '../app-context'
import { Column } from './Column'

const LANES: Record<Side, { name: string; empty: string }> = {
  internal: {
    name: 'Inside',
    empty: "No inside columns yet. Add a Salesforce Chatter account to follow your company's conversation.",
  },
  external: { name: 'Outside', empty: 'No outside columns yet. Add a Mastodon account to follow public conversation.' },
}

export function Lane({ side }: { side: Side }) {
  const columns = useWorkspace((s) => s.columns)
  const accounts = useWorkspace((s) => s.accounts)
  const mine = useMemo(() => {
    const sideOf = new Map(accounts.map((a) => [a.id, a.side]))
    // A column whose account is not known yet is shown outside rather than hidden.
    return columns.filter((c) => (sideOf.get(c.accountId) ?? 'external') === side)
  }, [columns, accounts, side])
  const { name, empty } = LANES[side]
  return (
    <section className={`lane lane-${side}`} aria-label={name} style={{ flexGrow: Math.max(1, mine.length) }}>
      <h2 className="lane-title">{name}</h2>
      {mine.length === 0 ? (
        <p className="lane-empty">{empty}</p>
      ) : (
        <div className="lane-columns">
          {mine.map((c) => (
            <Column key={c.id} column={c} />
          ))}
        </div>
      )}
    </section>
  )
}
