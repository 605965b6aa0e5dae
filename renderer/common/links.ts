/** Only web links may leave the app (main checks again before opening the system browser). */
export function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' || u.protocol === 'http:'
  } catch {
    return false
  }
}
