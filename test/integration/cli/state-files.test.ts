// `.proofgate/run-start.json` and `scope.json` are real files: a corrupt or unreadable one is a
// named error that blocks, never a silent fall-back that moves the base; a symlinked state file is
// refused before anything is read or written through it.
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readScope } from '../../../src/config/scope.js'
import { readTestResults } from '../../../src/gates/tests/results.js'
import { runCli } from '../../helpers/cli.js'
import { makeTempDir, makeTempGitRepo, removeTempDirs, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
  removeTempDirs()
})

const STRICT = lines('gates:', '  semantic-tests:', '    mode: blocking')
const WEAK = lines('gates:', '  semantic-tests:', '    mode: off')
const RUN_START = '.proofgate/run-start.json'
const HINT = '  hint: run `proofgate start` to record it again, or delete .proofgate/run-start.json to compare against the merge-base (or pass --base REV)\n'

/** `proofgate start` at the base, then a committed loosening: only a run-start base sees it. */
async function startedProject(): Promise<{ r: TempRepo; base: string }> {
  const r = makeTempGitRepo({ files: { '.gitignore': '.proofgate/*\n', '.proofgate.yml': STRICT, 'README.md': '# app\n' } })
  repos.push(r)
  const base = r.head()
  const started = await runCli(['start'], r.dir)
  expect(started.exitCode, started.stderr).toBe(0)
  r.commit('loosen', { '.proofgate.yml': WEAK })
  return { r, base }
}

/** What the state-directory check says before anything is read or written (util/state.ts). */
const unsafe = (path: string, what: string) =>
  `proofgate: PG_STATE_UNSAFE: Refusing to write proofgate state: ${path} is ${what}.\n` +
  `  hint: .proofgate/ is proofgate's own: delete ${path} (rm ${path}); if it is committed, git rm --cached ${path} and commit, then run again\n`

const run = async (r: TempRepo) => await runCli(['run', '--gates', 'gate-integrity', '--format', 'json'], r.dir)

describe('run-start.json', () => {
  it('a good one is the base, and the committed loosening blocks', async () => {
    const { r, base } = await startedProject()
    const result = await run(r)
    expect(result.exitCode, result.stderr).toBe(1)
    expect(result.json().base).toMatchObject({ sha: base, source: 'run-start' })
  })

  it.each([
    { name: 'not JSON', write: (file: string) => writeFileSync(file, '{"sha": "trunc'), why: 'is not valid JSON' },
    {
      name: 'JSON without sha',
      write: (file: string) => writeFileSync(file, '{ "startedAt": "2026-01-01T00:00:00.000Z" }\n'),
      why: 'has no commit id in `sha` (40 or 64 lower-case hex digits)',
    },
    {
      name: 'a sha that is a revision, not a commit id',
      write: (file: string) => writeFileSync(file, '{ "sha": "HEAD", "startedAt": "2026-01-01T00:00:00.000Z" }\n'),
      why: 'has no commit id in `sha` (40 or 64 lower-case hex digits)',
    },
    { name: 'JSON null', write: (file: string) => writeFileSync(file, 'null\n'), why: 'is not a JSON object' },
  ])('$name: PG_STATE_CORRUPT, exit 78, naming the file and the remedy', async ({ write, why }) => {
    const { r } = await startedProject()
    write(join(r.dir, RUN_START))
    const result = await run(r)
    expect(result.exitCode).toBe(78)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(`proofgate: PG_STATE_CORRUPT: .proofgate/run-start.json ${why}, so the run-start base it records cannot be used.\n${HINT}`)
  })

  it('a directory there: refused before anything is read (PG_STATE_UNSAFE, exit 78)', async () => {
    const { r } = await startedProject()
    rmSync(join(r.dir, RUN_START))
    mkdirSync(join(r.dir, RUN_START))
    const result = await run(r)
    expect(result.exitCode).toBe(78)
    expect(result.stderr).toBe(unsafe(RUN_START, 'not a regular file'))
  })

  it('a symlink to a run-start outside the repository is refused, never followed', async () => {
    const { r } = await startedProject()
    // The outside record names HEAD: followed, it would drop the committed loosening from the change set.
    const outside = makeTempDir({ 'run-start.json': JSON.stringify({ sha: r.head(), startedAt: '2026-01-01T00:00:00.000Z' }) })
    rmSync(join(r.dir, RUN_START))
    symlinkSync(join(outside, 'run-start.json'), join(r.dir, RUN_START))
    const result = await run(r)
    expect(result.exitCode).toBe(78)
    expect(result.stderr).toBe(unsafe(RUN_START, 'a symbolic link'))
  })

  it('proofgate start refuses a symlinked run-start.json and writes nothing outside the repository', async () => {
    const { r } = await startedProject()
    const outside = makeTempDir({ 'run-start.json': 'outside, untouched\n' })
    rmSync(join(r.dir, RUN_START))
    symlinkSync(join(outside, 'run-start.json'), join(r.dir, RUN_START))
    const started = await runCli(['start'], r.dir)
    expect(started.exitCode).toBe(78)
    expect(started.stderr).toBe(unsafe(RUN_START, 'a symbolic link'))
    expect(readFileSync(join(outside, 'run-start.json'), 'utf8')).toBe('outside, untouched\n')
    expect(lstatSync(join(r.dir, RUN_START)).isSymbolicLink()).toBe(true)
  })

  it('a journal linked outside the repository is never appended to: PG_STATE_UNSAFE, exit 78', async () => {
    const { r } = await startedProject()
    const outside = makeTempDir({ 'events.jsonl': 'outside, untouched\n' })
    const journal = join(r.dir, '.proofgate', 'journal', 'events.jsonl')
    rmSync(journal)
    symlinkSync(join(outside, 'events.jsonl'), journal)
    const started = await runCli(['start'], r.dir)
    expect(started.exitCode).toBe(78)
    expect(started.stderr).toBe(unsafe('.proofgate/journal/events.jsonl', 'a symbolic link'))
    expect(readFileSync(join(outside, 'events.jsonl'), 'utf8')).toBe('outside, untouched\n')
  })

  it('a commit that no longer exists (rebased away) keeps its documented fall-back: the merge-base, with a note', async () => {
    const { r } = await startedProject()
    writeFileSync(join(r.dir, RUN_START), JSON.stringify({ sha: 'f'.repeat(40), startedAt: '2026-01-01T00:00:00.000Z' }))
    const result = await run(r)
    expect(result.exitCode, result.stderr).toBe(0)
    const report = result.json()
    expect(report.base).toMatchObject({ sha: r.head(), source: 'merge-base' })
    expect(report.notes).toContain('run-start commit ffffffffffff no longer exists; fell back to the merge-base (run proofgate start again)')
  })

  it('no run-start.json: the merge-base, as before', async () => {
    const { r } = await startedProject()
    rmSync(join(r.dir, RUN_START))
    const result = await run(r)
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.json().base.source).toBe('merge-base')
  })
})

describe('test-results.json', () => {
  it('a symlink to a passing record outside the repository does not vouch for the tree: refused, exit 78', async () => {
    const r = makeTempGitRepo({ files: { '.gitignore': '.proofgate/*\n', 'src/a.js': 'export const a = 1\n' } })
    repos.push(r)
    r.commit('change', { 'src/a.js': 'export const a = 2\n' })
    const args = ['run', '--base', 'HEAD~1', '--head', 'HEAD', '--gates', 'evidence', '--format', 'json']
    const first = await runCli(args, r.dir)
    expect(first.json().gates.map((g) => g.status)).toEqual(['inconclusive'])
    // A record claiming a pass for exactly this tree: followed, it would make the evidence gate pass.
    const record = {
      schemaVersion: 1,
      runner: 'vitest',
      status: 'passed',
      command: ['vitest', 'run'],
      total: 1,
      passed: 1,
      failed: 0,
      skipped: 0,
      durationMs: 1,
      failures: [],
      treeHash: first.json().treeHash,
      headSha: r.head(),
      runId: 'planted',
      exitCode: 0,
      finishedAt: '2026-01-01T00:00:00.000Z',
    }
    const outside = makeTempDir({ 'test-results.json': JSON.stringify(record) })
    symlinkSync(join(outside, 'test-results.json'), join(r.dir, '.proofgate', 'test-results.json'))
    const result = await runCli(args, r.dir)
    expect(result.exitCode).toBe(78)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(unsafe('.proofgate/test-results.json', 'a symbolic link'))
    // readTestResults refuses the link too (a gate error), should a read ever come before that check.
    await expect(readTestResults(join(r.dir, '.proofgate'))).rejects.toThrow('test-results.json is a symbolic link, which proofgate never follows')
  })
})

describe('scope.json', () => {
  const scopeFinding = (reason: string) => [
    'scope-changed',
    'high',
    `The recorded scope is unreadable (.proofgate/scope.json: ${reason}), so nothing shows that the configuration and proof commands are still the ones locked at \`proofgate start\`.`,
    true,
  ]
  const proof = async (r: TempRepo) => await runCli(['run', '--base', 'HEAD', '--gates', 'proof', '--format', 'json'], r.dir)

  it('a symlink to a record outside the repository is not followed: refused, named', async () => {
    const r = makeTempGitRepo({ files: { '.gitignore': '.proofgate/*\n', 'README.md': '# app\n' } })
    repos.push(r)
    expect((await runCli(['start'], r.dir)).exitCode).toBe(0)
    expect((await proof(r)).exitCode).toBe(0)
    // The same record, moved out and linked back: followed, it would read as "scope unchanged".
    const outside = makeTempDir()
    renameSync(join(r.dir, '.proofgate', 'scope.json'), join(outside, 'scope.json'))
    symlinkSync(join(outside, 'scope.json'), join(r.dir, '.proofgate', 'scope.json'))
    const result = await proof(r)
    expect(result.exitCode).toBe(78)
    expect(result.stderr).toBe(unsafe('.proofgate/scope.json', 'a symbolic link'))
    // The proof gate's own read refuses the link too: unreadable, which blocks as scope-changed.
    expect(await readScope(join(r.dir, '.proofgate'))).toEqual({ state: 'unreadable', reason: 'it is a symbolic link, which proofgate never follows' })
  })

  it('a corrupt one blocks, named', async () => {
    const r = makeTempGitRepo({ files: { '.gitignore': '.proofgate/*\n', 'README.md': '# app\n' } })
    repos.push(r)
    expect((await runCli(['start'], r.dir)).exitCode).toBe(0)
    writeFileSync(join(r.dir, '.proofgate', 'scope.json'), '{ "version": 1,')
    const result = await proof(r)
    expect(result.exitCode, result.stderr).toBe(1)
    expect(result.json().findings.map((f) => [f.ruleId, f.severity, f.message, f.blocking])).toEqual([scopeFinding('it is not valid JSON')])
  })
})

describe('.proofgate/.gitignore keeps run state out of commits', () => {
  it('a run writes it, so `git add -A` commits no journal and the next run is not refused; a waivers file stays addable', async () => {
    const r = makeTempGitRepo({ files: { 'README.md': '# app\n' } })
    repos.push(r)
    expect((await run(r)).exitCode).toBe(0)
    expect(readFileSync(join(r.dir, '.proofgate/.gitignore'), 'utf8')).toBe(
      lines(
        '# Written by proofgate: its run state is never committed (a committed state file is refused).',
        '*',
        '!waivers.yml',
        '!checklist.yml',
        '!checklist/',
        '!checklist/held-out.json',
        '!counter-evidence.yml',
      ),
    )
    writeFileSync(join(r.dir, '.proofgate/waivers.yml'), 'waivers: []\n')
    r.commit('add everything', { 'src/a.ts': '/** A. */\nexport const a = 1\n' })
    expect(r.git('ls-files', '.proofgate').split('\n')).toEqual(['.proofgate/waivers.yml'])
    const again = await run(r)
    expect(again.exitCode, again.stderr).toBe(0)
  })

  it('an existing .proofgate/.gitignore is left as it is', async () => {
    const r = makeTempGitRepo({ files: { 'README.md': '# app\n', '.proofgate/.gitignore': 'journal/\n' } })
    repos.push(r)
    expect((await run(r)).exitCode).toBe(0)
    expect(readFileSync(join(r.dir, '.proofgate/.gitignore'), 'utf8')).toBe('journal/\n')
  })
})
