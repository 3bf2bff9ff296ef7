import { describe, expect, it } from 'vitest'
import { nodeVersionProblem } from '../../../src/cli/node-version.js'

describe('nodeVersionProblem', () => {
  it.each([
    ['v20.20.2', true],
    ['v21.7.3', true],
    ['v22.0.0', false],
    ['v24.21.0', false],
    ['v26.1.0', false],
    ['garbage', true],
  ])('%s → problem: %s', (version, problem) => {
    expect(nodeVersionProblem(version, '/usr/bin/node') !== null).toBe(problem)
  })

  it('names what it found and what it needs', () => {
    expect(nodeVersionProblem('v20.20.2', '/usr/bin/node')).toBe(
      'proofgate: PG_NODE_VERSION: found Node v20.20.2 at /usr/bin/node; proofgate needs Node >= 22.\n' +
        '  hint: install Node 22 or 24 (nvm install 24), or run it through npx/npm scripts where the project provides one\n',
    )
  })
})
