// Racy edits: a file rewritten with content of the same size in the same second as the index
// write looks unchanged by its stat data alone. The snapshot must still see it, every time.
import { execFileSync } from 'node:child_process'
import { closeSync, openSync, renameSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { resolveChanges } from '../../../src/changes/git.js'
import { runCli } from '../../helpers/cli.js'
import { GIT_ENV, makeTempDir, PROJECT_ROOT, removeTempDirs } from '../../helpers/repo.js'

afterAll(removeTempDirs)

interface TempRepo {
  dir: string
  git(...args: string[]): string
}

const BEFORE = 'export const a = 1 // a plain constant\n'
// The same number of bytes: the size in the index's stat data matches too.
const AFTER = 'debugger\nexport const a = 2 // planted\n'
const TRIES = 20

type Edit = 'in place' | 'rename'

/** Rewrites `path` with AFTER: in place through `open('r+')` (same inode), or via a temp file renamed over it. */
function edit(dir: string, path: string, how: Edit): void {
  const full = join(dir, path)
  if (how === 'in place') {
    const fd = openSync(full, 'r+')
    try {
      writeSync(fd, Buffer.from(AFTER), 0, AFTER.length, 0)
    } finally {
      closeSync(fd)
    }
  } else {
    writeFileSync(`${full}.tmp`, AFTER)
    renameSync(`${full}.tmp`, full)
  }
}

const second = (path: string): bigint => statSync(path, { bigint: true }).mtimeNs / 1_000_000_000n

const LINT = { 'eslint.config.js': "export default [{ rules: { 'no-debugger': 'error' } }]\n", '.gitignore': 'node_modules\n' }

/**
 * A fresh repository whose one commit wrote the index in the same second as a same-size edit of
 * src/a.js that followed it: the racy case git's stat check alone cannot tell from "unchanged".
 * Three git processes (init, add, commit): the test makes 42 of these; `lint` adds an ESLint
 * config and proofgate's node_modules.
 */
function racyRepo(how: Edit, lint = false): TempRepo {
  for (let attempt = 0; attempt < 10; attempt++) {
    const dir = makeTempDir({ 'src/a.js': BEFORE, ...(lint ? LINT : {}) }, 'proofgate-racy-')
    if (lint) symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' })
    git('init', '-q')
    git('add', '-A')
    git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'the constant')
    edit(dir, 'src/a.js', how)
    const index = second(join(dir, '.git', 'index'))
    if (second(join(dir, 'src/a.js')) === index && BigInt(Math.floor(Date.now() / 1000)) === index) return { dir, git }
  }
  throw new Error('could not fit a commit and an edit into one second in 10 attempts')
}

/**
 * Sleeps into the next second: proofgate runs after the racy second is over, as a person's or an
 * agent's run does (an index read in that very second would see the entry as racy anyway).
 */
async function nextSecond(): Promise<void> {
  await new Promise((done) => setTimeout(done, 1000 - (Date.now() % 1000) + 20))
}

describe('a same-size edit in the same second as the index write', () => {
  expect(Buffer.byteLength(AFTER)).toBe(Buffer.byteLength(BEFORE))

  for (const how of ['in place', 'rename'] as const) {
    it(`is in the change set with its new content, ${TRIES} of ${TRIES} fresh repositories (${how})`, async () => {
      const made = Array.from({ length: TRIES }, () => racyRepo(how))
      await nextSecond()
      const seen: string[] = []
      for (const r of made) {
        const { changes } = await resolveChanges({ cwd: r.dir, base: 'HEAD' })
        const file = changes.files.find((f) => f.path === 'src/a.js')
        const content = r.git('cat-file', 'blob', `${changes.treeHash}:src/a.js`)
        seen.push(file === undefined ? 'missed' : `${file.status} ${JSON.stringify(file.addedLines)} ${content === AFTER ? 'new content' : 'old content'}`)
      }
      expect(seen).toEqual(Array.from({ length: TRIES }, () => 'modified [{"start":1,"end":2}] new content'))
    })
  }

  it('reports the planted debugger at its true severity through the CLI (both kinds of edit)', async () => {
    const made = (['in place', 'rename'] as const).map((how) => ({ how, r: racyRepo(how, true) }))
    await nextSecond()
    for (const { how, r } of made) {
      const run = await runCli(['run', '--base', 'HEAD', '--gates', 'static-analysis', '--format', 'json'], r.dir)
      const rows = run.json().findings.map((f) => [f.ruleId, f.severity, `${f.path}:${f.startLine}:${f.startColumn}`, f.blocking])
      expect(rows, how).toEqual([['no-debugger', 'high', 'src/a.js:1:1', true]])
      expect(run.exitCode, how).toBe(1)
    }
  })
})
