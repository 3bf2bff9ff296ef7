// gate-integrity reports by messageId (issue 18.2): the CLI (in-process) on a real repository
// whose range loosens one thing of each kind — the proofgate config, a suppression, the vitest
// config, an ESLint rule, .gitattributes and a git hook. The JSON report carries each finding's
// messageId beside the unchanged message text; these are the table rows of the rules that need a range.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const VITEST = (test: string): string => lines("import { defineConfig } from 'vitest/config'", `export default defineConfig({ test: ${test} })`)

describe('gate-integrity findings carry the messageId their message was formatted from', () => {
  it('modeLowered, added, maskFlag, downgraded, weakened and lineRemoved: exact rule, messageId, severity, path, line and message', async () => {
    const r = makeTempGitRepo({
      files: {
        '.gitignore': '.proofgate/\n',
        '.proofgate.yml': lines('gates:', '  tests:', '    mode: blocking'),
        'package.json': JSON.stringify({ name: 'shop', private: true, type: 'module' }) + '\n',
        'vitest.config.ts': VITEST('{}'),
        '.eslintrc.json': lines('{ "rules": { "eqeqeq": "error" } }'),
        '.gitattributes': lines('*.png binary'),
        '.husky/pre-push': lines('#!/bin/sh', 'npx proofgate run --base origin/main'),
        'src/price.ts': lines('export const price = (net: number): number => net * 1.2'),
        'src/price.test.ts': lines("import { price } from './price'", "it('prices', () => expect(price(10)).toBe(12))"),
      },
    })
    repos.push(r)
    const start = r.head()
    r.commit('Loosen', {
      '.proofgate.yml': lines('gates:', '  tests:', '    mode: advisory'),
      'vitest.config.ts': VITEST('{ passWithNoTests: true }'),
      '.eslintrc.json': lines('{ "rules": { "eqeqeq": "warn" } }'),
      '.gitattributes': lines('*.png binary', 'src/** linguist-generated'),
      '.husky/pre-push': lines('#!/bin/sh', 'echo skipped'),
      'src/price.ts': lines('// @ts-ignore', 'export const price = (net: number): number => net * 1.25'),
    })
    const run = await runCli(['run', '--base', start, '--gates', 'gate-integrity', '--format', 'json'], r.dir)
    type Row = { ruleId: string; messageId?: string; severity: string; path?: string; startLine?: number; message: string }
    const rows = (run.json().findings as unknown as Row[]).map((f) => [f.ruleId, f.messageId, f.severity, f.path, f.startLine ?? 0, f.message])
    expect(rows).toEqual([
      ['config-weakened', 'modeLowered', 'critical', '.proofgate.yml', 3, '`gates.tests.mode` lowered from blocking to advisory in .proofgate.yml.'],
      ['lint-config-weakened', 'downgraded', 'high', '.eslintrc.json', 1, 'ESLint rule eqeqeq downgraded from error to warn (.eslintrc.json).'],
      [
        'attributes-weakened',
        'weakened',
        'high',
        '.gitattributes',
        2,
        "`src/** linguist-generated` marks JS/TS code such as src/price.test.ts as linguist-generated (collapsed in pull requests, not the repository's own code): diffs, reviews and checks that trust git's attributes would skip it.",
      ],
      [
        'hook-removed',
        'lineRemoved',
        'high',
        '.husky/pre-push',
        0,
        'Line "npx proofgate run --base origin/main" that ran proofgate removed (.husky/pre-push).',
      ],
      [
        'test-config-weakened',
        'maskFlag',
        'high',
        'vitest.config.ts',
        2,
        '`test.passWithNoTests` set to true: a run that finds no tests passes (vitest.config.ts).',
      ],
      ['suppression-added', 'added', 'medium', 'src/price.ts', 1, '`@ts-ignore` added in src/price.ts: TypeScript reports no error on the next line.'],
    ])
    expect(run.exitCode).toBe(1)
  })
})
