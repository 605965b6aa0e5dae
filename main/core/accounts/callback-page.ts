// The small page the browser shows when it comes back to our loopback listener.
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

export function callbackPage(outcome: { ok: true } | { ok: false; message: string }): string {
  const title = outcome.ok ? 'Signed in to Crosstalk' : 'Sign-in did not finish'
  const body = outcome.ok ? 'You are signed in to Crosstalk, you can close this tab.' : outcome.message
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.3rem}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body>
</html>
`
}
