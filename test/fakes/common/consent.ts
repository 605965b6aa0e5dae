// A real consent page: a form with Authorize and Deny buttons that posts back to the fake,
// which then redirects the browser to the app's redirect_uri (code or error, with state).
const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

export function consentPage(p: {
  title: string
  appName: string
  scopes: string
  action: string
  hidden: Record<string, string>
}): string {
  const fields = Object.entries(p.hidden)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('\n      ')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(p.title)}</title></head>
<body>
  <main>
    <h1>${esc(p.title)}</h1>
    <p><strong>${esc(p.appName)}</strong> would like to access your account.</p>
    <p>Scopes: <code>${esc(p.scopes)}</code></p>
    <form method="post" action="${esc(p.action)}">
      ${fields}
      <button type="submit" name="decision" value="approve">Authorize</button>
      <button type="submit" name="decision" value="deny">Deny</button>
    </form>
  </main>
</body></html>`
}

/** Where the consent form sends the browser next. */
export function consentRedirect(
  redirectUri: string,
  params: Record<string, string>,
): { status: number; headers: Record<string, string> } {
  const target = new URL(redirectUri)
  for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v)
  return { status: 302, headers: { location: target.toString() } }
}
