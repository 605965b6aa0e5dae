// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { createSanitizer } from '../../../../renderer/common/sanitize'

const sanitizer = createSanitizer(window)
const parse = (html: string) => {
  const div = document.createElement('div')
  div.innerHTML = sanitizer.sanitize(html)
  return div
}

describe('createSanitizer', () => {
  it('removes scripts, event handlers, styles and frames', () => {
    const out = parse(
      '<p onclick="x()">Hi<script>alert(1)</script><img src=x onerror="alert(2)"><style>p{}</style><iframe src="https://e.example"></iframe><b style="color:red">bold</b></p>',
    )
    expect(out.querySelector('script, img, style, iframe')).toBeNull()
    expect(out.innerHTML).not.toMatch(/onclick|onerror|alert|style=/)
    expect(out.querySelector('b')?.textContent).toBe('bold')
    expect(out.textContent).toBe('Hibold')
  })

  it('drops javascript: and data: links but keeps the text', () => {
    const out = parse('<a href="javascript:alert(1)">bad</a> <a href="data:text/html,x">worse</a>')
    const links = [...out.querySelectorAll('a')]
    expect(links.map((a) => a.getAttribute('href'))).toEqual([null, null])
    expect(out.textContent).toBe('bad worse')
  })

  it('keeps web links, without target, marked noopener', () => {
    const out = parse('<p>See <a href="https://social.example/@bob" target="_blank" class="u-url mention evil">@bob</a></p>')
    const a = out.querySelector('a')!
    expect(a.getAttribute('href')).toBe('https://social.example/@bob')
    expect(a.hasAttribute('target')).toBe(false)
    expect(a.getAttribute('rel')).toBe('noopener noreferrer')
    expect(a.getAttribute('class')).toBe('u-url mention')
  })

  it('keeps basic formatting', () => {
    const out = parse('<p>one<br>two</p><ul><li><em>x</em></li></ul><blockquote><code>y</code></blockquote>')
    expect(out.querySelectorAll('p, br, ul, li, em, blockquote, code')).toHaveLength(7)
  })
})
