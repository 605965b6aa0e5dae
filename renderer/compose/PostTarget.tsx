// Where a new Chatter or Viva Engage post goes: the user's own feed, one of their groups, or
// (Chatter) a colleague's profile, found by name.
import { useEffect, useState } from 'react'
import type { Account, ColumnTarget, DraftTarget } from '../../preload/model'
import { useServices } from '../app-context'
import { errorMessage } from '../common/errors'
import { usePeopleSearch } from './use-people-search'

export type TargetChoice = DraftTarget | null

interface Props {
  account: Account
  value: TargetChoice
  onChange(target: TargetChoice): void
}

export function PostTarget({ account, value, onChange }: Props) {
  const { api } = useServices()
  const [groups, setGroups] = useState<ColumnTarget[]>([])
  const [problem, setProblem] = useState<string | null>(null)
  const [profileQuery, setProfileQuery] = useState('')
  const profiles = account.network === 'chatter'
  const [mode, setMode] = useState<'feed' | 'group' | 'profile'>(value?.kind ?? 'feed')

  useEffect(() => {
    let current = true
    api
      .invoke('columns.targets', { accountId: account.id, kind: 'group' })
      .then((found) => current && setGroups(found))
      .catch((e: unknown) => current && setProblem(`Could not list your groups: ${errorMessage(e)}`))
    return () => {
      current = false
    }
  }, [api, account.id])

  const found = usePeopleSearch(mode === 'profile' ? account.id : undefined, profileQuery.trim() || undefined)
  const people = found.people
  const shownProblem = problem ?? (found.problem && `Could not find people: ${found.problem}`)

  const selectValue = value ? `${value.kind}:${value.id}` : mode === 'profile' ? 'profile' : 'feed'
  return (
    <div className="field">
      <label className="field">
        <span>Post to</span>
        <select
          aria-label="Post to"
          value={selectValue}
          onChange={(e) => {
            const v = e.target.value
            if (v === 'feed' || v === 'profile') {
              setMode(v)
              return onChange(null)
            }
            const group = groups.find((g) => `group:${g.value}` === v)
            setMode('group')
            onChange(group ? { kind: 'group', id: group.value, name: group.label } : null)
          }}
        >
          <option value="feed">My feed</option>
          {groups.map((g) => (
            <option key={g.value} value={`group:${g.value}`}>
              Group: {g.label}
            </option>
          ))}
          {profiles && <option value="profile">A colleague&apos;s profile…</option>}
          {value?.kind === 'profile' && <option value={`profile:${value.id}`}>Profile: {value.name ?? value.id}</option>}
        </select>
      </label>
      {mode === 'profile' && !value && (
        <div className="field">
          <input
            aria-label="Colleague's name"
            placeholder="Start typing a name"
            value={profileQuery}
            onChange={(e) => setProfileQuery(e.target.value)}
          />
          {people.length > 0 && (
            <ul className="mention-list" role="listbox" aria-label="Colleagues">
              {people.map((p) => (
                <li
                  key={p.id}
                  role="option"
                  aria-selected={false}
                  onMouseDown={(e) => {
                    e.preventDefault()
                    onChange({ kind: 'profile', id: p.id, name: p.name })
                  }}
                >
                  {p.name}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {shownProblem && <p className="form-note">{shownProblem}</p>}
    </div>
  )
}
