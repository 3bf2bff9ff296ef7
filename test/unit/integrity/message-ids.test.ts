// The gate-integrity rules report by messageId (issue 18.2): for each rule, RuleTester-style rows
// (valid and invalid) through the comparison that raises it, asserting rule id, severity, line,
// column, messageId, endLine and endColumn, and each message against the rule's own template
// filled with its data.
import { beforeAll, describe, expect, it } from 'vitest'
import { formatMessage } from '../../../src/findings/rule.js'
import { compareAttributes } from '../../../src/integrity/attributes.js'
import { compareHooks } from '../../../src/integrity/hooks.js'
import { compareLintConfig } from '../../../src/integrity/lint-config.js'
import { compareCounterEvidence, compareProofgateConfig, compareWaivers } from '../../../src/integrity/proofgate-config.js'
import { compareRunnerConfig } from '../../../src/integrity/runner-config.js'
import { compareSuppressions } from '../../../src/integrity/suppressions.js'
import { symlinkFinding } from '../../../src/integrity/symlinks.js'
import { GATE_INTEGRITY_RULES } from '../../../src/integrity/types.js'
import { loadTypeScript, type TypeScript } from '../../../src/testing/typescript.js'
import { lines, versionTable, type VersionCase } from '../../helpers/tables.js'

let ts: TypeScript
beforeAll(async () => {
  ts = await loadTypeScript()
})

interface Case extends VersionCase {
  path: string
  messageIds: string[]
}

const HOOK = lines('#!/bin/sh', 'npx proofgate run --base origin/main')
const VITEST = (test: string): string => lines("import { defineConfig } from 'vitest/config'", `export default defineConfig({ test: ${test} })`)

describe('attributes-weakened', () => {
  versionTable<Case>(
    [
      { name: 'a binary attribute on images', path: '.gitattributes', old: null, new: lines('*.png binary'), errors: [], messageIds: [] },
      {
        name: 'TypeScript marked linguist-generated',
        path: '.gitattributes',
        old: lines('*.png binary'),
        new: lines('*.png binary', 'src/** linguist-generated'),
        errors: [['attributes-weakened', 'high', 2, undefined]],
        messageIds: ['weakened'],
        ends: [[2, undefined]],
      },
    ],
    (c) => compareAttributes(c.old, c.new, c.path, ['src/a.ts']),
  )
})

describe('suppression-added', () => {
  versionTable<Case>(
    [
      {
        name: 'an existing directive kept',
        path: 'src/a.ts',
        old: lines('// @ts-ignore', 'x()'),
        new: lines('// @ts-ignore', 'x()'),
        errors: [],
        messageIds: [],
      },
      {
        name: 'a @ts-ignore added to source',
        path: 'src/a.ts',
        old: lines('x()'),
        new: lines('// @ts-ignore', 'x()'),
        errors: [['suppression-added', 'medium', 1, 1]],
        messageIds: ['added'],
        ends: [[1, 14]],
      },
      {
        name: 'an eslint-disable added to a test file',
        path: 'src/a.test.ts',
        old: lines('x()'),
        new: lines('/* eslint-disable no-console */', 'x()'),
        errors: [['suppression-added', 'high', 1, 1]],
        messageIds: ['addedInTest'],
        ends: [[1, 32]],
      },
      {
        name: 'a @ts-expect-error added to a test file',
        path: 'src/a.test.ts',
        old: lines('x()'),
        new: lines('// @ts-expect-error', 'x()'),
        errors: [['suppression-added', 'medium', 1, 1]],
        messageIds: ['typeAssertionInTest'],
        ends: [[1, 20]],
      },
    ],
    (c) => compareSuppressions(ts, c.path, c.old, c.new, { addedLines: [{ start: 1, end: 100 }], testFile: c.path.includes('.test.') }),
  )
})

describe('hook-removed', () => {
  versionTable<Case>(
    [
      { name: 'the hook unchanged', path: '.husky/pre-push', old: HOOK, new: HOOK, errors: [], messageIds: [] },
      {
        name: 'the proofgate line masked',
        path: '.husky/pre-push',
        old: HOOK,
        new: lines('#!/bin/sh', 'npx proofgate run --base origin/main || true'),
        errors: [['hook-removed', 'high', 2, 1]],
        messageIds: ['lineMasked'],
        ends: [[2, 45]],
      },
      {
        name: 'the hook file deleted',
        path: '.husky/pre-push',
        old: HOOK,
        new: null,
        errors: [['hook-removed', 'high', undefined, undefined]],
        messageIds: ['hookFileDeleted'],
        ends: [[undefined, undefined]],
      },
      {
        name: 'a workflow that no longer parses',
        path: '.github/workflows/ci.yml',
        old: lines('on: push', 'jobs:', '  check:', '    steps:', '      - run: npx proofgate run'),
        new: lines('on: [push', 'jobs: {'),
        errors: [['hook-removed', 'medium', undefined, undefined]],
        messageIds: ['notYaml'],
        ends: [[undefined, undefined]],
      },
    ],
    (c) => compareHooks(c.path, c.old, c.new),
  )
})

describe('lint-config-weakened', () => {
  versionTable<Case>(
    [
      {
        name: 'a rule raised',
        path: '.eslintrc.json',
        old: lines('{ "rules": { "eqeqeq": "warn" } }'),
        new: lines('{ "rules": { "eqeqeq": "error" } }'),
        errors: [],
        messageIds: [],
      },
      {
        name: 'a rule downgraded',
        path: '.eslintrc.json',
        old: lines('{ "rules": { "eqeqeq": "error" } }'),
        new: lines('{ "rules": { "eqeqeq": "warn" } }'),
        errors: [['lint-config-weakened', 'high', 1, 14]],
        messageIds: ['downgraded'],
        ends: [[1, 30]],
      },
      {
        name: 'strict turned off in a tsconfig',
        path: 'tsconfig.json',
        old: lines('{ "compilerOptions": { "strict": true } }'),
        new: lines('{ "compilerOptions": { "strict": false } }'),
        errors: [['lint-config-weakened', 'high', 1, 24]],
        messageIds: ['flagOff'],
        ends: [[1, 39]],
      },
    ],
    (c) => compareLintConfig(ts, c.path, c.old, c.new),
  )
})

describe('config-weakened', () => {
  versionTable<Case>(
    [
      {
        name: 'a comment added to the config',
        path: '.proofgate.yml',
        old: lines('gates:', '  tests:', '    mode: blocking'),
        new: lines('# the tests gate blocks', 'gates:', '  tests:', '    mode: blocking'),
        errors: [],
        messageIds: [],
      },
      {
        name: 'a gate made advisory',
        path: '.proofgate.yml',
        old: null,
        new: lines('gates:', '  tests:', '    mode: advisory'),
        errors: [['config-weakened', 'critical', 3, 5]],
        messageIds: ['modeLowered'],
        ends: [[3, 9]],
      },
      {
        name: 'a config that is not valid',
        path: '.proofgate.yml',
        old: null,
        new: lines('gates:', '  tests:', '    mode: sometimes'),
        errors: [['config-weakened', 'medium', 3, 11]],
        messageIds: ['invalidConfig'],
        ends: [[undefined, undefined]],
      },
    ],
    (c) => compareProofgateConfig(c.old, c.new, c.path),
  )
  versionTable<Case>(
    [
      {
        name: 'a waiver added',
        path: '.proofgate/waivers.yml',
        old: null,
        new: lines('waivers:', '  - fingerprint: 0123456789abcdef0123456789abcdef', '    reason: a reviewer read it', '    proof: reviewer-misread'),
        errors: [['config-weakened', 'critical', 2, 5]],
        messageIds: ['waiverAdded'],
        ends: [[undefined, undefined]],
      },
    ],
    (c) => compareWaivers(c.old, c.new, c.path),
  )
  versionTable<Case>(
    [
      {
        name: 'counter-evidence added',
        path: '.proofgate/counter-evidence.yml',
        old: null,
        new: lines('counter-evidence:', '  - fingerprint: 0123456789abcdef', '    claim: the helper exists', '    proofType: file-exists'),
        errors: [['config-weakened', 'critical', 2, 5]],
        messageIds: ['counterEvidenceAdded'],
        ends: [[undefined, undefined]],
      },
      {
        name: 'counter-evidence changed',
        path: '.proofgate/counter-evidence.yml',
        old: lines('counter-evidence:', '  - fingerprint: 0123456789abcdef', '    claim: the helper exists', '    proofType: file-exists'),
        new: lines('counter-evidence:', '  - fingerprint: 0123456789abcdef', '    claim: a test covers it', '    proofType: test-passes'),
        errors: [['config-weakened', 'critical', 2, 5]],
        messageIds: ['counterEvidenceChanged'],
        ends: [[undefined, undefined]],
      },
      {
        name: 'counter-evidence that is not valid',
        path: '.proofgate/counter-evidence.yml',
        old: null,
        new: lines('counter-evidence:', '  - claim: no fingerprint', '    proofType: file-exists'),
        errors: [['config-weakened', 'medium', 2, 5]],
        messageIds: ['invalidCounterEvidence'],
        ends: [[undefined, undefined]],
      },
    ],
    (c) => compareCounterEvidence(c.old, c.new, c.path),
  )
  it('invalid: the counter-evidence replaced by a symlink → counterEvidenceSymlink', () => {
    const f = symlinkFinding('.proofgate/counter-evidence.yml', 'counter-evidence', { target: '/tmp/x.yml', hadFile: false })
    expect([f.ruleId, f.messageId, f.severity]).toEqual(['config-weakened', 'counterEvidenceSymlink', 'critical'])
    expect(f.message).toContain('added as a symlink (to "/tmp/x.yml")')
  })
  it('invalid: the config replaced by a symlink → configSymlink', () => {
    const f = symlinkFinding('.proofgate.yml', 'configuration', { target: '../elsewhere.yml', hadFile: true })
    expect([f.ruleId, f.messageId, f.severity, f.startLine]).toEqual(['config-weakened', 'configSymlink', 'critical', undefined])
    expect(f.message).toBe(
      formatMessage('config-weakened', GATE_INTEGRITY_RULES['config-weakened'], 'configSymlink', {
        file: '.proofgate.yml',
        how: 'replaced by',
        link: 'a symlink (to "../elsewhere.yml")',
      }),
    )
  })
})

describe('test-config-weakened', () => {
  const files = ['package.json', 'src/sum.ts', 'src/sum.test.ts']
  versionTable<Case>(
    [
      { name: 'a timeout raised a little', path: 'vitest.config.ts', old: null, new: VITEST('{ testTimeout: 6000 }'), errors: [], messageIds: [] },
      {
        name: 'passWithNoTests turned on',
        path: 'vitest.config.ts',
        old: VITEST('{}'),
        new: VITEST('{ passWithNoTests: true }'),
        errors: [['test-config-weakened', 'high', 2, 39]],
        messageIds: ['maskFlag'],
        ends: [[2, 60]],
      },
      {
        name: 'the test script removed from package.json',
        path: 'package.json',
        old: JSON.stringify({ name: 'a', scripts: { test: 'vitest run' } }),
        new: JSON.stringify({ name: 'a', scripts: {} }),
        errors: [['test-config-weakened', 'high', undefined, undefined]],
        messageIds: ['testScriptRemoved'],
        ends: [[undefined, undefined]],
      },
    ],
    (c) => compareRunnerConfig(ts, c.path, c.old, c.new, files),
  )
  it('invalid: a new config in a test-free directory keeps its messageId, medium, and says why', () => {
    const [f] = compareRunnerConfig(ts, 'vitest.config.ts', null, VITEST('{ passWithNoTests: true }'), files, { newProject: true })
    expect([f!.ruleId, f!.messageId, f!.severity, f!.startLine, f!.startColumn]).toEqual(['test-config-weakened', 'maskFlag', 'medium', 2, 39])
    expect(f!.message).toBe(
      '`test.passWithNoTests` set to true: a run that finds no tests passes (vitest.config.ts). Medium, not high: a new config in a directory with no test at the base, so it loosens no existing test.',
    )
  })
})
