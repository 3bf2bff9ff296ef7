// Fail fast in a real pre-push hook: a planted tautology (mock-integrity blocks) and a slow
// suite that leaves a marker file when it runs. With fail-fast (the default) the push is blocked
// and the suite never starts; with `hooks.pre-push.fail-fast: false` it runs and still blocks.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, PROJECT_ROOT, removeTempDirs } from '../../helpers/repo.js'
import { slowSuiteFiles } from '../../fixtures/progress/slow-suite.js'

afterAll(removeTempDirs)

const TAUTOLOGY = [
  "import { it } from 'node:test'",
  "import assert from 'node:assert/strict'",
  "import { add } from '../src/add.js'",
  '',
  "it('works', () => {",
  '  add(1, 1)',
  '  assert.equal(1, 1)',
  '})',
  '',
].join('\n')

async function push(config: string): Promise<{ status: number | null; lines: string[]; marker: string; pushed: boolean }> {
  const marker = join(makeTempDir({}, 'proofgate-marker-'), 'suite-ran')
  const remote = join(makeTempDir({}, 'proofgate-remote-'), 'remote.git')
  const repo = makeTempGitRepo({ files: { ...slowSuiteFiles(marker), '.proofgate.yml': config } })
  mkdirSync(join(repo.dir, 'node_modules', '.bin'), { recursive: true })
  symlinkSync(PROJECT_ROOT, join(repo.dir, 'node_modules', 'proofgate'), 'dir')
  symlinkSync('../proofgate/dist/cli.js', join(repo.dir, 'node_modules', '.bin', 'proofgate'))
  spawnSync('git', ['init', '-q', '--bare', '-b', 'main', remote], { env: { ...process.env, ...GIT_ENV } })
  repo.git('remote', 'add', 'origin', remote)
  repo.git('push', '-q', '-u', 'origin', 'main')
  const installed = await runCli(['install'], repo.dir)
  expect(installed.exitCode, installed.stderr).toBe(0)
  const head = repo.commit('add a test', { 'test/works.test.js': TAUTOLOGY })
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PROOFGATE_') && k !== 'CI'))
  const r = spawnSync('sh', ['-c', 'exec "$@" 2>&1', 'sh', 'git', 'push', '-q', 'origin', 'main'], {
    cwd: repo.dir,
    env: { ...env, ...GIT_ENV, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  })
  const remoteHead = spawnSync('git', ['--git-dir', remote, 'rev-parse', 'main'], { encoding: 'utf8' }).stdout.trim()
  return { status: r.status, lines: r.stdout.split('\n').filter((l) => l.startsWith('proofgate - ')), marker, pushed: remoteHead === head }
}

const GATE_ROW = /^proofgate - {3}\S+ (\S+)\s+(\S+)\s+\d+\.\d s {2}(.*)$/

function gateRow(lines: string[], id: string): string | undefined {
  return lines.find((l) => GATE_ROW.exec(l)?.[2] === id)
}

describe('fail-fast in the pre-push hook', () => {
  it('leaves the suite unstarted when a static gate already blocks, and says so', async () => {
    const r = await push('gates:\n  static-analysis: { mode: off }\n')
    expect(r.status).not.toBe(0)
    expect(r.pushed).toBe(false)
    expect(existsSync(r.marker)).toBe(false)
    expect(
      r.lines.some((l) => /^proofgate - {3}test\/works\.test\.js:7:\d+ {2}high {2}tautological-assertion /.test(l)),
      r.lines.join('\n'),
    ).toBe(true)
    expect(gateRow(r.lines, 'tests')).toMatch(
      /skipped\s+tests\s+0\.0 s {2}skipped: not run: the push is already blocked by mock-integrity\/tautological-assertion$/,
    )
    expect(r.lines).toContain(
      'proofgate - the tests and proof did not run: the push is already blocked by mock-integrity/tautological-assertion (hooks.pre-push.fail-fast: false runs them anyway)',
    )
    // The suite gates never started: no progress line for them.
    expect(r.lines.filter((l) => l.includes('tests started'))).toEqual([])
  })

  it('runs the suite with hooks.pre-push.fail-fast: false, and the push stays blocked', async () => {
    const r = await push('gates:\n  static-analysis: { mode: off }\nhooks:\n  pre-push:\n    fail-fast: false\n')
    expect(r.status).not.toBe(0)
    expect(r.pushed).toBe(false)
    expect(existsSync(r.marker)).toBe(true)
    expect(gateRow(r.lines, 'tests')).toMatch(/pass\s+tests\s+\d+\.\d s {2}2 tests: 2 passed, 0 failed, 0 skipped \(node, \d+\.\d s\)$/)
    expect(r.lines).toContain('proofgate - tests started')
    expect(r.lines.some((l) => /^proofgate - tests passed in \d+\.\d s$/.test(l))).toBe(true)
    expect(r.lines.filter((l) => l.includes('did not run'))).toEqual([])
  })
})
