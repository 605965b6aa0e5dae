// The body of a post: sanitized network HTML (or plain text), behind its content warning if any.
// Links inside the HTML never navigate: one click handler sends web links to links.open.
import { useMemo, useState, type MouseEvent } from 'react'
import type { Item } from '../../preload/model'
import { useServices } from '../app-context'
import { isWebUrl } from '../common/links'
import { useReportingAction } from '../common/use-bridge-action'

export function ItemContent({ item }: { item: Item }) {
  const { api, sanitizer } = useServices()
  const run = useReportingAction()
  const [revealed, setRevealed] = useState(false)
  const html = useMemo(() => (item.html ? sanitizer.sanitize(item.html) : null), [item.html, sanitizer])

  const onLinkClick = (e: MouseEvent<HTMLElement>) => {
    const anchor = (e.target as Element).closest('a')
    if (!anchor) return
    e.preventDefault()
    const href = anchor.getAttribute('href')
    if (href && isWebUrl(href)) void run('Could not open the link', () => api.invoke('links.open', { url: href }))
  }

  const body = html ? (
    <div className="content" dangerouslySetInnerHTML={{ __html: html }} onClick={onLinkClick} onAuxClick={onLinkClick} />
  ) : (
    <p className="content content-text">{item.text}</p>
  )

  if (!item.warning) return body
  return (
    <div className="warning">
      <p className="warning-text">
        <span>{item.warning}</span>
        <button type="button" className="small" aria-expanded={revealed} onClick={() => setRevealed((r) => !r)}>
          {revealed ? 'Hide' : 'Show'}
        </button>
      </p>
      {revealed && body}
    </div>
  )
}
