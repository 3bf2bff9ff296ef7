// doc-coverage's public API: what a publishable package's entry points (package.json exports,
// mapped from dist/ to src/) expose through re-exports is high; other files of the package are
// medium; one finding per symbol, at its declaration. Real git repository, the engine end to end.
import { afterAll, describe, expect, it } from 'vitest'
import { runProofgate } from '../../../src/runner/run.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const README = lines('# lib', '', 'What this library does and how to use it, in well over sixty-four bytes.')

describe('export-undocumented: public API from the entry points', () => {
  it('scan --all: the exposed symbol is high once at its declaration; an internal helper and a script are medium', async () => {
    const r = makeTempGitRepo({
      files: {
        '.gitignore': '.proofgate/\n',
        'README.md': README,
        'package.json': JSON.stringify({ name: 'lib', exports: { '.': { import: { types: './dist/index.d.mts', default: './dist/index.mjs' } } } }) + '\n',
        'src/index.ts': lines("export { pub } from './pub.js'", "export { pub as default } from './pub.js'"),
        'src/pub.ts': lines("import { helper } from './internal.js'", 'export function pub(): number {', '  return helper()', '}'),
        'src/internal.ts': lines('export function helper(): number {', '  return 1', '}'),
        'scripts/release.ts': lines('export function release(): void {}'),
      },
    })
    repos.push(r)
    const result = await runProofgate({ cwd: r.dir, gates: ['doc-coverage'], scope: 'all', base: 'HEAD', strictWarnings: false, env: {}, reporters: [], warn: () => {} })
    expect(result.findings.map((f) => [f.ruleId, f.severity, `${f.path}:${f.startLine}:${f.startColumn}`, f.blocking])).toEqual([
      ['export-undocumented', 'high', 'src/pub.ts:2:17', true],
      ['export-undocumented', 'medium', 'scripts/release.ts:1:17', false],
      ['export-undocumented', 'medium', 'src/internal.ts:1:17', false],
    ])
    expect(result.gates[0]!.summary).toContain('; public API: the root package from src/index.ts (2 files)')
  })
})
