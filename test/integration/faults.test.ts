// The fault suite, processes part: the built CLI against hostile repositories and environments
// (planted symlinks, FIFOs, /dev/full, a live lock, git missing, another owner). Table-driven:
// each row names its exit code, its PG_* code, and checks a sentinel directory outside the
// repository byte for byte, before and after. Every row fails on main unless marked a regression guard.
import { execFileSync, spawn, spawnSync, type StdioOptions } from 'node:child_process'
import { chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CLI } from '../helpers/cli.js'
import { makeTempDir, makeTempGitRepo, PROJECT_ROOT, removeTempDirs, type TempRepo } from '../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) {
    // A row chowned the repository to another user; root can still delete it.
    r.cleanup()
  }
  removeTempDirs()
})

/** A repository with a README and one documented export; committed, plus a change on top. */
function repository(files: Record<string, string> = {}): TempRepo {
  const r = makeTempGitRepo({
    files: {
      'README.md': '# scenario\n\nA small scenario repository for the fault suite of proofgate, with one export.\n',
      'src/a.ts': '/** One. */\nexport const a = 1\n',
      ...files,
    },
  })
  repos.push(r)
  return r
}

/** Every file under `dir` with its bytes (symlinks as their target), for a byte-for-byte comparison. */
function listing(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (at: string, prefix: string): void => {
    for (const name of readdirSync(at).sort()) {
      const full = join(at, name)
      const stats = lstatSync(full)
      if (stats.isSymbolicLink()) out[prefix + name] = `-> ${readFileSync(full, 'utf8')}`
      else if (stats.isDirectory()) walk(full, `${prefix}${name}/`)
      else if (stats.isFile()) out[prefix + name] = readFileSync(full, 'latin1')
      else out[prefix + name] = `(${stats.isFIFO() ? 'fifo' : 'special'})`
    }
  }
  walk(dir, '')
  return out
}

interface Run {
  exitCode: number | null
  stdout: string
  stderr: string
  ms: number
}

/** Runs the built CLI with `env` added (PROOFGATE_* dropped) and stdio as given. */
function cli(args: string[], cwd: string, options: { env?: NodeJS.ProcessEnv; stdio?: StdioOptions } = {}): Run {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PROOFGATE_')))
  const started = performance.now()
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...base, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
    ...(options.stdio === undefined ? {} : { stdio: options.stdio }),
  })
  return { exitCode: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', ms: performance.now() - started }
}

/** The `PG_*` code of the error printed on stderr, or null. */
function errorCode(stderr: string): string | null {
  return /proofgate: (PG_[A-Z_]+):/.exec(stderr)?.[1] ?? null
}

/** A sentinel directory outside the repository holding one target file, with its listing before. */
function sentinel(): { dir: string; target: string; before: Record<string, string> } {
  const dir = makeTempDir({ 'target.txt': 'do not touch\n' }, 'proofgate-sentinel-')
  return { dir, target: join(dir, 'target.txt'), before: listing(dir) }
}

/**
 * A full device to write to: as root, a private node of /dev/full (char 1,7) in a temp dir, so a
 * build that replaces its --output with a regular file (as main did) damages only that copy.
 */
function fullDevice(): string {
  if (process.getuid?.() !== 0) return '/dev/full'
  const node = join(makeTempDir({}, 'proofgate-dev-'), 'full')
  execFileSync('mknod', ['-m', '666', node, 'c', '1', '7'])
  return node
}

const STATE_FILES = [
  'test-results.json',
  'journal/events.jsonl',
  'run-start.json',
  'scope.json',
  'eslint-cache',
  'evidence-inconclusive.json',
  'proof-results.jsonl',
]

describe('symlinked state under .proofgate/ is refused, its target untouched (PG_STATE_UNSAFE, 78)', () => {
  const cases = STATE_FILES.flatMap((file) => [
    { file, command: ['run', '--gates', 'doc-coverage'] },
    { file, command: ['start'] },
  ])
  it.each(cases)('$file with proofgate $command.0', ({ file, command }) => {
    const r = repository()
    const s = sentinel()
    mkdirSync(join(r.dir, '.proofgate', file, '..'), { recursive: true })
    symlinkSync(s.target, join(r.dir, '.proofgate', file))
    const run = cli(command, r.dir)
    expect(errorCode(run.stderr)).toBe('PG_STATE_UNSAFE')
    expect(run.stderr).toContain(`.proofgate/${file} is a symbolic link`)
    expect(run.exitCode).toBe(78)
    expect(listing(s.dir)).toEqual(s.before)
  })

  it('.proofgate itself a symlink to a directory outside', () => {
    const r = repository()
    const s = sentinel()
    symlinkSync(s.dir, join(r.dir, '.proofgate'))
    const run = cli(['run', '--gates', 'doc-coverage'], r.dir)
    expect([run.exitCode, errorCode(run.stderr)]).toEqual([78, 'PG_STATE_UNSAFE'])
    expect(listing(s.dir)).toEqual(s.before)
  })

  it('.proofgate a file: a named error, not a stack trace', () => {
    const r = repository()
    writeFileSync(join(r.dir, '.proofgate'), 'not a directory\n')
    const run = cli(['run', '--gates', 'doc-coverage'], r.dir)
    expect([run.exitCode, errorCode(run.stderr)]).toEqual([78, 'PG_STATE_UNSAFE'])
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /)
  })

  it('committed state (test-results.json tracked by git) is refused with git rm --cached as the remedy', () => {
    const r = repository()
    r.commit('commit state', { '.proofgate/test-results.json': '{}\n' })
    const run = cli(['run', '--gates', 'doc-coverage', '--head', 'HEAD', '--base', 'HEAD~1'], r.dir)
    expect([run.exitCode, errorCode(run.stderr)]).toEqual([78, 'PG_STATE_UNSAFE'])
    expect(run.stderr).toContain('git rm --cached .proofgate/test-results.json')
  })

  it('another committed file under .proofgate/ is a note, and waivers.yml is not', () => {
    const r = repository()
    r.commit('commit notes', { '.proofgate/notes.md': 'ours\n', '.proofgate/waivers.yml': 'waivers: []\n', 'src/b.ts': '/** Two. */\nexport const b = 2\n' })
    const run = cli(['run', '--gates', 'doc-coverage', '--base', 'HEAD~1', '--format', 'json'], r.dir)
    expect(run.exitCode).toBe(0)
    const notes = (JSON.parse(run.stdout) as { notes: string[] }).notes.filter((n) => n.includes('.proofgate/'))
    expect(notes).toEqual([
      '.proofgate/notes.md is committed; proofgate does not read it (only .proofgate/waivers.yml, .proofgate/checklist.yml, .proofgate/checklist/held-out.json, .proofgate/counter-evidence.yml belong in the repository)',
    ])
  })
})

describe('--output by kind', () => {
  const args = ['run', '--gates', 'doc-coverage', '--format', 'json', '--output']

  it('a regular file is replaced (temp file and rename), exit 0 (regression guard)', () => {
    const r = repository()
    writeFileSync(join(r.dir, 'report.json'), 'old')
    const run = cli([...args, 'report.json'], r.dir)
    expect(run.exitCode).toBe(0)
    expect((JSON.parse(readFileSync(join(r.dir, 'report.json'), 'utf8')) as { schemaVersion: number }).schemaVersion).toBe(1)
    expect(readdirSync(r.dir).filter((n) => n.includes('.tmp'))).toEqual([])
  })

  // Regression guard: main wrote through the link too; --output is the user's own choice of path.
  it('a symlink to a file outside is written through, and stays a symlink', () => {
    const r = repository()
    const s = sentinel()
    symlinkSync(s.target, join(r.dir, 'report.json'))
    const run = cli([...args, 'report.json'], r.dir)
    expect(run.exitCode).toBe(0)
    expect(lstatSync(join(r.dir, 'report.json')).isSymbolicLink()).toBe(true)
    expect(JSON.parse(readFileSync(s.target, 'utf8'))).toMatchObject({ schemaVersion: 1 })
  })

  it('a FIFO is written in place and stays a FIFO', async () => {
    const r = repository()
    const fifo = join(r.dir, 'report.fifo')
    execFileSync('mkfifo', [fifo])
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] })
    let read = ''
    reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString('utf8')))
    const done = new Promise((resolve) => reader.on('close', resolve))
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PROOFGATE_')))
    const child = spawn(process.execPath, [CLI, ...args, fifo], { cwd: r.dir, env: { ...base, NO_COLOR: '1' }, stdio: 'ignore' })
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
    await done
    expect(exitCode).toBe(0)
    expect(lstatSync(fifo).isFIFO()).toBe(true)
    expect(JSON.parse(read)).toMatchObject({ schemaVersion: 1 })
  })

  it('/dev/full: the write fails with PG_OUTPUT_FAILED, exit 74, and the device stays a device', () => {
    const r = repository()
    const full = fullDevice()
    const run = cli([...args, full], r.dir)
    expect(lstatSync(full).isCharacterDevice()).toBe(true)
    expect([run.exitCode, errorCode(run.stderr)]).toEqual([74, 'PG_OUTPUT_FAILED'])
    expect(run.stderr).toContain(`Cannot write the report to ${full}: no space left on the device.`)
  })

  it('/dev/stdout into a pipe (as a process substitution >(cmd) is /dev/fd/N): in place', () => {
    const r = repository()
    const run = cli([...args, '/dev/stdout', '--format', 'json'], r.dir)
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('"schemaVersion": 1')
  })

  it('a directory is a usage error naming the path, before any gate runs', () => {
    const r = repository()
    mkdirSync(join(r.dir, 'out'))
    const run = cli([...args, 'out'], r.dir)
    expect([run.exitCode, errorCode(run.stderr)]).toEqual([64, 'PG_OUTPUT_INVALID'])
    expect(run.stderr).toContain(`Invalid --output '${join(r.dir, 'out')}': it is a directory.`)
    expect(run.stdout).toBe('')
  })
})

describe('stdout that cannot be written exits 74', () => {
  it('stdout on /dev/full', () => {
    const r = repository()
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PROOFGATE_')))
    const result = spawnSync('sh', ['-c', `"$0" "$1" run --gates doc-coverage > "$2"`, process.execPath, CLI, fullDevice()], {
      cwd: r.dir,
      env: { ...base, NO_COLOR: '1' },
      encoding: 'utf8',
    })
    expect([result.status, errorCode(result.stderr)]).toEqual([74, 'PG_OUTPUT_FAILED'])
    expect(result.stderr).toContain('Cannot write the report to stdout: no space left on the device.')
  })
})

describe('named errors from the environment and input', () => {
  it('git missing from PATH: PG_GIT_NOT_FOUND, not "Not a git repository"', () => {
    const r = repository()
    const run = cli(['run'], r.dir, { env: { PATH: '/nonexistent' } })
    expect([run.exitCode, errorCode(run.stderr)]).toEqual([78, 'PG_GIT_NOT_FOUND'])
  })

  // Root running git in a directory another uid owns is what git calls dubious ownership.
  it.skipIf(process.getuid?.() !== 0)("git's safe.directory refusal (the repository owned by another user): PG_GIT_UNSAFE_DIRECTORY", () => {
    const r = repository()
    const home = makeTempDir({}, 'proofgate-home-')
    execFileSync('chown', ['-R', '54321:54321', r.dir])
    const run = cli(['run'], r.dir, { env: { HOME: home, GIT_CONFIG_GLOBAL: join(home, '.gitconfig') } })
    chownSync(r.dir, 0, 0)
    expect([run.exitCode, errorCode(run.stderr)]).toEqual([78, 'PG_GIT_UNSAFE_DIRECTORY'])
    expect(run.stderr).toContain('git config --global --add safe.directory')
  })

  it('TMPDIR a file: PG_TMPDIR_UNUSABLE', () => {
    const r = repository()
    r.write({ 'src/a.ts': '/** One. */\nexport const a = 2\n' })
    const file = join(makeTempDir({ f: 'x' }), 'f')
    const run = cli(['run', '--gates', 'doc-coverage'], r.dir, { env: { TMPDIR: file } })
    expect([run.exitCode, errorCode(run.stderr)]).toEqual([78, 'PG_TMPDIR_UNUSABLE'])
  })

  it('a missing GIT_INDEX_FILE in the pre-commit hook: PG_INDEX_FILE_INVALID, not every file deleted', () => {
    const r = repository()
    const run = cli(['hook', 'pre-commit'], r.dir, { env: { GIT_INDEX_FILE: join(r.dir, '.git', 'no-such-index') } })
    expect([run.exitCode, errorCode(run.stderr)]).toEqual([64, 'PG_INDEX_FILE_INVALID'])
  })

  it('a garbage GIT_INDEX_FILE: PG_INDEX_FILE_INVALID, not "unmerged paths"', () => {
    const r = repository()
    writeFileSync(join(r.dir, '.git', 'garbage-index'), 'garbage\n')
    const run = cli(['hook', 'pre-commit'], r.dir, { env: { GIT_INDEX_FILE: join(r.dir, '.git', 'garbage-index') } })
    expect([run.exitCode, errorCode(run.stderr)]).toEqual([64, 'PG_INDEX_FILE_INVALID'])
    expect(run.stderr).not.toContain('unmerged')
  })

  it('the journal lock held by a live process: PG_STATE_LOCKED, exit 75, within ~2 s', async () => {
    const r = repository()
    mkdirSync(join(r.dir, '.proofgate', 'journal'), { recursive: true })
    writeFileSync(join(r.dir, '.proofgate', 'journal', 'events.jsonl'), '')
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(join(PROJECT_ROOT, 'node_modules', 'proper-lockfile'))}).lock(process.argv[1], { realpath: false, stale: 10000 }).then(() => { console.log('locked'); setTimeout(() => {}, 60000) })`,
        join(r.dir, '.proofgate', 'journal', 'events.jsonl'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      await new Promise((resolve) => holder.stdout.once('data', resolve))
      const run = cli(['run', '--gates', 'doc-coverage'], r.dir)
      expect([run.exitCode, errorCode(run.stderr)]).toEqual([75, 'PG_STATE_LOCKED'])
      expect(run.ms).toBeLessThan(8_000)
    } finally {
      holder.kill()
    }
  })

  // Root ignores permissions: the tree is read-only for nobody, whom setpriv runs proofgate as.
  it.skipIf(process.getuid?.() !== 0 || !existsSync('/usr/bin/setpriv'))(
    'a read-only work tree: PG_STATE_UNWRITABLE (as a user without write permission)',
    () => {
      const r = repository()
      mkdirSync(join(r.dir, '.proofgate'))
      execFileSync('chmod', ['-R', 'a+rX', r.dir])
      execFileSync('chmod', ['a+rx', join(r.dir, '..')])
      const home = makeTempDir({ '.gitconfig': `[safe]\n\tdirectory = *\n` }, 'proofgate-home-')
      execFileSync('chmod', ['a+rx', home])
      const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PROOFGATE_')))
      const result = spawnSync('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, 'start'], {
        cwd: r.dir,
        env: { ...base, HOME: home, GIT_CONFIG_GLOBAL: join(home, '.gitconfig'), NO_COLOR: '1' },
        encoding: 'utf8',
      })
      expect([result.status, errorCode(result.stderr)]).toEqual([78, 'PG_STATE_UNWRITABLE'])
    },
  )
})

describe('limits: a named error (78) in well under a second of work', () => {
  it('a 5 MB config of 150,000 proof entries: PG_CONFIG_TOO_LARGE', () => {
    const r = repository()
    writeFileSync(join(r.dir, '.proofgate.yml'), 'proof:\n' + '  - { name: c, run: "true" }\n'.repeat(200_000))
    const run = cli(['config', 'print'], r.dir)
    expect([run.exitCode, errorCode(run.stderr)]).toEqual([78, 'PG_CONFIG_TOO_LARGE'])
    expect(run.ms).toBeLessThan(10_000)
  })

  it('5,000-deep flow nesting: PG_CONFIG_TOO_LARGE, not a stack overflow', () => {
    const r = repository()
    writeFileSync(join(r.dir, '.proofgate.yml'), `proof: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`)
    const run = cli(['config', 'print'], r.dir)
    expect([run.exitCode, errorCode(run.stderr)]).toEqual([78, 'PG_CONFIG_TOO_LARGE'])
    expect(run.stderr).toContain('.proofgate.yml nests 5001 levels deep; the limit is 64 levels.')
  })
})
