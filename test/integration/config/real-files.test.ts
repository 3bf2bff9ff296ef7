// Config and waivers are real files: a `.proofgate.yml` or `.proofgate/waivers.yml` replaced by a
// symbolic link (dangling, to a weaker file in the repository, to a file outside it) is never
// followed. A linked config stops a run on the work tree (exit 78); a linked waivers file reads as
// none; gate-integrity reports either link as critical, like a deletion.
import { readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, type JsonReport } from '../../helpers/cli.js'
import { makeTempDir, makeTempGitRepo, removeTempDirs, type TempRepo } from '../../helpers/repo.js'
import { lines } from '../../helpers/tables.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
  removeTempDirs()
})

const STRICT = lines('gates:', '  semantic-tests:', '    mode: blocking', 'proof:', '  - { name: check, run: "true", timeout: 60 }')
const WEAK = lines('gates:', '  semantic-tests:', '    mode: off')
const GATE_IDS = [
  'static-analysis',
  'tests',
  'mock-integrity',
  'test-mutation',
  'semantic-tests',
  'doc-coverage',
  'evidence',
  'proof',
  'coverage',
  'checklist',
  'gate-integrity',
]
/** Would turn every gate off if proofgate read it. */
const SENTINEL_CONFIG = lines('gates:', ...GATE_IDS.map((id) => `  ${id}: { mode: off }`))
/** Would waive every gate-integrity finding if proofgate read it. */
const SENTINEL_WAIVERS = lines('waivers:', '  - rule: config-weakened', '    path: "**"', '    reason: sentinel, must never be read', '    proof: out-of-scope')
const WAIVERS = lines('waivers:', '  - fingerprint: 3f9c2a7d1e0b4c55', '    reason: checked by hand', '    proof: reviewer-misread')

/** A repository whose base has a strict config and a waiver; `outside` holds the sentinels, outside the repository. */
function project(): { r: TempRepo; outside: string } {
  const r = makeTempGitRepo({
    files: {
      '.gitignore': lines('.proofgate/*', '!.proofgate/waivers.yml'),
      'package.json': '{ "name": "app", "private": true, "type": "module" }\n',
      '.proofgate.yml': STRICT,
      '.proofgate/waivers.yml': WAIVERS,
      'weak.yml': WEAK,
      'README.md': '# app\n',
    },
  })
  repos.push(r)
  return { r, outside: makeTempDir({ 'proofgate.yml': SENTINEL_CONFIG, 'waivers.yml': SENTINEL_WAIVERS }, 'proofgate-outside-') }
}

/** Replaces `path` in the work tree by a symbolic link to `target`. */
function link(r: TempRepo, path: string, target: string): void {
  rmSync(join(r.dir, path))
  symlinkSync(target, join(r.dir, path))
}

const brief = (report: JsonReport) =>
  report.findings.filter((f) => f.gate === 'gate-integrity').map((f) => [f.ruleId, f.severity, f.path, f.message, f.blocking])

/** The three links of the brief, each target as it would be written. */
const TARGETS = [
  { name: 'a dangling symlink', target: () => 'nowhere.yml' },
  { name: 'a symlink to a weaker file in the repository', target: () => 'weak.yml' },
  { name: 'a symlink to a file outside the repository', target: (outside: string) => join(outside, 'proofgate.yml') },
]

describe('a symlinked .proofgate.yml, committed: gate-integrity reports it like a deletion', () => {
  it.each(TARGETS)('$name: critical, blocked, and the target never read', async ({ target }) => {
    const { r, outside } = project()
    r.git('switch', '-q', '-c', 'change')
    const to = target(outside)
    link(r, '.proofgate.yml', to)
    r.commit('config by link')
    // The disk holds main's regular config, so the run itself reads a real file; the range holds the link.
    r.git('switch', '-q', 'main')
    const result = await runCli(['run', '--base', 'main', '--head', 'change', '--gates', 'gate-integrity', '--format', 'json'], r.dir)
    expect(result.exitCode, result.stderr).toBe(1)
    const report = result.json()
    expect(report.verdict).toBe('blocked')
    const where = '(.proofgate.yml replaced by a symlink, which proofgate never follows, so the default applies)'
    expect(brief(report)).toEqual([
      [
        'config-weakened',
        'critical',
        '.proofgate.yml',
        `.proofgate.yml replaced by a symlink (to "${to}"): proofgate never follows a symlink, so the version under test has no configuration file and every setting falls back to its default.`,
        true,
      ],
      ['config-weakened', 'critical', '.proofgate.yml', `\`gates.semantic-tests.mode\` lowered from blocking to advisory ${where}.`, true],
      ['config-weakened', 'critical', '.proofgate.yml', `proof command 'check' ("true") removed ${where}: it no longer has to exit 0.`, true],
    ])
    expect(readFileSync(join(outside, 'proofgate.yml'), 'utf8')).toBe(SENTINEL_CONFIG)
  })
})

describe('a symlinked .proofgate.yml on disk: the run stops (exit 78), never on the defaults or the target', () => {
  it.each(TARGETS)('$name: PG_CONFIG_INVALID, nothing run', async ({ target }) => {
    const { r, outside } = project()
    link(r, '.proofgate.yml', target(outside))
    const result = await runCli(['run', '--format', 'json'], r.dir)
    expect(result.exitCode).toBe(78)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      'proofgate: PG_CONFIG_INVALID: .proofgate.yml is a symbolic link; proofgate reads its configuration only from a regular file\n' +
        '  hint: Replace the link with a regular file holding the content (git rm the link, add the file, commit); proofgate never follows a link.\n',
    )
  })

  it('--config FILE naming a symlink, and config print: the same error', async () => {
    const { r, outside } = project()
    symlinkSync(join(outside, 'proofgate.yml'), join(r.dir, 'ci.yml'))
    for (const args of [
      ['run', '--config', 'ci.yml'],
      ['config', 'print', '--config', 'ci.yml'],
    ]) {
      const result = await runCli(args, r.dir)
      expect(result.exitCode).toBe(78)
      expect(result.stderr).toContain('proofgate: PG_CONFIG_INVALID: ci.yml is a symbolic link; proofgate reads its configuration only from a regular file\n')
    }
  })
})

describe('a symlinked .proofgate/waivers.yml', () => {
  it('committed: gate-integrity reports it critical; the outside waivers are never read', async () => {
    const { r, outside } = project()
    r.git('switch', '-q', '-c', 'change')
    const to = join(outside, 'waivers.yml')
    link(r, '.proofgate/waivers.yml', to)
    r.commit('waivers by link')
    r.git('switch', '-q', 'main')
    const result = await runCli(['run', '--base', 'main', '--head', 'change', '--gates', 'gate-integrity', '--format', 'json'], r.dir)
    expect(result.exitCode, result.stderr).toBe(1)
    const report = result.json()
    expect(brief(report)).toEqual([
      [
        'config-weakened',
        'critical',
        '.proofgate/waivers.yml',
        `.proofgate/waivers.yml replaced by a symlink (to "${to}"): proofgate never follows a symlink, so the version under test has no waivers file that proofgate will read.`,
        true,
      ],
    ])
    expect(report.findings.every((f) => f.waived === null)).toBe(true)
  })

  it('on disk, with a loosening that the outside waiver would waive: not read (no waivers), critical, blocked', async () => {
    const { r, outside } = project()
    r.write({ '.proofgate.yml': WEAK })
    const to = join(outside, 'waivers.yml')
    link(r, '.proofgate/waivers.yml', to)
    const result = await runCli(['run', '--base', 'HEAD', '--gates', 'gate-integrity', '--format', 'json'], r.dir)
    expect(result.exitCode, result.stderr).toBe(1)
    const report = result.json()
    expect(brief(report).filter(([, , path]) => path === '.proofgate/waivers.yml')).toEqual([
      [
        'config-weakened',
        'critical',
        '.proofgate/waivers.yml',
        `.proofgate/waivers.yml replaced by a symlink (to "${to}"): proofgate never follows a symlink, so the version under test has no waivers file that proofgate will read.`,
        true,
      ],
    ])
    // The sentinel waives every config-weakened finding: had it been read, something would be waived.
    expect(report.findings.filter((f) => f.gate === 'gate-integrity').every((f) => f.waived === null && f.blocking)).toBe(true)
    expect(readFileSync(to, 'utf8')).toBe(SENTINEL_WAIVERS)
  })

  it('a symlinked .proofgate directory: nothing read or written through it (PG_STATE_UNSAFE, exit 78)', async () => {
    const { r, outside } = project()
    rmSync(join(r.dir, '.proofgate'), { recursive: true })
    symlinkSync(outside, join(r.dir, '.proofgate'))
    const result = await runCli(['run', '--base', 'HEAD', '--gates', 'gate-integrity'], r.dir)
    expect(result.exitCode).toBe(78)
    expect(result.stderr).toContain('proofgate: PG_STATE_UNSAFE: Refusing to write proofgate state: .proofgate is a symbolic link.\n')
    expect(readdirSync(outside).sort()).toEqual(['proofgate.yml', 'waivers.yml'])
  })
})
