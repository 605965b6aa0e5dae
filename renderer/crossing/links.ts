// Which internal threads discuss an outside item: internal posts whose origin line names the
// item's public link. Rebuilt from the cache, so it survives restarts and other machines.
import type { Item } from '../../preload/model'
import { sharedOrigin } from './share-inside'

export interface InsideDiscussion {
  /** The internal post that shared it (open its thread). */
  internalItemId: string
  threadId: string
}

/** url of an outside original → the internal posts that shared it. */
export function indexDiscussions(internalItems: readonly Item[]): Map<string, InsideDiscussion[]> {
  const index = new Map<string, InsideDiscussion[]>()
  for (const item of internalItems) {
    if (item.side !== 'internal') continue
    const url = sharedOrigin(item.text)
    if (!url) continue
    const list = index.get(url) ?? []
    if (!list.some((d) => d.internalItemId === item.id))
      list.push({ internalItemId: item.id, threadId: item.threadId ?? item.id })
    index.set(url, list)
  }
  return index
}
