// RuleTester-style tables for config-weakened: two versions of .proofgate.yml or the waivers file,
// the exact rule id, severity, line and column of every finding.
import { describe } from 'vitest'
import { compareCounterEvidence, compareProofgateConfig, compareWaivers } from '../../../src/integrity/proofgate-config.js'
import type { IntegrityFinding } from '../../../src/integrity/types.js'
import { lines, versionTable, type VersionCase } from '../../helpers/tables.js'

function table(compare: (old: string | null, next: string | null) => IntegrityFinding[], cases: VersionCase[]): void {
  versionTable(cases, (c) => compare(c.old, c.new))
}

describe('compareProofgateConfig', () => {
  table(
    (a, b) => compareProofgateConfig(a, b, '.proofgate.yml'),
    [
      { name: 'identical files', old: lines('gates:', '  tests: { mode: blocking }'), new: lines('gates:', '  tests: { mode: blocking }'), errors: [] },
      {
        name: 'comments and key order are not settings',
        old: lines('filter-mode: file', 'gates: { tests: { timeout: 60 } }'),
        new: lines('# stricter soon', 'gates:', '  tests:', '    timeout: 60', 'filter-mode: file'),
        errors: [],
      },
      { name: 'a default written out changes nothing', old: null, new: lines('gates:', '  tests:', '    mode: blocking'), errors: [] },
      {
        name: 'a gate lowered from blocking to advisory',
        old: null,
        new: lines('gates:', '  tests:', '    mode: advisory'),
        errors: [['config-weakened', 'critical', 3, 5]],
        messages: ['`gates.tests.mode` lowered from blocking to advisory in .proofgate.yml'],
      },
      {
        name: 'a gate turned off, another tightened',
        old: lines('gates:', '  semantic-tests: { mode: advisory }'),
        new: lines('gates:', '  semantic-tests: { mode: blocking }', '  evidence: { mode: off }'),
        errors: [
          ['config-weakened', 'medium', 2, 21],
          ['config-weakened', 'critical', 3, 15],
        ],
      },
      {
        name: 'filter mode narrowed from nofilter to file',
        old: lines('filter-mode: nofilter'),
        new: lines('filter-mode: file'),
        errors: [['config-weakened', 'critical', 1, 1]],
        messages: ['narrowed from nofilter to file'],
      },
      {
        name: 'filter mode widened is only a change',
        old: lines('filter-mode: added'),
        new: lines('filter-mode: diff_context'),
        errors: [['config-weakened', 'medium', 1, 1]],
      },
      {
        name: 'timeouts lowered or raised are medium',
        old: lines('gates:', '  tests: { timeout: 600 }', '  evidence: { timeout: 60 }'),
        new: lines('gates:', '  tests: { timeout: 60 }', '  evidence: { timeout: 600 }'),
        errors: [
          ['config-weakened', 'medium', 2, 12],
          ['config-weakened', 'medium', 3, 15],
        ],
      },
      {
        name: 'ESLint turned off in static-analysis',
        old: null,
        new: lines('gates:', '  static-analysis:', '    eslint: false'),
        errors: [['config-weakened', 'critical', 3, 5]],
      },
      {
        name: 'Biome and oxlint turned off in static-analysis',
        old: null,
        new: lines('gates:', '  static-analysis:', '    biome: false', '    oxlint: false'),
        errors: [
          ['config-weakened', 'critical', 3, 5],
          ['config-weakened', 'critical', 4, 5],
        ],
      },
      { name: 'tests.args changed', old: null, new: lines('gates:', '  tests:', '    args: ["--shard=1/2"]'), errors: [['config-weakened', 'medium', 3, 5]] },
      {
        name: 'test-files.exclude entries added: one finding per entry, at the entry',
        old: lines('test-files:', '  exclude: ["test/fixtures/**"]'),
        new: lines('test-files:', '  exclude:', '    - "test/fixtures/**"', '    - "test/slow/**"', '    - "e2e/**"'),
        errors: [
          ['config-weakened', 'critical', 4, 7],
          ['config-weakened', 'critical', 5, 7],
        ],
        messages: ['"test/slow/**" added to `test-files.exclude`'],
      },
      {
        name: 'test-files.exclude entries removed is only a change',
        old: lines('test-files:', '  exclude: ["a/**", "b/**"]'),
        new: lines('test-files:', '  exclude: ["a/**"]'),
        errors: [['config-weakened', 'medium', 2, 3]],
      },
      {
        name: 'assertion-functions added',
        old: null,
        new: lines('gates:', '  mock-integrity:', '    assertion-functions: ["**.parse"]'),
        errors: [['config-weakened', 'critical', 3, 27]],
      },
      {
        name: 'mock ratio thresholds raised, min-assertions lowered, trailer changed',
        old: lines('gates:', '  test-mutation: { min-assertions: 2 }'),
        new: lines(
          'gates:',
          '  mock-integrity:',
          '    internal-mock-ratio: { max-ratio: 0.9, min-mocks: 5 }',
          '  test-mutation: { min-assertions: 0, trailer: Intent }',
        ),
        errors: [
          ['config-weakened', 'critical', 3, 28],
          ['config-weakened', 'critical', 3, 44],
          ['config-weakened', 'critical', 4, 20],
          ['config-weakened', 'medium', 4, 39],
        ],
      },
      {
        name: 'mock ratio threshold lowered is stricter',
        old: null,
        new: lines('gates:', '  mock-integrity: { internal-mock-ratio: { max-ratio: 0.3 } }'),
        errors: [['config-weakened', 'medium', 2, 44]],
      },
      {
        name: 'the file deleted when the base was stricter than the defaults: each loosened key, no line',
        old: lines('filter-mode: nofilter', 'gates:', '  semantic-tests: { mode: blocking }', '  tests: { timeout: 900 }'),
        new: null,
        errors: [
          ['config-weakened', 'critical', undefined, undefined],
          ['config-weakened', 'medium', undefined, undefined],
          ['config-weakened', 'critical', undefined, undefined],
        ],
        messages: [
          '`filter-mode` narrowed from nofilter to added',
          '`gates.tests.timeout` changed from 900 to 600 seconds',
          '`gates.semantic-tests.mode` lowered from blocking to advisory (.proofgate.yml deleted, so the default applies)',
        ],
      },
      {
        name: 'proof: a command removed and one changed are critical, one added and a timeout changed medium',
        old: lines(
          'proof:',
          '  - { name: build, run: npm run build }',
          '  - { name: types, run: npx tsc --noEmit }',
          '  - { name: e2e, run: npm run e2e, timeout: 600 }',
        ),
        new: lines(
          'proof:',
          '  - { name: build, run: npm run build || true }',
          '  - { name: e2e, run: npm run e2e, timeout: 60 }',
          '  - { name: lint, run: npx eslint . }',
        ),
        errors: [
          ['config-weakened', 'critical', 1, 1],
          ['config-weakened', 'critical', 2, 5],
          ['config-weakened', 'medium', 3, 5],
          ['config-weakened', 'medium', 4, 5],
        ],
        messages: [
          'proof command \'types\' ("npx tsc --noEmit") removed',
          'proof command \'build\' changed from "npm run build" to "npm run build || true"',
          "proof command 'e2e' timeout changed from 600 to 60 seconds",
          "proof command 'lint' added",
        ],
      },
      {
        name: 'proof: every command removed',
        old: lines('proof:', '  - { name: build, run: make }'),
        new: lines('proof: []'),
        errors: [['config-weakened', 'critical', 1, 1]],
        messages: ['proof command \'build\' ("make") removed in .proofgate.yml'],
      },
      {
        name: 'coverage minimum lowered, doc staleness raised, coverage turned off',
        old: lines('gates:', '  coverage: { mode: blocking, min-patch-coverage: 80 }', '  doc-coverage: { stale-after: 5 }'),
        new: lines('gates:', '  coverage: { mode: off, min-patch-coverage: 60 }', '  doc-coverage: { stale-after: 50 }'),
        errors: [
          ['config-weakened', 'critical', 2, 15],
          ['config-weakened', 'critical', 2, 26],
          ['config-weakened', 'critical', 3, 19],
        ],
      },
      {
        name: 'coverage minimum removed',
        old: lines('gates:', '  coverage: { mode: advisory, min-patch-coverage: 80 }'),
        new: lines('gates:', '  coverage: { mode: advisory }'),
        errors: [['config-weakened', 'critical', undefined, undefined]],
        messages: ['`gates.coverage.min-patch-coverage` removed in .proofgate.yml (it was 80)'],
      },
      { name: 'the file deleted when it held only defaults', old: lines('gates:', '  tests: { mode: blocking }'), new: null, errors: [] },
      {
        name: 'an invalid version under test cannot be compared (medium, at the problem)',
        old: null,
        new: lines('gates:', '  tests:', '    mode: strict'),
        errors: [['config-weakened', 'medium', 3, 11]],
        messages: ['could not be compared'],
      },
      {
        name: 'an invalid base counts as defaults',
        old: lines('gates: [oops'),
        new: lines('gates:', '  tests: { mode: off }'),
        errors: [['config-weakened', 'critical', 2, 12]],
      },
    ],
  )
})

const W = '.proofgate/waivers.yml'

describe('compareWaivers', () => {
  const fp = (hex: string, extra: string[] = []): string[] => [
    `  - fingerprint: ${hex}`,
    '    reason: checked by hand',
    '    proof: reviewer-misread',
    ...extra,
  ]
  table(
    (a, b) => compareWaivers(a, b, W),
    [
      { name: 'unchanged waivers', old: lines('waivers:', ...fp('3f9c2a7d1e0b4c55')), new: lines('waivers:', ...fp('3f9c2a7d1e0b4c55')), errors: [] },
      { name: 'a waiver removed', old: lines('waivers:', ...fp('3f9c2a7d1e0b4c55'), ...fp('aaaaaaaa')), new: lines('waivers:', ...fp('aaaaaaaa')), errors: [] },
      { name: 'the file deleted', old: lines('waivers:', ...fp('3f9c2a7d1e0b4c55')), new: null, errors: [] },
      {
        name: 'a reason reworded and the order changed',
        old: lines('waivers:', ...fp('aaaaaaaa'), ...fp('bbbbbbbb')),
        new: lines('waivers:', ...fp('bbbbbbbb'), '  - fingerprint: aaaaaaaa', '    reason: a better reason', '    proof: out-of-scope'),
        errors: [],
      },
      {
        name: 'an earlier expiry',
        old: lines('waivers:', ...fp('aaaaaaaa', ['    expires: 2027-05-01'])),
        new: lines('waivers:', ...fp('aaaaaaaa', ['    expires: 2027-01-01'])),
        errors: [],
      },
      {
        name: 'a waiver added to a new file, at its line',
        old: null,
        new: lines('waivers:', ...fp('3f9c2a7d1e0b4c55')),
        errors: [['config-weakened', 'critical', 2, 5]],
        messages: ['Waiver added in .proofgate/waivers.yml for fingerprint 3f9c2a7d1e0b4c55 (reviewer-misread: "checked by hand")'],
      },
      {
        name: 'a rule waiver added after an existing one',
        old: lines('waivers:', ...fp('aaaaaaaa')),
        new: lines('waivers:', ...fp('aaaaaaaa'), '  - rule: no-console', '    path: "scripts/**"', '    reason: CLI output', '    proof: out-of-scope'),
        errors: [['config-weakened', 'critical', 5, 5]],
      },
      {
        name: 'a fingerprint shortened is a new waiver',
        old: lines('waivers:', ...fp('3f9c2a7d1e0b4c55')),
        new: lines('waivers:', ...fp('3f9c2a7d')),
        errors: [['config-weakened', 'critical', 2, 5]],
      },
      {
        name: 'a path glob widened is a new waiver',
        old: lines('waivers:', '  - { rule: no-console, path: scripts/a.js, reason: r, proof: out-of-scope }'),
        new: lines('waivers:', '  - { rule: no-console, path: "**", reason: r, proof: out-of-scope }'),
        errors: [['config-weakened', 'critical', 2, 5]],
      },
      {
        name: 'expires moved later',
        old: lines('waivers:', ...fp('aaaaaaaa', ['    expires: 2027-01-01'])),
        new: lines('waivers:', ...fp('aaaaaaaa', ['    expires: 2028-01-01'])),
        errors: [['config-weakened', 'critical', 2, 5]],
        messages: ['`expires` moved from 2027-01-01 to 2028-01-01'],
      },
      {
        name: 'expires removed',
        old: lines('waivers:', ...fp('aaaaaaaa', ['    expires: 2027-01-01'])),
        new: lines('waivers:', ...fp('aaaaaaaa')),
        errors: [['config-weakened', 'critical', 2, 5]],
        messages: ['never expires'],
      },
      {
        name: 'an invalid new version (medium)',
        old: null,
        new: lines('waivers:', '  - fingerprint: aaaaaaaa', '    proof: reviewer-misread'),
        errors: [['config-weakened', 'medium', 2, 5]],
      },
    ],
  )
})

describe('compareCounterEvidence', () => {
  const F = '.proofgate/counter-evidence.yml'
  const entry = (hex: string, claim = 'the file exists', proofType = 'file-exists', artifacts = ['src/a.ts']): string[] => [
    `  - fingerprint: ${hex}`,
    `    claim: ${claim}`,
    `    proofType: ${proofType}`,
    `    artifacts: [${artifacts.join(', ')}]`,
  ]
  table(
    (a, b) => compareCounterEvidence(a, b, F),
    [
      { name: 'unchanged entries', old: lines('counter-evidence:', ...entry('aaaaaaaa')), new: lines('counter-evidence:', ...entry('aaaaaaaa')), errors: [] },
      {
        name: 'an entry removed',
        old: lines('counter-evidence:', ...entry('aaaaaaaa'), ...entry('bbbbbbbb')),
        new: lines('counter-evidence:', ...entry('bbbbbbbb')),
        errors: [],
      },
      { name: 'the file deleted', old: lines('counter-evidence:', ...entry('aaaaaaaa')), new: null, errors: [] },
      {
        name: 'entries reordered',
        old: lines('counter-evidence:', ...entry('aaaaaaaa'), ...entry('bbbbbbbb')),
        new: lines('counter-evidence:', ...entry('bbbbbbbb'), ...entry('aaaaaaaa')),
        errors: [],
      },
      {
        name: 'an entry added to a new file, at its line',
        old: null,
        new: lines('counter-evidence:', ...entry('3f9c2a7d1e0b4c55')),
        errors: [['config-weakened', 'critical', 2, 5]],
        messages: [
          'Counter-evidence added in .proofgate/counter-evidence.yml for fingerprint 3f9c2a7d1e0b4c55 (file-exists): once merged, the override council may waive that finding.',
        ],
      },
      {
        name: 'an entry added after an existing one',
        old: lines('counter-evidence:', ...entry('aaaaaaaa')),
        new: lines('counter-evidence:', ...entry('aaaaaaaa'), ...entry('bbbbbbbb')),
        errors: [['config-weakened', 'critical', 6, 5]],
      },
      {
        name: 'a claim changed',
        old: lines('counter-evidence:', ...entry('aaaaaaaa')),
        new: lines('counter-evidence:', ...entry('aaaaaaaa', 'a different story')),
        errors: [['config-weakened', 'critical', 2, 5]],
        messages: ['Counter-evidence for fingerprint aaaaaaaa changed in .proofgate/counter-evidence.yml (file-exists)'],
      },
      {
        name: 'an artifact added',
        old: lines('counter-evidence:', ...entry('aaaaaaaa')),
        new: lines('counter-evidence:', ...entry('aaaaaaaa', 'the file exists', 'file-exists', ['src/a.ts', 'src/b.ts'])),
        errors: [['config-weakened', 'critical', 2, 5]],
      },
      {
        name: 'an invalid new version (medium)',
        old: null,
        new: lines('counter-evidence:', '  - fingerprint: aaaaaaaa', '    claim: c', '    proofType: vibes'),
        errors: [['config-weakened', 'medium', 4, 16]],
        messages: ['not a valid counter-evidence file'],
      },
    ],
  )
})
