// Keyboard shortcuts, TweetDeck style: "n" writes a new post (when no text field has the focus
// and no dialog is open). In the composer, Ctrl+Enter (⌘+Enter) sends.
import { useEffect } from 'react'
import { useServices } from '../app-context'

const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

export function useShortcuts(): void {
  const { stores } = useServices()
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return
      const ui = stores.ui.getState()
      if (ui.dialog || ui.composer) return
      if (e.key === 'n') {
        const canPost = Object.values(stores.outbox.getState().capabilities).some((c) => c.post)
        if (!canPost) return
        e.preventDefault()
        ui.openComposer({})
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [stores])
}
