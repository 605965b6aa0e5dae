// Plays the browser for tests that do not run Chromium: opens the authorize URL, submits the
// consent form with Authorize (or Deny) and returns where the fake redirected to.
export async function driveConsent(authorizeUrl: string, decision: 'approve' | 'deny' = 'approve'): Promise<URL> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' })
  if (page.status >= 300 && page.status < 400) return new URL(page.headers.get('location') ?? '', authorizeUrl)
  const html = await page.text()
  const form = /<form[^>]*action="([^"]*)"/.exec(html)
  if (!form?.[1]) throw new Error(`No consent form at ${authorizeUrl} (HTTP ${page.status}): ${html.slice(0, 200)}`)
  const fields = new URLSearchParams()
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    fields.set(unescape(m[1]!), unescape(m[2]!))
  fields.set('decision', decision)
  const answer = await fetch(new URL(form[1].replace(/&amp;/g, '&'), authorizeUrl), {
    method: 'POST',
    body: fields,
    redirect: 'manual',
  })
  const location = answer.headers.get('location')
  if (!location) throw new Error(`Consent form did not redirect (HTTP ${answer.status})`)
  return new URL(location)
}

const unescape = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!)
