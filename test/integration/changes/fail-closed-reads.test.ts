// Reads of the version under test fail closed: only a path the tree does not hold reads as absent.
// A file the tree names whose object is gone (a loose blob deleted, a subtree lost) is a named
// PG_GIT_FAILED, through the library and through the built CLI, never a deleted file.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readCommittedFile } from '../../../src/changes/entries.js'
import { readChangedFile } from '../../../src/changes/git.js'
import { createLineReader, readBlobs, readChangedFiles } from '../../../src/changes/history.js'
import type { ChangeSet } from '../../../src/changes/types.js'
import { ProofgateError } from '../../../src/errors.js'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

function repo(files: Record<string, string>): TempRepo {
  const r = makeTempGitRepo({ files })
  repos.push(r)
  return r
}

/** Deletes the loose object `oid` from the repository: what a corrupt or incomplete clone looks like. */
function loseObject(r: TempRepo, oid: string): void {
  rmSync(join(r.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2)))
}

function lost(oid: string, path: string, rev: string): string {
  return `git cat-file failed: the repository's data is not usable (object ${oid} of ${path} at ${rev.slice(0, 12)} cannot be read).`
}

/** What a promise rejected with, as [code, message]; [null, value] when it resolved. */
async function outcome(promise: Promise<unknown>): Promise<[string | null, unknown]> {
  try {
    return [null, await promise]
  } catch (error) {
    return error instanceof ProofgateError ? [error.code, error.message] : ['not a ProofgateError', String(error)]
  }
}

function thrown(read: () => unknown): [string | null, unknown] {
  try {
    return [null, read()]
  } catch (error) {
    return error instanceof ProofgateError ? [error.code, error.message] : ['not a ProofgateError', String(error)]
  }
}

describe('a blob the tree under test names is gone', () => {
  const r = repo({ 'src/a.ts': 'export const a = 1\n', 'keep.ts': 'export const keep = 1\n', 'dir/b.ts': 'export const b = 1\n' })
  const head = r.head()
  const tree = r.git('rev-parse', 'HEAD^{tree}')
  const keep = r.git('rev-parse', 'HEAD:keep.ts')
  loseObject(r, keep)
  const changes: ChangeSet = {
    root: r.dir,
    base: { sha: head, source: 'explicit' },
    head: { sha: head },
    treeHash: tree,
    includesWorkingTree: false,
    files: [],
    diffHash: '',
  }

  it('readBlobs: PG_GIT_FAILED for the lost blob; a path the tree does not hold is still null', async () => {
    expect(await outcome(readBlobs(r.dir, [{ rev: head, path: 'keep.ts' }]))).toEqual(['PG_GIT_FAILED', lost(keep, 'keep.ts', head)])
    expect(
      await outcome(
        readBlobs(r.dir, [
          { rev: head, path: 'src/a.ts' },
          { rev: head, path: 'gone.ts' },
        ]),
      ),
    ).toEqual([null, ['export const a = 1\n', null]])
  })

  it('readChangedFiles and readChangedFile: PG_GIT_FAILED, never null', async () => {
    expect(await outcome(readChangedFiles(changes, ['src/a.ts', 'keep.ts']))).toEqual(['PG_GIT_FAILED', lost(keep, 'keep.ts', tree)])
    expect(await outcome(readChangedFile(changes, 'keep.ts'))).toEqual(['PG_GIT_FAILED', lost(keep, 'keep.ts', tree)])
    expect(await outcome(readChangedFile(changes, 'gone.ts'))).toEqual([null, null])
  })

  it('createLineReader: the one-by-one read and the prefetch both throw PG_GIT_FAILED', async () => {
    expect(thrown(() => createLineReader(changes)('keep.ts', 1))).toEqual(['PG_GIT_FAILED', lost(keep, 'keep.ts', tree)])
    expect(await outcome(createLineReader(changes).prefetch(['keep.ts']))).toEqual(['PG_GIT_FAILED', lost(keep, 'keep.ts', tree)])
    expect(thrown(() => createLineReader(changes)('gone.ts', 1))).toEqual([null, undefined])
  })

  it('readCommittedFile (the base waivers): PG_GIT_FAILED', async () => {
    expect(await outcome(readCommittedFile(r.dir, head, 'keep.ts'))).toEqual(['PG_GIT_FAILED', lost(keep, 'keep.ts', head)])
  })
})

describe('a subtree of the tree under test is gone', () => {
  const r = repo({ 'a.ts': 'export const a = 1\n', 'dir/b.ts': 'export const b = 1\n' })
  const head = r.head()
  const dir = r.git('rev-parse', 'HEAD:dir')
  loseObject(r, dir)

  it('readBlobs: PG_GIT_FAILED naming the lost tree, not an absent file; a path beside it still reads', async () => {
    expect(await outcome(readBlobs(r.dir, [{ rev: head, path: 'dir/b.ts' }]))).toEqual([
      'PG_GIT_FAILED',
      `git cat-file failed: the repository's data is not usable (tree ${dir} of dir at ${head.slice(0, 12)} cannot be read).`,
    ])
    expect(
      await outcome(
        readBlobs(r.dir, [
          { rev: head, path: 'a.ts' },
          { rev: head, path: 'other/b.ts' },
        ]),
      ),
    ).toEqual([null, ['export const a = 1\n', null]])
  })
})

describe('through the CLI', () => {
  it('the base config blob lost: PG_GIT_FAILED, exit 78 (main took it for no config and passed)', async () => {
    const r = repo({ '.proofgate.yml': 'gates:\n  doc-coverage: { mode: off }\n', 'a.js': 'export const a = 1\n' })
    r.commit('two', { 'a.js': 'export const a = 2\n' })
    const config = r.git('rev-parse', 'HEAD:.proofgate.yml')
    loseObject(r, config)
    const run = await runCli(['run', '--base', 'HEAD~1', '--head', 'HEAD', '--gates', 'gate-integrity'], r.dir)
    expect([run.exitCode, run.stdout, run.stderr]).toEqual([
      78,
      '',
      `proofgate: PG_GIT_FAILED: ${lost(config, '.proofgate.yml', r.git('rev-parse', 'HEAD~1'))}\n` +
        '  hint: run `git fsck --full` to see what is damaged; fetch the missing objects (`git fetch --refetch origin`) or clone the repository again\n',
    ])
  })

  it('the README blob lost: doc-coverage errors and the run blocks (main passed with a warning, exit 0)', async () => {
    const r = repo({
      'README.md': '# Demo\n\nThis project demonstrates a thing and explains at length what it is for and how to use it.\n',
      'a.js': 'export const a = 1\n',
      'package.json': '{"name":"demo","version":"1.0.0"}\n',
    })
    r.commit('two', { 'a.js': 'export const a = 2\n' })
    const readme = r.git('rev-parse', 'HEAD:README.md')
    loseObject(r, readme)
    const run = await runCli(['run', '--base', 'HEAD~1', '--head', 'HEAD', '--gates', 'doc-coverage', '--format', 'json'], r.dir)
    const report = run.json()
    const reason = lost(readme, 'README.md', r.git('rev-parse', 'HEAD^{tree}'))
    expect([run.exitCode, report.verdict, report.gates.map((g) => [g.id, g.status, g.reason])]).toEqual([1, 'blocked', [['doc-coverage', 'errored', reason]]])
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.blocking, f.message, (f as { help?: string }).help])).toEqual([
      [
        'gate-errored',
        'critical',
        true,
        `The doc-coverage gate could not run: ${reason}`,
        'run `git fsck --full` to see what is damaged; fetch the missing objects (`git fetch --refetch origin`) or clone the repository again',
      ],
    ])
  })
})
