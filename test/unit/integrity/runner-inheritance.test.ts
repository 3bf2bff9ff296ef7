// test-config-weakened on vitest projects: a project is compared with what it inherits from the root
// (inline `projects`/`workspace` with `extends: true`), never with vitest's default. One row per form.
import { beforeAll, describe } from 'vitest'
import { compareRunnerConfig } from '../../../src/integrity/runner-config.js'
import { loadTypeScript, type TypeScript } from '../../../src/testing/typescript.js'
import { lines, versionTable, type VersionCase } from '../../helpers/tables.js'

let ts: TypeScript
beforeAll(async () => {
  ts = await loadTypeScript()
})

const FILES = ['package.json', 'test/unit/a.test.ts', 'test/e2e/b.test.ts']

const config = (test: string): string => lines("import { defineConfig } from 'vitest/config'", `export default defineConfig({ test: ${test} })`)
/** An inline project; `options` are more of its `test` options; `extend` false leaves `extends: true` out. */
const project = (name: string, options = '', extend = true): string =>
  `{ ${extend ? 'extends: true, ' : ''}test: { name: '${name}', include: ['test/${name}/**']${options === '' ? '' : `, ${options}`} } }`

interface Case extends VersionCase {
  path: string
}

describe('vitest projects inherit from the root', () => {
  const cases: Case[] = [
    {
      name: 'test.projects, extends: true: the root timeout moved into the projects',
      path: 'vitest.config.ts',
      old: config(`{ testTimeout: 60000, projects: [${project('unit')}, ${project('e2e')}] }`),
      new: config(`{ projects: [${project('unit', 'testTimeout: 60000')}, ${project('e2e', 'testTimeout: 60000')}] }`),
      errors: [],
    },
    {
      name: 'test.workspace (vitest 2 inline), extends: true: the same move',
      path: 'vitest.config.ts',
      old: config(`{ testTimeout: 60000, hookTimeout: 60000, workspace: [${project('unit')}] }`),
      new: config(`{ workspace: [${project('unit', 'testTimeout: 60000, hookTimeout: 60000')}] }`),
      errors: [],
    },
    {
      name: 'vite.config.ts with test.projects: retry inherited, kept by the project',
      path: 'vite.config.ts',
      old: config(`{ retry: 2, projects: [${project('unit')}] }`),
      new: config(`{ projects: [${project('unit', 'retry: 2')}] }`),
      errors: [],
    },
    {
      name: 'a project raises the inherited timeout tenfold',
      path: 'vitest.config.ts',
      old: config(`{ testTimeout: 60000, projects: [${project('unit')}] }`),
      new: config(`{ testTimeout: 60000, projects: [${project('unit', 'testTimeout: 600000')}] }`),
      errors: [['test-config-weakened', 'high', 2, 136]],
      messages: ["`test.projects.0.test.testTimeout` raised from 60000 ms (the root config's) to 600000 ms"],
    },
    {
      name: 'a project raises retries over the root it inherits',
      path: 'vitest.config.ts',
      old: config(`{ retry: 2, projects: [${project('unit')}] }`),
      new: config(`{ retry: 2, projects: [${project('unit', 'retry: 3')}] }`),
      errors: [['test-config-weakened', 'high', 2, 126]],
      messages: ['`test.projects.0.test.retry` raised from 2 to 3'],
    },
    {
      name: 'a project without extends: the root timeout does not reach it (default 5000)',
      path: 'vitest.config.ts',
      old: config(`{ testTimeout: 60000, projects: [${project('unit', '', false)}] }`),
      new: config(`{ projects: [${project('unit', 'testTimeout: 60000', false)}] }`),
      errors: [['test-config-weakened', 'high', 2, 101]],
      messages: ['`test.projects.0.test.testTimeout` raised from 5000 ms (the default) to 60000 ms'],
    },
    {
      name: 'a root-only config split into projects: the new projects take over from the old root',
      path: 'vitest.config.ts',
      old: config('{ testTimeout: 60000 }'),
      new: config(`{ projects: [${project('unit', 'testTimeout: 60000', false)}, ${project('e2e', 'testTimeout: 60000', false)}] }`),
      errors: [],
    },
    {
      name: 'vitest.workspace.ts (defineWorkspace): `extends` names a file, not read, so the default applies',
      path: 'vitest.workspace.ts',
      old: lines(
        "import { defineWorkspace } from 'vitest/config'",
        `export default defineWorkspace([{ extends: './vitest.config.ts', test: { name: 'unit' } }])`,
      ),
      new: lines(
        "import { defineWorkspace } from 'vitest/config'",
        `export default defineWorkspace([{ extends: './vitest.config.ts', test: { name: 'unit', testTimeout: 60000 } }])`,
      ),
      errors: [['test-config-weakened', 'high', 2, 88]],
      messages: ['`0.test.testTimeout` raised from 5000 ms (the default) to 60000 ms'],
    },
  ]
  versionTable(cases, (c) => compareRunnerConfig(ts, c.path, c.old, c.new, FILES))
})
