import { describe, expect, it } from 'vitest'
import { MAX_ARGS_BYTES, type Handlers } from '../../../../../preload/contract'
import { createDispatcher } from '../../../../../main/core/bridge/dispatcher'
import { NetworkFailure, UserError } from '../../../../../main/core/errors'
import { account, createStandInCore, recordingLogger } from './stand-in-core'

function setup(overrides: Partial<Handlers> = {}) {
  const core = createStandInCore()
  const logger = recordingLogger()
  const dispatcher = createDispatcher({ ...core.handlers, ...overrides }, { logger })
  return { core, logger, dispatcher }
}

describe('dispatcher: well-formed calls', () => {
  it('parses the arguments, calls the handler and returns its result', async () => {
    const { core, dispatcher } = setup()
    const envelope = await dispatcher.dispatch('columns.add', { accountId: 'a1', kind: 'home', title: '  Home  ' })
    expect(envelope).toEqual({ ok: true, result: { id: 'c1', accountId: 'a1', kind: 'home', title: 'Home' } })
    // The handler saw the parsed (trimmed) arguments.
    expect(core.calls).toEqual([{ method: 'columns.add', args: { accountId: 'a1', kind: 'home', title: 'Home' } }])
  })

  it('strips keys the result schema does not declare, so a token never crosses', async () => {
    const { dispatcher } = setup({
      'accounts.list': async () => [{ ...account, accessToken: 'secret-token', refreshToken: 'r' }] as never,
    })
    const envelope = await dispatcher.dispatch('accounts.list', {})
    expect(envelope).toEqual({ ok: true, result: [account] })
    expect(JSON.stringify(envelope)).not.toContain('secret-token')
  })

  it('refuses a result that does not match the contract and logs it', async () => {
    const { dispatcher, logger } = setup({ 'accounts.list': async () => [{ id: 1 }] as never })
    const envelope = await dispatcher.dispatch('accounts.list', {})
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('Something went wrong in Crosstalk') },
    })
    expect(logger.lines.some((l) => l.level === 'error' && l.message.includes('accounts.list'))).toBe(true)
  })
})

describe('dispatcher: malformed calls are refused before any handler runs', () => {
  it('refuses an unknown method', async () => {
    const { core, dispatcher } = setup()
    for (const method of ['accounts.steal', 'constructor', '__proto__', 'toString', 42, undefined, null]) {
      const envelope = await dispatcher.dispatch(method, {})
      expect(envelope.ok).toBe(false)
      if (!envelope.ok) expect(envelope.error.code).toBe('unknown-method')
    }
    expect(core.calls).toEqual([])
  })

  it('refuses extra keys on a strict schema', async () => {
    const { core, dispatcher } = setup()
    const envelope = await dispatcher.dispatch('accounts.signOut', { accountId: 'a1', force: true })
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'invalid-arguments', message: expect.stringContaining('accounts.signOut') },
    })
    if (!envelope.ok) expect(envelope.error.message).toMatch(/force/)
    expect(core.calls).toEqual([])
  })

  it('refuses wrong types and missing arguments with a message naming the field', async () => {
    const { core, dispatcher } = setup()
    const wrongType = await dispatcher.dispatch('threads.fetch', { itemId: 7 })
    expect(wrongType.ok).toBe(false)
    if (!wrongType.ok) {
      expect(wrongType.error.code).toBe('invalid-arguments')
      expect(wrongType.error.message).toContain('itemId')
    }
    const missing = await dispatcher.dispatch('app.ready', undefined)
    expect(missing.ok).toBe(false)
    if (!missing.ok) expect(missing.error.code).toBe('invalid-arguments')
    const badEnum = await dispatcher.dispatch('accounts.signIn', { network: 'myspace' })
    expect(badEnum.ok).toBe(false)
    if (!badEnum.ok) expect(badEnum.error.message).toContain('network')
    expect(core.calls).toEqual([])
  })

  it('refuses arguments larger than MAX_ARGS_BYTES', async () => {
    const { core, dispatcher } = setup()
    const envelope = await dispatcher.dispatch('links.open', { url: 'x'.repeat(MAX_ARGS_BYTES + 1) })
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'too-large', message: expect.stringContaining(String(MAX_ARGS_BYTES)) },
    })
    expect(core.calls).toEqual([])
  })

  it('refuses arguments that are not plain data', async () => {
    const { dispatcher } = setup()
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    const envelope = await dispatcher.dispatch('links.open', cyclic)
    expect(envelope.ok).toBe(false)
    if (!envelope.ok) expect(envelope.error.code).toBe('invalid-arguments')
  })
})

describe('dispatcher: errors thrown by handlers', () => {
  it('passes a UserError through with its code and message', async () => {
    const { dispatcher } = setup({
      'columns.remove': async () => {
        throw new UserError('unknown-column', 'That column is no longer open.')
      },
    })
    expect(await dispatcher.dispatch('columns.remove', { columnId: 'c9' })).toEqual({
      ok: false,
      error: { code: 'unknown-column', message: 'That column is no longer open.' },
    })
  })

  it('maps a NetworkFailure to its kind', async () => {
    const { dispatcher } = setup({
      'threads.fetch': async () => {
        throw new NetworkFailure('rate-limited', 'example.social asks us to slow down.')
      },
    })
    expect(await dispatcher.dispatch('threads.fetch', { itemId: 'a/1' })).toEqual({
      ok: false,
      error: { code: 'rate-limited', message: 'example.social asks us to slow down.' },
    })
  })

  it('logs anything else and reports it as internal', async () => {
    const { dispatcher, logger } = setup({
      'networks.list': async () => {
        throw new TypeError('boom')
      },
    })
    expect(await dispatcher.dispatch('networks.list', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong in Crosstalk: boom' },
    })
    expect(logger.lines).toEqual([expect.objectContaining({ level: 'error', message: 'networks.list failed' })])
  })
})

describe('dispatcher: events', () => {
  it('parses a known event and strips undeclared keys', () => {
    const { dispatcher } = setup()
    const prepared = dispatcher.prepareEvent('accounts.changed', [{ ...account, accessToken: 't' }])
    expect(prepared).toEqual({ event: 'accounts.changed', payload: [account] })
  })

  it('throws for an unknown event or a malformed payload', () => {
    const { dispatcher } = setup()
    expect(() => dispatcher.prepareEvent('tokens.leaked', {})).toThrow(/Unknown event "tokens.leaked"/)
    expect(() => dispatcher.prepareEvent('open-url', { url: 5 })).toThrow(/Malformed "open-url" event: url/)
  })
})
