// File names are data: a newline, tab, backslash, double quote or control character in a path
// neither hides the file from a gate nor changes its name in the change set or the findings.
import { afterAll, describe, expect, it } from 'vitest'
import { resolveChanges } from '../../../src/changes/git.js'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const README = '# app\n\nA small app whose file names are chosen to trip up line-based parsing of git output.\n'
const SOURCE = '/** Adds two numbers. */\nexport function add(a: number, b: number): number {\n  return a + b\n}\n'
const TEST = "import { expect, it } from 'vitest'\nimport { add } from '../src/add.js'\n\nit('adds', () => {\n  expect(add(1, 2)).toBe(3)\n})\n"

describe('test-mutation and doc-coverage on strange file names', () => {
  it.each([
    ['a newline', 'test/we\nird.test.ts'],
    ['a tab and a backslash', 'test/t\tab\\slash.test.ts'],
    ['a double quote and a control character', 'test/"q"\u0001.test.ts'],
  ])('a fitted expectation in a test file whose name holds %s is reported on its exact path', async (_what, path) => {
    const r = makeTempGitRepo({
      files: { 'package.json': '{ "name": "app", "private": true, "type": "module" }\n', 'README.md': README, 'src/add.ts': SOURCE, [path]: TEST },
    })
    repos.push(r)
    const base = r.head()
    r.commit('fit the test', { 'src/add.ts': SOURCE.replace('a + b', 'a + b + 1'), [path]: TEST.replace('toBe(3)', 'toBe(4)') })
    const run = await runCli(['run', '--base', base, '--gates', 'test-mutation', '--format', 'json'], r.dir)
    const report = run.json()
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.path, f.startLine])).toEqual([['expected-value-changed', 'high', path, 5]])
    expect(report.gates[0]!.summary).toMatch(/^1 test file compared/)
    expect(run.exitCode).toBe(1)
  })

  it('doc-coverage counts an undocumented export in src/new\\nline.ts', async () => {
    const r = makeTempGitRepo({
      files: { 'package.json': '{ "name": "app", "private": true, "type": "module" }\n', 'README.md': README, 'src/add.ts': SOURCE },
    })
    repos.push(r)
    const base = r.head()
    r.commit('a new module', { 'src/new\nline.ts': 'export const answer = 42\n' })
    const run = await runCli(['run', '--base', base, '--gates', 'doc-coverage', '--format', 'json'], r.dir)
    const report = run.json()
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.path, f.startLine])).toEqual([['export-undocumented', 'low', 'src/new\nline.ts', 1]])
    expect(report.gates[0]!.summary).toMatch(/^1 source file, 1 export judged/)
  })

  it('the change set holds the real bytes of every name, with its added lines', async () => {
    const names = ['src/we\nird.ts', 'src/t\tab.ts', 'src/back\\slash.ts', 'src/"quoted".ts', 'src/bell\u0007.ts', 'src/ünï code.ts']
    const r = makeTempGitRepo({ files: { 'README.md': README } })
    repos.push(r)
    const base = r.head()
    r.commit('names', Object.fromEntries(names.map((n) => [n, 'export const a = 1\nexport const b = 2\n'])))
    r.write({ 'src/untracked\nnew.ts': 'x\n' })
    const { changes } = await resolveChanges({ cwd: r.dir, base })
    expect(changes.files.map((f) => [f.path, f.status, f.binary, f.addedLines])).toEqual(
      [...names, 'src/untracked\nnew.ts'].sort().map((n) => [n, 'added', false, n.includes('untracked') ? [{ start: 1, end: 1 }] : [{ start: 1, end: 2 }]]),
    )
  })
})
