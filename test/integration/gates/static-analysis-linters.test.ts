// The repository's own linter, whatever it is (issue 19, point 5): ESLint 8 with eslintrc, Biome
// and oxlint, each the real tool installed in a real temp git repository (symlinked from
// proofgate's node_modules, as `npm install` would lay it out), through the real CLI; and a
// repository with none of them.
import { mkdirSync, symlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, type JsonReport } from '../../helpers/cli.js'
import { makeTempGitRepo, PROJECT_ROOT, type TempRepo } from '../../helpers/repo.js'

const OWN = join(PROJECT_ROOT, 'node_modules')

/** Links `node_modules/<name>` in `dir` to `target` (a path under proofgate's node_modules). */
function link(dir: string, name: string, target: string): void {
  const at = join(dir, 'node_modules', name)
  mkdirSync(dirname(at), { recursive: true })
  symlinkSync(join(OWN, target), at)
}

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

/**
 * A repository whose base has `src/app.js` with a `debugger` statement on line 2 (debt the change
 * did not cause); the change appends a function with a new one on line 6, column 3.
 */
function scenario(files: Record<string, string>, install: (dir: string) => void): { repo: TempRepo; base: string } {
  const repo = makeTempGitRepo({
    files: {
      '.gitignore': 'node_modules\n',
      'src/app.js': 'export function old() {\n  debugger;\n  return 1;\n}\n',
      ...files,
    },
  })
  repos.push(repo)
  install(repo.dir)
  const base = repo.head()
  repo.commit('change', {
    'src/app.js': 'export function old() {\n  debugger;\n  return 1;\n}\nexport function added() {\n  debugger;\n  return 2;\n}\n',
  })
  return { repo, base }
}

async function run(repo: TempRepo, base: string): Promise<{ exitCode: number | null; report: JsonReport }> {
  const result = await runCli(['run', '--base', base, '--gates', 'static-analysis', '--format', 'json'], repo.dir)
  return { exitCode: result.exitCode, report: result.json() }
}

const pick = (f: JsonReport['findings'][number]): Record<string, unknown> => ({
  ruleId: f.ruleId,
  severity: f.severity,
  path: f.path,
  startLine: f.startLine,
  startColumn: f.startColumn,
  blocking: f.blocking,
})

describe("static-analysis runs the repository's own linter", () => {
  it('ESLint 8 with .eslintrc.yml and .eslintignore: blocks the new debugger at its line, not the old one; ignored files are not counted', async () => {
    const { repo, base } = scenario(
      {
        '.eslintrc.yml': 'root: true\nenv:\n  es2022: true\nparserOptions:\n  sourceType: module\nrules:\n  no-debugger: error\n',
        '.eslintignore': 'vendor/\n',
        'vendor/lib.js': 'export const v = 1;\n',
      },
      (dir) => link(dir, 'eslint', 'eslint8'),
    )
    repo.commit('vendor change', { 'vendor/lib.js': 'export const v = 1;\ndebugger;\n' })
    const { exitCode, report } = await run(repo, base)
    expect(exitCode).toBe(1)
    expect(report.findings.map(pick)).toEqual([{ ruleId: 'no-debugger', severity: 'high', path: 'src/app.js', startLine: 6, startColumn: 3, blocking: true }])
    const gate = report.gates.find((g) => g.id === 'static-analysis')!
    expect(gate.status).toBe('fail')
    expect(gate.data).toMatchObject({
      eslint: { status: 'ran', version: '8.57.1', mode: 'eslintrc', files: 1, errors: 2, warnings: 0, unconfigured: [] },
      biome: { status: 'skipped', detected: false },
      oxlint: { status: 'skipped', detected: false },
    })
  })

  it('ESLint 8 eslintrc under --head lints the committed text (lintText), not the fixed disk copy', async () => {
    const { repo, base } = scenario(
      { '.eslintrc.yml': 'root: true\nenv:\n  es2022: true\nparserOptions:\n  sourceType: module\nrules:\n  no-debugger: error\n' },
      (dir) => link(dir, 'eslint', 'eslint8'),
    )
    repo.write({ 'src/app.js': 'export function old() {\n  return 1;\n}\n' })
    const result = await runCli(['run', '--base', base, '--head', 'HEAD', '--gates', 'static-analysis', '--format', 'json'], repo.dir)
    expect(result.exitCode).toBe(1)
    const report = result.json()
    expect(report.findings.map(pick)).toEqual([{ ruleId: 'no-debugger', severity: 'high', path: 'src/app.js', startLine: 6, startColumn: 3, blocking: true }])
    expect(report.gates.find((g) => g.id === 'static-analysis')!.data).toMatchObject({
      eslint: { status: 'ran', mode: 'eslintrc', files: 1, fromTree: 1, errors: 2 },
    })
  })

  it('ESLint 8.57 with eslint.config.js uses its flat config (loadESLint), as its own CLI would', async () => {
    const { repo, base } = scenario(
      {
        'package.json': '{ "name": "flat8", "type": "module" }\n',
        'eslint.config.js': "export default [{ files: ['**/*.js'], rules: { 'no-debugger': 'error' } }]\n",
      },
      (dir) => link(dir, 'eslint', 'eslint8'),
    )
    const { exitCode, report } = await run(repo, base)
    expect(exitCode).toBe(1)
    expect(report.findings.map(pick)).toEqual([{ ruleId: 'no-debugger', severity: 'high', path: 'src/app.js', startLine: 6, startColumn: 3, blocking: true }])
    expect(report.gates.find((g) => g.id === 'static-analysis')!.data).toMatchObject({
      eslint: { status: 'ran', version: '8.57.1', mode: 'flat', files: 1, errors: 2, warnings: 0 },
    })
  })

  it('Biome with biome.json: blocks the new debugger as lint/suspicious/noDebugger at its line, not the old one', async () => {
    const { repo, base } = scenario({ 'biome.json': '{ "linter": { "rules": { "recommended": true } } }\n' }, (dir) => {
      link(dir, '@biomejs', '@biomejs')
      link(dir, '.bin/biome', '@biomejs/biome/bin/biome')
    })
    const { exitCode, report } = await run(repo, base)
    expect(exitCode).toBe(1)
    expect(report.findings.map(pick)).toEqual([
      { ruleId: 'lint/suspicious/noDebugger', severity: 'high', path: 'src/app.js', startLine: 6, startColumn: 3, blocking: true },
    ])
    const gate = report.gates.find((g) => g.id === 'static-analysis')!
    expect(gate.status).toBe('fail')
    expect(gate.summary).toBe('biome: 1 file, 2 errors, 0 warnings; tsc skipped: no tsconfig.json in this repository')
    expect(gate.data).toMatchObject({ biome: { status: 'ran', version: '2.6.9', files: 1, errors: 2, warnings: 0, notLinted: [] } })
  })

  it('oxlint with .oxlintrc.json: blocks the new debugger as eslint(no-debugger) at its line, not the old one', async () => {
    const { repo, base } = scenario({ '.oxlintrc.json': '{ "rules": { "no-debugger": "error" } }\n' }, (dir) => {
      link(dir, 'oxlint', 'oxlint')
      link(dir, '@oxlint', '@oxlint')
      link(dir, '.bin/oxlint', 'oxlint/bin/oxlint')
    })
    const { exitCode, report } = await run(repo, base)
    expect(exitCode).toBe(1)
    expect(report.findings.map(pick)).toEqual([
      { ruleId: 'eslint(no-debugger)', severity: 'high', path: 'src/app.js', startLine: 6, startColumn: 3, blocking: true },
    ])
    const gate = report.gates.find((g) => g.id === 'static-analysis')!
    expect(gate.summary).toBe('oxlint: 1 file, 2 errors, 0 warnings; tsc skipped: no tsconfig.json in this repository')
    expect(gate.data).toMatchObject({ oxlint: { status: 'ran', version: '1.96.0', files: 1, errors: 2, warnings: 0, notLinted: [] } })
  })

  it('Biome under --head when the disk differs from the commit: not linted from the disk, the gate is inconclusive', async () => {
    const { repo, base } = scenario({ 'biome.json': '{ "linter": { "rules": { "recommended": true } } }\n' }, (dir) => {
      link(dir, '@biomejs', '@biomejs')
      link(dir, '.bin/biome', '@biomejs/biome/bin/biome')
    })
    // The committed debugger is fixed on disk only: linting the disk would pass the commit.
    repo.write({ 'src/app.js': 'export function old() {\n  return 1;\n}\n' })
    const result = await runCli(['run', '--base', base, '--head', 'HEAD', '--gates', 'static-analysis', '--format', 'json'], repo.dir)
    const report = result.json()
    expect(report.findings).toEqual([])
    const gate = report.gates.find((g) => g.id === 'static-analysis')!
    expect(gate.status).toBe('inconclusive')
    expect(gate.reason).toBe('Biome and oxlint read only the disk, which does not match the version under test for src/app.js')
    expect(gate.data).toMatchObject({ biome: { status: 'ran', files: 0, errors: 0, notLinted: ['src/app.js'] } })
    expect(report.inconclusive).toEqual([{ gate: 'static-analysis', reason: gate.reason }])
    expect(result.exitCode).toBe(0)
  })

  it("a change that turns Biome's rule off in biome.json is lint-config-weakened (gate-integrity), though Biome itself then passes", async () => {
    const { repo, base } = scenario({ 'biome.json': '{\n  "linter": { "rules": { "suspicious": { "noDebugger": "error" } } }\n}\n' }, (dir) => {
      link(dir, '@biomejs', '@biomejs')
      link(dir, '.bin/biome', '@biomejs/biome/bin/biome')
    })
    repo.commit('quiet the linter', { 'biome.json': '{\n  "linter": { "rules": { "suspicious": { "noDebugger": "off" } } }\n}\n' })
    const result = await runCli(['run', '--base', base, '--gates', 'static-analysis,gate-integrity', '--format', 'json'], repo.dir)
    expect(result.exitCode).toBe(1)
    expect(result.json().findings.map((f) => [f.gate, f.ruleId, f.severity, f.path, f.startLine, f.startColumn, f.message])).toEqual([
      [
        'gate-integrity',
        'lint-config-weakened',
        'high',
        'biome.json',
        2,
        42,
        'Biome rule lint/suspicious/noDebugger downgraded from error to off (biome.json).',
      ],
    ])
  })

  it('oxlint whose config does not parse errors the gate (fail closed)', async () => {
    const { repo, base } = scenario({ '.oxlintrc.json': '{ bad json\n' }, (dir) => {
      link(dir, 'oxlint', 'oxlint')
      link(dir, '@oxlint', '@oxlint')
      link(dir, '.bin/oxlint', 'oxlint/bin/oxlint')
    })
    const { exitCode, report } = await run(repo, base)
    expect(exitCode).toBe(1)
    const gate = report.gates.find((g) => g.id === 'static-analysis')!
    expect(gate.status).toBe('errored')
  })

  it('Biome configured but not installed: a medium linter-not-installed finding, never a silent pass', async () => {
    const { repo, base } = scenario({ 'biome.json': '{}\n' }, () => {})
    const { exitCode, report } = await run(repo, base)
    expect(exitCode).toBe(0)
    expect(report.findings.map((f) => ({ ruleId: f.ruleId, messageId: f.messageId, severity: f.severity, message: f.message }))).toEqual([
      {
        ruleId: 'linter-not-installed',
        messageId: 'notInstalled',
        severity: 'medium',
        message:
          'Biome did not run: the repository uses Biome but node_modules/.bin/biome is missing: the dependencies were not installed before proofgate ran, so the changed files were not linted.',
      },
    ])
    const gate = report.gates.find((g) => g.id === 'static-analysis')!
    expect(gate.summary).toBe(
      'biome skipped: the repository uses Biome but node_modules/.bin/biome is missing: the dependencies were not installed before proofgate ran; tsc skipped: no tsconfig.json in this repository',
    )
  })

  it('a repository with no supported linter: the gate is skipped with the reason, never pass', async () => {
    const { repo, base } = scenario({ 'package.json': '{ "name": "plain", "type": "module" }\n' }, () => {})
    const { exitCode, report } = await run(repo, base)
    expect(exitCode).toBe(0)
    expect(report.findings).toEqual([])
    const gate = report.gates.find((g) => g.id === 'static-analysis')!
    expect(gate.status).toBe('skipped')
    expect(gate.reason).toBe('eslint: no supported linter: ESLint, Biome or oxlint; tsc: no tsconfig.json in this repository')
    expect(gate.data).toMatchObject({ eslint: { status: 'skipped', reason: 'no supported linter: ESLint, Biome or oxlint' } })
  })

  it("Biome and oxlint as mere dependencies (no biome.json, no .oxlintrc.json) are not run: without its config a linter's rules are not the repository's", async () => {
    const { repo, base } = scenario(
      { 'package.json': '{ "name": "fixtures", "type": "module", "devDependencies": { "@biomejs/biome": "2.6.9", "oxlint": "1.96.0" } }\n' },
      (dir) => {
        link(dir, '@biomejs', '@biomejs')
        link(dir, '.bin/biome', '@biomejs/biome/bin/biome')
        link(dir, 'oxlint', 'oxlint')
        link(dir, '@oxlint', '@oxlint')
        link(dir, '.bin/oxlint', 'oxlint/bin/oxlint')
      },
    )
    const { exitCode, report } = await run(repo, base)
    expect(exitCode).toBe(0)
    expect(report.findings).toEqual([])
    expect(report.gates.find((g) => g.id === 'static-analysis')!.data).toMatchObject({
      biome: { status: 'skipped', reason: "@biomejs/biome is a dependency but there is no biome.json or biome.jsonc: not run without the repository's config" },
      oxlint: { status: 'skipped', reason: "oxlint is a dependency but there is no .oxlintrc.json: not run without the repository's config" },
    })
  })
})
