// The environment the repository's code gets and what is redacted from what it prints: the
// allow-list, `env-pass`, npm's credentials, URL credentials and the output tail.
import { describe, expect, it } from 'vitest'
import { outputTail, passesByDefault, redactText, redactUrlCredentials, repositoryEnv } from '../../../src/util/repo-code.js'

describe('repositoryEnv', () => {
  const base: NodeJS.ProcessEnv = {
    PATH: '/usr/bin:/bin',
    HOME: '/nonexistent-home',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    CI: 'true',
    TERM: 'xterm',
    NODE_ENV: 'test',
    VITEST_POOL_ID: '1',
    JEST_WORKER_ID: '2',
    npm_config_registry: 'https://registry.npmjs.org/',
    npm_lifecycle_event: 'test',
    NPM_CONFIG__AUTH: 'bnBtYXV0aHZhbHVl',
    'npm_config_//registry.npmjs.org/:_authToken': 'npm_abcdefghijkl',
    npm_config__password: 'cGFzc3dvcmQ=',
    GITHUB_TOKEN: 'ghs_githubtoken1',
    'INPUT_GITHUB-TOKEN': 'ghs_inputtoken22',
    ACTIONS_RUNTIME_TOKEN: 'runtime-token-x',
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.extraheader',
    GIT_CONFIG_VALUE_0: 'AUTHORIZATION: basic eHh4',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG',
    API_KEY: 'apikey-123456',
    PASSWORD: 'hunter22',
    SECRET: 'short',
    NODE_OPTIONS: '--require /tmp/evil.js',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    MY_SETTING: 'passed-on-request',
  }

  it('keeps the allow-list and env-pass names, and nothing else', () => {
    const { env } = repositoryEnv(base, ['MY_SETTING'])
    expect(Object.keys(env).sort()).toEqual([
      'CI',
      'HOME',
      'JEST_WORKER_ID',
      'LANG',
      'LC_ALL',
      'MY_SETTING',
      'NODE_ENV',
      'PATH',
      'TERM',
      'VITEST_POOL_ID',
      'npm_config_registry',
      'npm_lifecycle_event',
    ])
  })

  it('lists every removed value of 6 characters or more as a secret, longest first', () => {
    const { secrets } = repositoryEnv(base)
    expect(secrets).toEqual([
      'AUTHORIZATION: basic eHh4',
      '--require /tmp/evil.js',
      'wJalrXUtnFEMI/K7MDENG',
      'passed-on-request',
      'bnBtYXV0aHZhbHVl',
      'npm_abcdefghijkl',
      'ghs_githubtoken1',
      'ghs_inputtoken22',
      'http.extraheader',
      'runtime-token-x',
      'apikey-123456',
      'cGFzc3dvcmQ=',
      'hunter22',
    ])
  })

  it('passes a removed credential only when env-pass names it exactly', () => {
    expect(repositoryEnv(base, ['GITHUB_TOKEN']).env.GITHUB_TOKEN).toBe('ghs_githubtoken1')
    expect(repositoryEnv(base, ['github_token']).env.GITHUB_TOKEN).toBeUndefined()
  })

  it.each([
    ['PATH', true],
    ['LC_CTYPE', true],
    ['VITEST_MODE', true],
    ['npm_config_cache', true],
    ['npm_config__auth', false],
    ['NPM_CONFIG__AUTH', false],
    ['npm_config_//r.example/:_authToken', false],
    ['npm_config__password', false],
    ['NODE_OPTIONS', false],
    ['GIT_CONFIG_VALUE_0', false],
    ['ACTIONS_RUNTIME_URL', false],
    ['INPUT_GITHUB-TOKEN', false],
    ['FORCE_COLOR', false],
  ])('%s passes by default: %s', (name, expected) => {
    expect(passesByDefault(name)).toBe(expected)
  })
})

describe('redaction', () => {
  it('replaces URL credentials and keeps the host', () => {
    expect(redactUrlCredentials('origin\thttps://user:s3cr3tpass@example.invalid/x.git (fetch)')).toBe('origin\thttps://***@example.invalid/x.git (fetch)')
    expect(redactUrlCredentials('https://ghp_abc@github.com/o/r and ssh://git@host/x and git@github.com:o/r')).toBe(
      'https://***@github.com/o/r and ssh://***@host/x and git@github.com:o/r',
    )
  })

  it('replaces each secret wherever it occurs', () => {
    expect(redactText('a hunter22 b hunter22hunter22', ['hunter22hunter22', 'hunter22'])).toBe('a *** b ***')
  })
})

describe('outputTail', () => {
  it('removes terminal control sequences', () => {
    expect(outputTail('\u001b[31mred\u001b[39m\nok\n')).toBe('red\nok')
  })
})
