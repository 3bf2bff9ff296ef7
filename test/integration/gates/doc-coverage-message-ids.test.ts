// doc-coverage reports by messageId (issue 18.2): the CLI (in-process) on real repositories whose
// range deletes the root README, adds an undocumented export, deletes a doc comment, breaks a link
// and leaves the docs stale. The JSON report carries each finding's messageId beside the
// unchanged message text; these are the table rows of the rules that need a git range.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const README = lines('# Shop', '', 'What this project does and how to use it, in well over sixty-four bytes.')
type Row = { ruleId: string; messageId?: string; severity: string; path?: string; startLine?: number; startColumn?: number; message: string }
const rowsOf = (findings: unknown[]) =>
  (findings as Row[]).map((f) => [f.ruleId, f.messageId, f.severity, f.path, f.startLine ?? 0, f.startColumn ?? 0, f.message])

describe('doc-coverage findings carry the messageId their message was formatted from', () => {
  it('missing, undocumented, docRemoved and unresolved: exact rule, messageId, severity, line, column and message', async () => {
    const r = makeTempGitRepo({
      files: {
        '.gitignore': '.proofgate/\n',
        'package.json': JSON.stringify({ name: 'shop', private: true, type: 'module' }) + '\n',
        'README.md': README,
        'src/price.ts': lines('/** The gross price. */', 'export function price(net: number): number {', '  return net * 1.2', '}'),
        'docs/guide.md': lines('# Guide', '', 'See [price](../src/price.ts).'),
      },
    })
    repos.push(r)
    const start = r.head()
    r.git('rm', '-q', 'README.md')
    r.commit('Change', {
      'src/price.ts': lines('export function price(net: number): number {', '  return net * 1.25', '}', 'export const VAT = 0.25'),
      'docs/guide.md': lines('# Guide', '', 'See [price](../src/prices.ts).'),
    })
    const run = await runCli(['run', '--base', start, '--gates', 'doc-coverage', '--format', 'json'], r.dir)
    expect(rowsOf(run.json().findings)).toEqual([
      [
        'broken-link',
        'unresolved',
        'medium',
        'docs/guide.md',
        3,
        5,
        'Link `../src/prices.ts` does not resolve: no file or directory `src/prices.ts` in the tree under test.',
      ],
      [
        'readme-missing',
        'missing',
        'medium',
        'README.md',
        0,
        0,
        'No README.md at the repository root. This change deleted a README that was fine at the base (a private place: medium at most).',
      ],
      ['export-undocumented', 'docRemoved', 'medium', 'src/price.ts', 1, 17, 'Exported function `price` has no doc comment (this change removed it).'],
      ['export-undocumented', 'undocumented', 'low', 'src/price.ts', 4, 14, 'Exported const `VAT` has no doc comment.'],
    ])
    expect(run.exitCode).toBe(0)
  })

  it('stale: docs last committed more than stale-after commits before HEAD', async () => {
    const r = makeTempGitRepo({
      files: {
        '.gitignore': '.proofgate/\n',
        '.proofgate.yml': lines('gates:', '  doc-coverage:', '    stale-after: 1'),
        'package.json': JSON.stringify({ name: 'shop', private: true, type: 'module' }) + '\n',
        'README.md': README,
        'src/price.ts': lines('/** The gross price. */', 'export function price(net: number): number {', '  return net * 1.2', '}'),
      },
    })
    repos.push(r)
    r.commit('Other', { 'notes.txt': 'one\n' })
    const start = r.head()
    r.commit('Change', { 'src/price.ts': lines('/** The gross price. */', 'export function price(net: number): number {', '  return net * 1.25', '}') })
    const run = await runCli(['run', '--base', start, '--gates', 'doc-coverage', '--format', 'json'], r.dir)
    const rows = rowsOf(run.json().findings)
    expect(rows.map((row) => row.slice(0, 6))).toEqual([['docs-stale', 'stale', 'low', 'README.md', 0, 0]])
    expect(rows[0]![6]).toMatch(
      /^Source changed \(1 file \(src\/price\.ts\)\), but the docs \(README\.md\) were last committed 2 commits before HEAD, in [0-9a-f]{7} \(\d{4}-\d\d-\d\d\); more than gates\.doc-coverage\.stale-after \(1\)\.$/,
    )
  })
})
