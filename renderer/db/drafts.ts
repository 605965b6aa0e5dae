// The composer's unsent drafts: saved as the person types, restored when the same composer opens
// again, forgotten once main has the post in its outbox.
import type { CrosstalkDb, SavedDraftRow } from './database'

export type SavedDraft = Omit<SavedDraftRow, 'key' | 'savedAt'>

export async function saveDraft(db: CrosstalkDb, key: string, draft: SavedDraft, now: number): Promise<void> {
  if (draft.text.trim() === '' && draft.attachments.length === 0) await db.drafts.delete(key)
  else await db.drafts.put({ key, ...draft, savedAt: now })
}

export const loadDraft = (db: CrosstalkDb, key: string): Promise<SavedDraftRow | undefined> => db.drafts.get(key)

export const forgetDraft = (db: CrosstalkDb, key: string): Promise<void> => db.drafts.delete(key)
