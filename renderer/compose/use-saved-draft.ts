// Keeps the composer's draft in IndexedDB while the person types, and brings it back when the same
// composer (a new post, a reply to the same item) opens again.
import { useEffect, useRef, useState } from 'react'
import { useServices } from '../app-context'
import { forgetDraft, loadDraft, saveDraft, type SavedDraft } from '../db/drafts'

const SAVE_DELAY_MS = 300

export function useSavedDraft(key: string | undefined, current: SavedDraft, restore: (draft: SavedDraft) => void) {
  const { db, now } = useServices()
  const [restoredAt, setRestoredAt] = useState<number | null>(null)
  // Nothing is saved before the saved draft was looked at: the prefilled text must not overwrite it.
  const [loaded, setLoaded] = useState(key === undefined)
  const restoreRef = useRef(restore)
  useEffect(() => {
    restoreRef.current = restore
  })

  useEffect(() => {
    if (!key) return
    let live = true
    void loadDraft(db, key)
      .then((found) => {
        if (!live) return
        if (found) {
          restoreRef.current({ text: found.text, accountIds: found.accountIds, attachments: found.attachments })
          setRestoredAt(found.savedAt)
        }
      })
      .catch(() => {}) // an unreadable draft store must not block writing
      .finally(() => live && setLoaded(true))
    return () => {
      live = false
    }
  }, [db, key])

  const { text, accountIds, attachments } = current
  useEffect(() => {
    if (!key || !loaded) return
    const timer = setTimeout(
      () => void saveDraft(db, key, { text, accountIds, attachments }, now()).catch(() => {}),
      SAVE_DELAY_MS,
    )
    return () => clearTimeout(timer)
  }, [db, key, loaded, now, text, accountIds, attachments])

  return {
    restoredAt,
    forget: async () => {
      if (key) await forgetDraft(db, key).catch(() => {})
    },
    startOver: async (prefill: string) => {
      restoreRef.current({ text: prefill, accountIds, attachments: [] })
      setRestoredAt(null)
      if (key) await forgetDraft(db, key).catch(() => {})
    },
  }
}
