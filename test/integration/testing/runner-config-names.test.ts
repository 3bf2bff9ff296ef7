// One list of runner-config names (issue 18.6): discovery and the tests gate's runner detection
// find every config name the runners themselves look up, in real git repositories.
import { afterAll, describe, expect, it } from 'vitest'
import { detectRunner } from '../../../src/gates/tests/detect.js'
import { discoverTests } from '../../../src/testing/discover.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const repo of repos) repo.cleanup()
})

function make(files: Record<string, string>): TempRepo {
  const repo = makeTempGitRepo({ files })
  repos.push(repo)
  return repo
}

describe('discovery reads every config name the runner looks up', () => {
  it('reads jest.config.mts: its testMatch decides, the conventions do not', async () => {
    const repo = make({
      'jest.config.mts': "export default { testMatch: ['<rootDir>/checks/**/*.ts'] }\n",
      'checks/sum.ts': "test('sum', () => {})\n",
      'src/a.test.ts': '',
    })
    const discovery = await discoverTests(repo.dir)
    expect(discovery.configs.map((c) => [c.path, c.runner, c.include])).toEqual([['jest.config.mts', 'jest', ['checks/**/*.ts']]])
    expect(discovery.source).toBe('runner-config')
    expect(discovery.testFiles).toEqual(['checks/sum.ts'])
  })

  it('reads an alternate jest.config.e2e.cts without claiming its directory', async () => {
    const repo = make({
      'jest.config.e2e.cts': "module.exports = { testMatch: ['<rootDir>/e2e/**/*.ts'] }\n",
      'e2e/flow.ts': '',
      'src/a.test.ts': '',
    })
    const discovery = await discoverTests(repo.dir)
    expect(discovery.configs.map((c) => [c.path, c.runner])).toEqual([['jest.config.e2e.cts', 'jest']])
    expect(discovery.testFiles).toEqual(['e2e/flow.ts', 'src/a.test.ts'])
  })

  it('reads .mocharc.mjs: its spec decides', async () => {
    const repo = make({
      '.mocharc.mjs': "export default { spec: ['checks/*.spec.mjs'] }\n",
      'checks/sum.spec.mjs': '',
      'src/a.test.mjs': '',
    })
    const discovery = await discoverTests(repo.dir)
    expect(discovery.configs.map((c) => [c.path, c.runner, c.include])).toEqual([['.mocharc.mjs', 'mocha', ['checks/*.spec.mjs']]])
    expect(discovery.testFiles).toEqual(['checks/sum.spec.mjs'])
  })
})

describe('runner detection reads the same names', () => {
  it('detects vitest from vitest.projects.ts alone', () => {
    const repo = make({ 'package.json': '{ "name": "x" }\n', 'vitest.projects.ts': "export default ['packages/*']\n" })
    expect(detectRunner(repo.dir)).toEqual({ runner: 'vitest', source: 'vitest.projects.ts' })
  })

  it('detects vitest from vitest.workspace.json alone', () => {
    const repo = make({ 'package.json': '{ "name": "x" }\n', 'vitest.workspace.json': '["packages/*"]\n' })
    expect(detectRunner(repo.dir)).toEqual({ runner: 'vitest', source: 'vitest.workspace.json' })
  })
})
