import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CliError, defaultDataDir, parseWebCliArgs } from '../../../../main/web/cli-args'

const env = { XDG_DATA_HOME: '/xdg' }

describe('web host command line', () => {
  it('has defaults: any free port, the XDG data folder, keychain tokens', () => {
    expect(parseWebCliArgs([], env, 'linux')).toEqual({ port: 0, dataDir: '/xdg/crosstalk', demo: false, help: false })
  })

  it('reads every option, in both --flag value and --flag=value forms', () => {
    expect(
      parseWebCliArgs(
        [
          '--port',
          '4780',
          '--data-dir=rel/dir',
          '--poll-seconds',
          '2',
          '--keychain-service',
          'Crosstalk-test',
          '--renderer-dir',
          '/r',
        ],
        env,
        'linux',
      ),
    ).toEqual({
      port: 4780,
      dataDir: resolve('rel/dir'),
      demo: false,
      pollSeconds: 2,
      keychainService: 'Crosstalk-test',
      rendererDir: '/r',
      help: false,
    })
    expect(parseWebCliArgs(['--demo', '--port=0'], env, 'linux')).toMatchObject({ demo: true, port: 0 })
  })

  it.each([
    [['--port', 'abc'], /--port needs a whole number from 0 to 65535, not "abc"/],
    [['--port', '70000'], /not "70000"/],
    [['--port', '-1'], /--port needs a whole number from 0 to 65535, not "-1"/],
    [['--port'], /--port needs a value/],
    [['--data-dir', '--demo'], /--data-dir needs a value/],
    [['--data-dir', ' '], /--data-dir needs a value/],
    [['--poll-seconds', '0'], /--poll-seconds needs a number of seconds from 1 to 86400, not "0"/],
    [['--poll-seconds', 'fast'], /not "fast"/],
    [['--demo=yes'], /--demo takes no value/],
    [['--colour'], /Unknown option "--colour"/],
    [['extra'], /Unknown argument "extra"/],
    [['--port', '1', '--port', '2'], /--port is given twice/],
    [['--demo', '--keychain-service', 'X'], /give one or the other/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseWebCliArgs(argv, env, 'linux')).toThrow(CliError)
    expect(() => parseWebCliArgs(argv, env, 'linux')).toThrow(message)
  })

  it('finds the default data folder per platform', () => {
    expect(defaultDataDir({}, 'linux', '/home/ann')).toBe('/home/ann/.local/share/crosstalk')
    expect(defaultDataDir({ XDG_DATA_HOME: 'relative' }, 'linux', '/home/ann')).toBe('/home/ann/.local/share/crosstalk')
    expect(defaultDataDir({ XDG_DATA_HOME: '/data' }, 'linux', '/home/ann')).toBe('/data/crosstalk')
    expect(defaultDataDir({}, 'darwin', '/Users/ann')).toBe(join('/Users/ann', 'Library', 'Application Support', 'Crosstalk'))
  })
})
