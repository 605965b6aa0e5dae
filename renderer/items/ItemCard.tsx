// One post, as a card: who, when, what (sanitized), counts, attachments, and what you can do.
import type { Item } from '../../preload/model'
import { useServices } from '../app-context'
import { Avatar } from '../common/Avatar'
import { formatAge, formatFull } from '../common/time'
import { useReportingAction } from '../common/use-bridge-action'
import { InsideBadge } from '../crossing/InsideLinks'
import { ShareInsideButton } from '../crossing/ShareInside'
import { ItemActions } from './ItemActions'
import { ItemContent } from './ItemContent'

interface ItemCardProps {
  item: Item
  now: number
  /** Highlighted as the post a thread was opened from. */
  focused?: boolean
  /** Hidden inside the thread panel, where the thread is already open. */
  showThreadButton?: boolean
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

const handleText = (item: Item): string | undefined => {
  const h = item.author.handle
  if (!h) return undefined
  return item.network === 'mastodon' && !h.startsWith('@') ? `@${h}` : h
}

export function ItemCard({ item, now, focused = false, showThreadButton = true }: ItemCardProps) {
  const { api, stores } = useServices()
  const run = useReportingAction()
  const open = (url: string) => void run('Could not open the link', () => api.invoke('links.open', { url }))
  const handle = handleText(item)
  const counts = item.counts
  const images = item.attachments?.filter((a) => a.type === 'image') ?? []
  const others = item.attachments?.filter((a) => a.type !== 'image') ?? []

  return (
    <article
      className={`card${focused ? ' card-focused' : ''}`}
      aria-label={`Post by ${item.author.name}`}
      aria-current={focused || undefined}
    >
      {item.repostedBy && <p className="card-reposted">⟳ {item.repostedBy.name} reposted</p>}
      <header className="card-header">
        <Avatar url={item.author.avatarUrl} name={item.author.name} />
        <div className="card-who">
          <span className="card-author">{item.author.name}</span>
          {handle && <span className="card-handle">{handle}</span>}
        </div>
        <time className="card-time" dateTime={item.createdAt} title={formatFull(item.createdAt)}>
          {formatAge(item.createdAt, now)}
        </time>
      </header>
      {item.group && <span className="badge badge-group">{item.group.name}</span>}
      {item.moderation && item.moderation !== 'approved' && <span className="badge badge-warning">{item.moderation}</span>}
      <ItemContent item={item} />
      {images.length > 0 && (
        <div className="card-images">
          {images.map((a) => (
            <button
              key={a.url}
              type="button"
              className="thumb"
              onClick={() => open(a.url)}
              aria-label={`Open image${a.description ? `: ${a.description}` : ''}`}
            >
              <img
                src={a.previewUrl ?? a.url}
                alt={a.description ?? 'Image attachment'}
                loading="lazy"
                referrerPolicy="no-referrer"
              />
            </button>
          ))}
        </div>
      )}
      {others.length > 0 && (
        <ul className="card-files">
          {others.map((a) => (
            <li key={a.url}>
              <button type="button" className="link" onClick={() => open(a.url)}>
                {a.description ?? `Open ${a.type} attachment`}
              </button>
            </li>
          ))}
        </ul>
      )}
      <footer className="card-footer">
        {counts && (
          <span className="card-counts">
            {counts.replies !== undefined && (
              <span aria-label={plural(counts.replies, 'reply', 'replies')}>↩ {counts.replies}</span>
            )}
            {counts.reposts !== undefined && (
              <span aria-label={plural(counts.reposts, 'repost', 'reposts')}>⟳ {counts.reposts}</span>
            )}
            {counts.likes !== undefined && <span aria-label={plural(counts.likes, 'like', 'likes')}>♥ {counts.likes}</span>}
          </span>
        )}
        <ItemActions item={item} />
        <span className="card-actions">
          <InsideBadge item={item} />
          <ShareInsideButton item={item} />
          {showThreadButton && (
            <button
              type="button"
              className="small"
              aria-label="Open thread"
              onClick={() => stores.ui.getState().openThread(item.id)}
            >
              Thread
            </button>
          )}
          {item.url && (
            <button type="button" className="small" onClick={() => open(item.url!)}>
              Open original
            </button>
          )}
        </span>
      </footer>
    </article>
  )
}
