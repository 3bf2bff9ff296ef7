// Progress, queue times and the empty change set, end to end: the built CLI in a real process on
// a real temp repository whose node --test suite sleeps 2.5 s and leaves a marker file when it ran.
import { spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CLI, cliEnv, spawnCli } from '../../helpers/cli.js'
import { makeTempDir, makeTempGitRepo, removeTempDirs, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'
import { slowSuiteFiles } from '../../fixtures/progress/slow-suite.js'

afterAll(removeTempDirs)

/** The terminal's escape character, which starts a cursor movement or an erase. */
const ESC = String.fromCharCode(27)
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function slowRepo(): { repo: TempRepo; marker: string } {
  const marker = join(makeTempDir({}, 'proofgate-marker-'), 'suite-ran')
  const repo = makeTempGitRepo({ files: slowSuiteFiles(marker) })
  return { repo, marker }
}

describe('progress on stderr', () => {
  it('prints a start and an end line only for a gate over 2 s, in a log (no TTY)', () => {
    const { repo, marker } = slowRepo()
    repo.write({ 'src/add.js': 'export function add(a, b) {\n  return b + a\n}\n' })
    const r = spawnCli(['run', '--gates', 'tests,mock-integrity'], repo.dir)
    expect(r.exitCode, r.stdout + r.stderr).toBe(0)
    expect(existsSync(marker)).toBe(true)
    // mock-integrity finishes well under 2 s: no line for it.
    expect(r.stderr).toMatch(/^proofgate: tests started\nproofgate: tests passed in \d+\.\d s\n$/)
  })

  it('prints no progress beside --format json', () => {
    const { repo, marker } = slowRepo()
    repo.write({ 'src/add.js': 'export function add(a, b) {\n  return b + a\n}\n' })
    const r = spawnCli(['run', '--gates', 'tests', '--format', 'json'], repo.dir)
    expect(r.exitCode, r.stderr).toBe(0)
    expect(existsSync(marker)).toBe(true)
    expect(r.stderr).toBe('')
    const tests = r.json().gates.find((g) => g.id === 'tests') as unknown as { durationMs: number; queuedMs: number }
    expect(tests.durationMs).toBeGreaterThan(2_400)
    expect(tests.queuedMs).toBeLessThan(1_000)
  })

  it('draws a live line per running gate on a terminal, replaced by the report', () => {
    const { repo } = slowRepo()
    repo.write({ 'src/add.js': 'export function add(a, b) {\n  return b + a\n}\n' })
    // script(1) gives the CLI a pseudo-terminal; its command line is a fixed string, the paths come through the environment.
    const command = '"$PG_NODE" "$PG_CLI" run --gates tests'
    const env = cliEnv({ CI: undefined, GITHUB_ACTIONS: undefined, TERM: 'xterm', PG_NODE: process.execPath, PG_CLI: CLI })
    const r = spawnSync('script', ['-qfec', command, '/dev/null'], { cwd: repo.dir, env, encoding: 'utf8', timeout: 120_000 })
    expect(r.status, r.stdout).toBe(0)
    // Redrawn in place: cursor up over the last frame, erase, the line with the elapsed time.
    expect(r.stdout).toContain('proofgate: tests running… 0.0 s\r\n')
    // The escape sequences are what is asserted: built from ESC, so no regex literal holds a control character.
    const redraw = `\r${ESC}[1A${ESC}[J`
    expect(r.stdout).toMatch(new RegExp(`${escapeRegExp(redraw)}proofgate: tests running… 2\\.\\d s\r\n`))
    // The last frame is erased before the table; no start/end log lines on a terminal.
    expect(r.stdout).toMatch(new RegExp(`${escapeRegExp(redraw)}(\r\n)?proofgate \\d`))
    expect(r.stdout).not.toContain('tests started')
  })

  it("shows node --test's count in the live line as the tests finish", () => {
    const { repo } = slowRepo()
    repo.write({
      'test/a-quick.test.js': lines(
        "import { it } from 'node:test'",
        "import assert from 'node:assert/strict'",
        "import { add } from '../src/add.js'",
        "it('adds', () => assert.equal(add(1, 1), 2))",
        "it('adds again', () => assert.equal(add(2, 2), 4))",
      ),
    })
    repo.write({ 'src/add.js': 'export function add(a, b) {\n  return b + a\n}\n' })
    const command = '"$PG_NODE" "$PG_CLI" run --gates tests'
    const env = cliEnv({ CI: undefined, GITHUB_ACTIONS: undefined, TERM: 'xterm', PG_NODE: process.execPath, PG_CLI: CLI })
    const r = spawnSync('script', ['-qfec', command, '/dev/null'], { cwd: repo.dir, env, encoding: 'utf8', timeout: 120_000 })
    expect(r.status, r.stdout).toBe(0)
    // The quick file (first by name: node --test may run one file at a time) is done long before the slow one: the line counts its tests.
    expect(r.stdout).toMatch(/proofgate: tests running… \d\.\d s · 2 tests done\r\n/)
    expect(r.stdout).toContain('3 tests: 3 passed')
  })
})

describe('an empty change set', () => {
  it('is decided before any tool runs: only evidence runs, the suite never starts', () => {
    const { repo, marker } = slowRepo()
    const r = spawnCli(['run', '--base', 'HEAD', '--format', 'json'], repo.dir)
    expect(r.exitCode, r.stderr).toBe(1)
    expect(existsSync(marker)).toBe(false)
    const report = r.json()
    expect(report.findings.map((f) => `${f.gate}/${f.ruleId}/${f.severity}/${String(f.blocking)}`)).toEqual(['evidence/empty-change-set/high/true'])
    const tests = report.gates.find((g) => g.id === 'tests')!
    expect([tests.status, tests.reason]).toEqual(['skipped', 'not run: the change set is empty (evidence/empty-change-set decides the run)'])
    expect(report.gates.filter((g) => g.status !== 'skipped').map((g) => g.id)).toEqual(['evidence'])
    rmSync(marker, { force: true })
  })
})
