// When the version under test is a commit (`--head`) or the index (pre-commit) and the disk differs
// from it, static-analysis and tests must judge that tree, or say they could not: real temp repos,
// the real ESLint, tsc and node --test, through the engine (runProofgate) the CLI and hooks call.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { WORKTREES_DIR } from '../../../src/changes/worktree.js'
import type { GateId } from '../../../src/findings/types.js'
import { STAGED_TSC_REASON, type EslintPartData, type TypescriptPartData } from '../../../src/gates/static-analysis.js'
import { TEST_RESULTS_FILE, type TestResults } from '../../../src/gates/tests.js'
import { runProofgate } from '../../../src/runner/run.js'
import type { GateResult, RunResult } from '../../../src/runner/types.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

async function run(repo: TempRepo, gates: GateId[], options: { base?: string; head?: string; staged?: boolean } = {}): Promise<RunResult> {
  return runProofgate({
    cwd: repo.dir,
    gates,
    ...(options.base === undefined ? {} : { base: options.base }),
    ...(options.head === undefined ? {} : { head: options.head }),
    ...(options.staged === true ? { staged: true } : {}),
    strictWarnings: false,
    env: {},
    reporters: [],
    warn: () => {},
  })
}

function gate(result: RunResult, id: GateId): GateResult {
  const found = result.gates.find((g) => g.id === id)
  if (found === undefined) throw new Error(`gate ${id} did not run: ${result.gates.map((g) => g.id).join(', ')}`)
  return found
}

function staticData(result: RunResult): { eslint: EslintPartData; typescript: TypescriptPartData } {
  return gate(result, 'static-analysis').data as { eslint: EslintPartData; typescript: TypescriptPartData }
}

/** No temporary worktree is left: git lists the work tree alone, and .proofgate/worktrees holds nothing but its .gitignore. */
function expectNoWorktreeLeft(repo: TempRepo): void {
  expect(repo.worktrees()).toEqual([`worktree ${repo.dir}`])
  const dir = join(repo.dir, WORKTREES_DIR)
  expect(existsSync(dir) ? readdirSync(dir) : []).toEqual(existsSync(dir) ? ['.gitignore'] : [])
}

const findingsAt = (result: RunResult): Array<[string, string | undefined, number | undefined, number | undefined]> =>
  result.findings.map((f) => [f.ruleId, f.path, f.startLine, f.startColumn])

const ESLINT_CONFIG = "export default [{ files: ['**/*.js'], rules: { 'no-unused-vars': 'error' } }]\n"
const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, noEmit: true, allowJs: true, target: 'ES2023', module: 'NodeNext', types: [] },
  include: ['src'],
})
const CLEAN = 'export const a = 1\n'
const UNUSED = 'const unused = 1\nexport const a = 1\n'

describe('static-analysis when the disk differs from the version under test', () => {
  let repo: TempRepo
  let base: string
  beforeAll(() => {
    repo = makeTempGitRepo({
      linkNodeModules: true,
      files: {
        '.gitignore': 'node_modules\n.proofgate/*\n',
        'package.json': '{ "type": "module" }\n',
        'eslint.config.js': ESLINT_CONFIG,
        'tsconfig.json': TSCONFIG,
        'src/app.js': CLEAN,
        'src/other.js': CLEAN,
      },
    })
    base = repo.head()
  })
  afterAll(() => repo.cleanup())

  /** Commits `committed` on top of the base, then leaves `disk` (null: deleted) uncommitted. */
  function setUp(committed: Record<string, string>, disk: Record<string, string | null>): void {
    repo.git('reset', '-q', '--hard', base)
    // Untracked files of the last case go; ignored ones (node_modules, .proofgate) stay.
    repo.git('clean', '-qfd')
    repo.commit('change', committed)
    for (const [path, text] of Object.entries(disk)) {
      if (text === null) rmSync(join(repo.dir, path))
      else repo.write({ [path]: text })
    }
  }

  it('lints the commit under --head: an error committed and fixed on disk is still reported; tsc type-checks the commit in a temporary worktree', async () => {
    setUp({ 'src/app.js': UNUSED }, { 'src/app.js': CLEAN, 'README.md': 'notes\n' })
    const result = await run(repo, ['static-analysis'], { base, head: 'HEAD' })
    expect(findingsAt(result)).toEqual([['no-unused-vars', 'src/app.js', 1, 7]])
    const analysis = gate(result, 'static-analysis')
    expect(analysis.status).toBe('fail')
    const worktree = `in a temporary worktree of commit ${repo.head().slice(0, 12)} (the disk differs in 2 files (README.md, src/app.js))`
    expect(staticData(result)).toEqual({
      eslint: expect.objectContaining({ status: 'ran', files: 1, fromTree: 1, errors: 1, warnings: 0 }),
      biome: { status: 'skipped', reason: 'no biome.json or biome.jsonc and no @biomejs/biome dependency', detected: false },
      oxlint: { status: 'skipped', reason: 'no .oxlintrc.json and no oxlint dependency', detected: false },
      typescript: expect.objectContaining({ status: 'ran', inChangedFiles: 0, elsewhere: 0, complete: true, worktree }),
    })
    expect(analysis.summary).toBe(
      'eslint: 1 file, 1 error, 0 warnings (1 file linted from the version under test, which the disk does not match); ' +
        `tsc: 0 errors in changed files (${worktree})`,
    )
    expect(result.verdict).toBe('blocked')
    expectNoWorktreeLeft(repo)
  })

  it('does not report an error that exists only on disk, and passes since tsc checked the commit', async () => {
    setUp({ 'src/app.js': 'export const a = 2\n' }, { 'src/app.js': UNUSED, 'src/typed.ts': "export const n: number = 'only on disk'\n" })
    const result = await run(repo, ['static-analysis'], { base, head: 'HEAD' })
    expect(result.findings).toEqual([])
    expect(gate(result, 'static-analysis')).toMatchObject({ status: 'pass' })
    expect(result.inconclusive).toEqual([])
    expect(staticData(result).eslint).toMatchObject({ status: 'ran', files: 1, fromTree: 1, errors: 0 })
    expect(staticData(result).typescript).toMatchObject({ status: 'ran', inChangedFiles: 0, elsewhere: 0 })
  })

  it('blocks on a tsc error in a commit that is not checked out (--head), whatever the disk holds', async () => {
    setUp({}, {})
    repo.git('switch', '-q', '-c', 'typed')
    const typed = repo.commit('a type error', { 'src/typed.ts': "export const n: number = 'x'\n" })
    repo.git('switch', '-q', '-')
    onTestFinished(() => {
      repo.git('branch', '-q', '-D', 'typed')
    })
    const result = await run(repo, ['static-analysis'], { base, head: 'typed' })
    expect(findingsAt(result)).toEqual([['TS2322', 'src/typed.ts', 1, 14]])
    expect(result.findings[0]).toMatchObject({ severity: 'high', blocking: true, message: "Type 'string' is not assignable to type 'number'." })
    expect(staticData(result).typescript).toMatchObject({
      status: 'ran',
      inChangedFiles: 1,
      worktree: `in a temporary worktree of commit ${typed.slice(0, 12)} (the disk differs in 1 file (src/typed.ts))`,
    })
    expect(result.verdict).toBe('blocked')
    expect(result.exitCode).toBe(1)
    expectNoWorktreeLeft(repo)
  })

  it('names at most three differing paths', async () => {
    setUp({ 'src/app.js': 'export const a = 3\n' }, { 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c', 'd.txt': 'd' })
    const result = await run(repo, ['static-analysis'], { base, head: 'HEAD' })
    expect(staticData(result).typescript).toMatchObject({
      status: 'ran',
      worktree: `in a temporary worktree of commit ${repo.head().slice(0, 12)} (the disk differs in 4 files (a.txt, b.txt, c.txt, …))`,
    })
    // src/app.js matches the commit on disk, so ESLint read it from the disk as before.
    expect(staticData(result).eslint).toMatchObject({ status: 'ran', files: 1, fromTree: 0 })
  })

  it('lints a changed file deleted from disk, directory and all, from the commit', async () => {
    setUp({ 'src/gone/unused.js': UNUSED }, { 'src/gone/unused.js': null })
    rmSync(join(repo.dir, 'src/gone'), { recursive: true })
    const result = await run(repo, ['static-analysis'], { base, head: 'HEAD' })
    expect(findingsAt(result)).toEqual([['no-unused-vars', 'src/gone/unused.js', 1, 7]])
    expect(staticData(result).eslint).toMatchObject({ status: 'ran', files: 1, fromTree: 1, errors: 1 })
    expect(gate(result, 'static-analysis').status).toBe('fail')
  })

  it('runs ESLint from disk and tsc as before when the work tree matches the commit', async () => {
    setUp({ 'src/app.js': UNUSED, 'src/typed.ts': "export const n: number = 'x'\n" }, {})
    const result = await run(repo, ['static-analysis'], { base, head: 'HEAD' })
    expect(findingsAt(result).sort()).toEqual([
      ['TS2322', 'src/typed.ts', 1, 14],
      ['no-unused-vars', 'src/app.js', 1, 7],
    ])
    expect(staticData(result)).toMatchObject({
      eslint: { status: 'ran', files: 1, fromTree: 0 },
      typescript: { status: 'ran', inChangedFiles: 1 },
    })
  })

  it('in the pre-commit hook, lints the staged content and skips tsc without making the gate inconclusive', async () => {
    setUp({}, {})
    onTestFinished(() => {
      repo.git('reset', '-q')
    })
    repo.write({ 'src/app.js': UNUSED })
    repo.git('add', 'src/app.js')
    repo.write({ 'src/app.js': CLEAN })
    const staged = await run(repo, ['static-analysis'], { staged: true })
    expect(findingsAt(staged)).toEqual([['no-unused-vars', 'src/app.js', 1, 7]])
    expect(staticData(staged).typescript).toEqual({ status: 'skipped', reason: STAGED_TSC_REASON })

    repo.write({ 'src/app.js': 'export const a = 4\n' })
    repo.git('add', 'src/app.js')
    repo.write({ 'src/app.js': UNUSED })
    const clean = await run(repo, ['static-analysis'], { staged: true })
    expect(clean.findings).toEqual([])
    expect(gate(clean, 'static-analysis')).toMatchObject({ status: 'pass' })
    expect(clean.inconclusive).toEqual([])
  })
})

const COMMITTED_MATH = 'export const add = (a, b) => b + a\n'

describe('tests and evidence when the disk differs from the version under test', () => {
  let repo: TempRepo
  let base: string
  const resultsFile = (): string => join(repo.dir, '.proofgate', TEST_RESULTS_FILE)
  beforeAll(() => {
    repo = makeTempGitRepo({
      files: {
        '.gitignore': '.proofgate/*\n',
        'package.json': JSON.stringify({ name: 'x', type: 'module', scripts: { test: 'node --test' } }),
        'src/math.js': 'export const add = (a, b) => a + b\n',
        'test/math.test.js':
          "import { it } from 'node:test'\nimport assert from 'node:assert/strict'\nimport { add } from '../src/math.js'\nit('adds', () => assert.equal(add(1, 2), 3))\n",
      },
    })
    base = repo.head()
    repo.commit('change', { 'src/math.js': COMMITTED_MATH })
  })
  afterAll(() => repo.cleanup())

  it('runs the suite on the commit in a temporary worktree when the disk is dirty under --head, and records the results for the commit', async () => {
    // The disk breaks the test the commit passes: running it there would record a failure for the commit's tree.
    repo.write({ 'src/math.js': 'export const add = () => 0\n' })
    onTestFinished(() => repo.write({ 'src/math.js': COMMITTED_MATH }))
    const result = await run(repo, ['tests', 'evidence'], { base, head: 'HEAD' })
    expect(gate(result, 'tests')).toMatchObject({
      status: 'pass',
      summary: expect.stringMatching(
        new RegExp(
          `^1 test: 1 passed, 0 failed, 0 skipped \\(node, [0-9.]+ m?s\\); in a temporary worktree of commit ${repo.head().slice(0, 12)} \\(the disk differs in 1 file \\(src/math\\.js\\)\\)$`,
        ),
      ),
    })
    expect(result.findings).toEqual([])
    expect(JSON.parse(readFileSync(resultsFile(), 'utf8'))).toMatchObject({
      status: 'passed',
      passed: 1,
      failed: 0,
      treeHash: repo.git('rev-parse', 'HEAD^{tree}'),
      headSha: repo.head(),
    })
    expect(gate(result, 'evidence')).toMatchObject({ status: 'pass' })
    expectNoWorktreeLeft(repo)
  })

  it('counts an untracked file (a forgotten git add) as a difference from the checked-out commit, and tests without it', async () => {
    repo.write({
      'src/helper.js': 'export const helper = 1\n',
      'test/helper.test.js': "import { it } from 'node:test'\nit('fails only on disk', () => { throw new Error('x') })\n",
    })
    onTestFinished(() => {
      rmSync(join(repo.dir, 'src/helper.js'))
      rmSync(join(repo.dir, 'test/helper.test.js'))
    })
    const result = await run(repo, ['tests'], { base, head: 'HEAD' })
    expect(gate(result, 'tests')).toMatchObject({
      status: 'pass',
      summary: expect.stringContaining('(the disk differs in 2 files (src/helper.js, test/helper.test.js))'),
    })
    expectNoWorktreeLeft(repo)
  })

  it('tests a commit that is not checked out in a temporary worktree of it', async () => {
    // The work tree is the later commit, clean; the version under test is the earlier one.
    const result = await run(repo, ['tests'], { base, head: base })
    expect(gate(result, 'tests')).toMatchObject({
      status: 'pass',
      summary: expect.stringContaining(`in a temporary worktree of commit ${base.slice(0, 12)} (the disk differs in 1 file (src/math.js))`),
    })
    expect(JSON.parse(readFileSync(resultsFile(), 'utf8'))).toMatchObject({ status: 'passed', treeHash: repo.git('rev-parse', `${base}^{tree}`) })
    expectNoWorktreeLeft(repo)
  })

  it('runs the suite as before on a clean work tree, and keeps those results when the disk is dirtied', async () => {
    const clean = await run(repo, ['tests', 'evidence'], { base, head: 'HEAD' })
    expect(gate(clean, 'tests').status).toBe('pass')
    expect(gate(clean, 'evidence').status).toBe('pass')
    const recorded = JSON.parse(readFileSync(resultsFile(), 'utf8')) as TestResults
    expect(recorded).toMatchObject({ status: 'passed', passed: 1, treeHash: repo.git('rev-parse', 'HEAD^{tree}') })

    repo.write({ 'test/extra.test.js': "import { it } from 'node:test'\nit('fails', () => { throw new Error('x') })\n" })
    onTestFinished(() => rmSync(join(repo.dir, 'test/extra.test.js'), { force: true }))
    const dirty = await run(repo, ['tests', 'evidence'], { base, head: 'HEAD' })
    // The failing test exists only on disk: the commit's suite, run in a worktree, still passes.
    expect(gate(dirty, 'tests')).toMatchObject({ status: 'pass', summary: expect.stringContaining('(the disk differs in 1 file (test/extra.test.js))') })
    expect(JSON.parse(readFileSync(resultsFile(), 'utf8'))).toMatchObject({
      status: 'passed',
      passed: 1,
      failed: 0,
      treeHash: recorded.treeHash,
      runId: dirty.runId,
    })
    expect(gate(dirty, 'evidence')).toMatchObject({ status: 'pass' })
  })

  it('errors (blocks) with a remedy a hook can follow when the worktree cannot be made', async () => {
    // .proofgate/worktrees is a symbolic link: proofgate never writes through one.
    const elsewhere = mkdtempSync(join(tmpdir(), 'proofgate-elsewhere-'))
    onTestFinished(() => {
      rmSync(join(repo.dir, 'src/helper.js'), { force: true })
      rmSync(join(repo.dir, WORKTREES_DIR), { force: true })
      rmSync(elsewhere, { recursive: true })
    })
    repo.write({ 'src/helper.js': 'export const helper = 1\n' })
    rmSync(join(repo.dir, WORKTREES_DIR), { recursive: true, force: true })
    mkdirSync(join(repo.dir, '.proofgate'), { recursive: true })
    symlinkSync(elsewhere, join(repo.dir, WORKTREES_DIR))
    const result = await run(repo, ['tests'], { base, head: 'HEAD' })
    const reason = `cannot check out the version under test (commit ${repo.head().slice(0, 12)}) in a temporary git worktree: .proofgate/worktrees is a symbolic link; proofgate does not follow it`
    expect(gate(result, 'tests')).toMatchObject({ status: 'errored', reason })
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.blocking, f.message, f.help])).toEqual([
      [
        'gate-errored',
        'critical',
        true,
        `The tests gate could not run: ${reason}`,
        'commit or stash your changes (git stash -u), or check out the branch you push, so that the disk is the version under test; then run again',
      ],
    ])
    expect(result.verdict).toBe('blocked')
    expect(readdirSync(elsewhere)).toEqual([])
  })

  it('skips tests and evidence with the same reason when only documentation changed', async () => {
    const code = repo.head()
    repo.commit('docs', { 'README.md': '# x\n', LICENSE: 'MIT\n' })
    const result = await run(repo, ['tests', 'evidence'], { base: code, head: 'HEAD' })
    const reason = 'only documentation changed (2 files (LICENSE, README.md))'
    expect(gate(result, 'tests')).toMatchObject({ status: 'skipped', reason })
    expect(gate(result, 'evidence')).toMatchObject({ status: 'skipped', reason })
    expect(result.inconclusive).toEqual([])
  })
})
