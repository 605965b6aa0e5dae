import { useState } from 'react'

interface AvatarProps {
  url?: string
  name: string
  size?: number
}

/** A round picture of a person, or their initials when there is none (or it fails to load). */
export function Avatar({ url, name, size = 36 }: AvatarProps) {
  const [failed, setFailed] = useState(false)
  const style = { width: size, height: size }
  if (url && !failed) {
    return (
      <img
        className="avatar"
        src={url}
        alt={name}
        style={style}
        loading="lazy"
        referrerPolicy="no-referrer"
        onError={() => setFailed(true)}
      />
    )
  }
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('')
  return (
    <span className="avatar avatar-initials" role="img" aria-label={name} style={style}>
      {initials || '?'}
    </span>
  )
}
