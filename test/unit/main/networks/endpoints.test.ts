import { describe, expect, it } from 'vitest'
import { parseEndpointOverrides, resolveEndpoints } from '../../../../main/networks/endpoints'

describe('endpoint overrides (CROSSTALK_ENDPOINTS)', () => {
  it('absent or empty means the real hosts', () => {
    expect(parseEndpointOverrides(undefined)).toEqual({})
    expect(parseEndpointOverrides('  ')).toEqual({})
    expect(resolveEndpoints('x', { api: 'https://api.x.com' }, {})).toEqual({ api: 'https://api.x.com' })
  })

  it('applies a network’s overrides without a trailing slash', () => {
    const o = parseEndpointOverrides('{"x":{"api":"http://127.0.0.1:4000/"}}')
    expect(resolveEndpoints('x', { api: 'https://api.x.com', auth: 'https://x.com' }, o)).toEqual({
      api: 'http://127.0.0.1:4000',
      auth: 'https://x.com',
    })
  })

  it('refuses bad JSON, unknown networks, non-http URLs and unknown keys with a clear message', () => {
    expect(() => parseEndpointOverrides('{x')).toThrow('CROSSTALK_ENDPOINTS is not valid JSON.')
    expect(() => parseEndpointOverrides('{"myspace":{"api":"http://a"}}')).toThrow(/CROSSTALK_ENDPOINTS: .*myspace/)
    expect(() => parseEndpointOverrides('{"x":{"api":"file:///etc/passwd"}}')).toThrow(/x\.api must be an http or https URL/)
    const o = parseEndpointOverrides('{"x":{"apy":"http://127.0.0.1:1"}}')
    expect(() => resolveEndpoints('x', { api: 'https://api.x.com' }, o)).toThrow(
      'CROSSTALK_ENDPOINTS: x has no endpoint "apy" (it has api).',
    )
  })
})
