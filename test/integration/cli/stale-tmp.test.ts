// A run killed with SIGKILL cannot clean `.proofgate/tmp/`; the next run removes what belongs to
// no live proofgate process (the pid is in each name), keeps a live run's entries, and never
// follows a symbolic link while doing so.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CLI, runCli } from '../../helpers/cli.js'
import { makeTempDir, makeTempGitRepo, removeTempDirs, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
  removeTempDirs()
})

const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e'

/** A node --test suite that writes its pid and waits a minute: node --test's TAP report exists from the start. */
function slowSuite(): TempRepo {
  const r = makeTempGitRepo({
    linkNodeModules: true,
    files: {
      '.gitignore': 'node_modules\n.proofgate/\nrunner.pid\n',
      'package.json': '{ "name": "app", "private": true, "type": "module" }\n',
      '.proofgate.yml': 'gates:\n  tests: { mode: blocking, runner: node, args: [src/slow.test.js] }\n',
      'src/slow.test.js': [
        "import { writeFileSync } from 'node:fs'",
        "import { test } from 'node:test'",
        "test('runs long', async () => {",
        "  writeFileSync('runner.pid', String(process.pid))",
        '  await new Promise((resolve) => setTimeout(resolve, 60_000))',
        '})',
        '',
      ].join('\n'),
    },
  })
  repos.push(r)
  return r
}

/** A pid no process has now: one that just exited. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '0']).pid
  expect(() => process.kill(pid, 0)).toThrow()
  return pid
}

function listing(dir: string): string[] {
  return readdirSync(dir).sort()
}

describe('stale .proofgate/tmp entries', () => {
  it('a SIGKILLed run leaves its report; the next run removes it and dead-pid entries, keeps a live one, never follows a link', async () => {
    const r = slowSuite()
    const tmp = join(r.dir, '.proofgate', 'tmp')
    const child = spawn(process.execPath, [CLI, 'run', '--base', 'HEAD', '--gates', 'tests'], {
      cwd: r.dir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: 'ignore',
    })
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    const pidFile = join(r.dir, 'runner.pid')
    await expect.poll(() => existsSync(pidFile) && statSync(pidFile).size > 0, { timeout: 60_000, interval: 100 }).toBe(true)
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL')
    } catch {
      // The suite went with its parent already.
    }
    const leftover = listing(tmp)
    expect(leftover).toEqual([expect.stringMatching(new RegExp(`^tests-${child.pid}-[0-9a-f-]{36}\\.tap$`))])

    // Planted next to it: a dead run's coverage directory holding a link out, a dead run's link,
    // a live run's report (this test's own pid), an old pid-less report of an earlier version.
    const outside = makeTempDir({ 'keep.txt': 'sentinel\n' }, 'proofgate-sentinel-')
    const dead = deadPid()
    mkdirSync(join(tmp, `coverage-${dead}-${UUID}`))
    writeFileSync(join(tmp, `coverage-${dead}-${UUID}`, 'coverage-final.json'), '{}')
    symlinkSync(outside, join(tmp, `coverage-${dead}-${UUID}`, 'out'))
    symlinkSync(join(outside, 'keep.txt'), join(tmp, `tests-${dead}-${UUID}.json`))
    writeFileSync(join(tmp, `tests-${process.pid}-${UUID}.json`), '{}')
    writeFileSync(join(tmp, `tests-${UUID}.json`), '{}')
    const hourAgo = (Date.now() - 2 * 60 * 60 * 1000) / 1000
    utimesSync(join(tmp, `tests-${UUID}.json`), hourAgo, hourAgo)
    writeFileSync(join(tmp, 'notes.txt'), "not proofgate's naming: left alone\n")

    const next = await runCli(['run', '--base', 'HEAD', '--gates', 'static-analysis'], r.dir)
    expect(next.exitCode, next.stderr).toBe(0)
    expect(listing(tmp)).toEqual(['notes.txt', `tests-${process.pid}-${UUID}.json`])
    expect(listing(outside)).toEqual(['keep.txt'])
    expect(readFileSync(join(outside, 'keep.txt'), 'utf8')).toBe('sentinel\n')
    expect(lstatSync(outside).isDirectory()).toBe(true)
  }, 90_000)
})
