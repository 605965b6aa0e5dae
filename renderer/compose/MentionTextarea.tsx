// The composer's text box with mention autocomplete: typing "@ad" asks the account's network
// for people (Mastodon account search, Chatter users, Bluesky typeahead, Viva Engage
// autocomplete); picking one writes the mention and remembers whom it names.
import { useId, useRef, useState } from 'react'
import type { Account, Person } from '../../preload/model'
import { insertMention, mentionQueryAt, shownAs, type PickedMention } from './mentions'
import { usePeopleSearch } from './use-people-search'

interface Props {
  label: string
  value: string
  onChange(text: string): void
  /** Suggestions come from this account's network; none when several (or no) accounts are chosen. */
  account: Account | undefined
  onPick(mention: PickedMention): void
}

export function MentionTextarea({ label, value, onChange, account, onPick }: Props) {
  const listId = useId()
  const ref = useRef<HTMLTextAreaElement>(null)
  const [query, setQuery] = useState<{ start: number; query: string } | undefined>()
  const found = usePeopleSearch(account?.id, query?.query)
  const people = query ? found.people : []
  const [active, setActive] = useState(0)
  // A new list of people starts at its first.
  const [shownFor, setShownFor] = useState(found.people)
  if (shownFor !== found.people) {
    setShownFor(found.people)
    setActive(0)
  }
  const problem = found.problem && `No suggestions: ${found.problem}`

  const pick = (person: Person) => {
    const el = ref.current
    if (!account || !query || !el) return
    const shown = shownAs(account.network, person)
    const next = insertMention(value, query.start, el.selectionStart ?? value.length, shown)
    onChange(next.text)
    onPick({ accountId: account.id, shown, person })
    setQuery(undefined)
    requestAnimationFrame(() => {
      el.focus()
      el.setSelectionRange(next.caret, next.caret)
    })
  }

  const open = people.length > 0 && query !== undefined
  return (
    <div className="field mention-field">
      <textarea
        ref={ref}
        aria-label={label}
        rows={6}
        value={value}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          onChange(e.target.value)
          setQuery(mentionQueryAt(e.target.value, e.target.selectionStart ?? e.target.value.length))
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault()
            return e.currentTarget.form?.requestSubmit()
          }
          if (!open) return
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault()
            setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : people.length - 1)) % people.length)
          } else if (e.key === 'Enter' || e.key === 'Tab') {
            e.preventDefault()
            pick(people[active]!)
          } else if (e.key === 'Escape') {
            e.stopPropagation() // closes the suggestions, not the dialog
            setQuery(undefined)
          }
        }}
      />
      {open && (
        <ul className="mention-list" role="listbox" id={listId} aria-label="People to mention">
          {people.map((p, i) => (
            <li
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault() // keep the caret in the text box
                pick(p)
              }}
            >
              <span className="mention-name">{p.name}</span>
              {p.handle && <span className="mention-handle">@{p.handle}</span>}
            </li>
          ))}
        </ul>
      )}
      {problem && <p className="form-note">{problem}</p>}
    </div>
  )
}
