// Adding a gate is one file plus its entry in the registry (src/gates/index.ts): in a copy of
// proofgate, a throw-away gate is written and registered, `npm run docs` (generate-docs) derives the
// rest, and the copy type-checks, builds, runs the gate, reads `gates.throwaway.*` from the config
// (rejecting a bad mode at its line) and documents the gate (the index row, action.yml, the schema).
import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir, makeTempGitRepo, PROJECT_ROOT, removeTempDirs, type TempRepo } from '../../helpers/repo.js'
import type { JsonReport } from '../../helpers/cli.js'

afterAll(removeTempDirs)

/** The one new file: a gate that reports the configured word in changed files. */
const GATE_FILE = `// A throw-away gate: the configured word in a changed file is a finding.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as z from 'zod'
import type { Gate } from './types.js'

const OPTIONS = { word: z.string().min(1).default('TODO').describe('The word that must not appear') }

/** Reports \`word-found\` at each changed line holding the configured word. */
export const throwawayGate: Gate<'throwaway', typeof OPTIONS> = {
  id: 'throwaway',
  meta: {
    description: 'A throw-away gate: the configured word in a changed file',
    defaultMode: 'blocking',
    defaultTimeout: 30,
    options: OPTIONS,
    rules: { 'word-found': { description: 'The configured word appears on a changed line', defaultSeverity: 'high' } },
  },
  async run(ctx) {
    const word = ctx.config.gates.throwaway.word
    for (const file of ctx.changes.files) {
      readFileSync(join(ctx.root, file.path), 'utf8').split('\\n').forEach((text, i) => {
        if (text.includes(word)) ctx.report({ ruleId: 'word-found', severity: 'high', message: \`'\${word}' on a changed line\`, path: file.path, startLine: i + 1 })
      })
    }
    return { summary: \`\${ctx.changes.files.length} files read for '\${word}'\` }
  },
}
`

/** A copy of proofgate's sources, scripts, docs and generated files, with node_modules linked. */
function copyOfProofgate(): string {
  const dir = makeTempDir({}, 'proofgate-add-gate-')
  for (const part of ['src', 'scripts', 'docs', 'schema']) cpSync(join(PROJECT_ROOT, part), join(dir, part), { recursive: true })
  for (const file of ['action.yml', 'package.json', 'tsconfig.json']) copyFileSync(join(PROJECT_ROOT, file), join(dir, file))
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
  return dir
}

/** Registers the gate: its import and its entry in GATES, nothing else. */
function register(dir: string): void {
  const path = join(dir, 'src/gates/index.ts')
  const registry = readFileSync(path, 'utf8')
  const next = registry
    .replace("import { testsGate } from './tests.js'\n", "import { testsGate } from './tests.js'\nimport { throwawayGate } from './throwaway.js'\n")
    .replace(/gateIntegrityGate(,\n)?\]/, (_m, comma?: string) =>
      comma === undefined ? 'gateIntegrityGate, throwawayGate]' : 'gateIntegrityGate,\n  throwawayGate,\n]',
    )
  const before = new Set(registry.split('\n'))
  expect(next.split('\n').filter((line) => !before.has(line))).toEqual([
    "import { throwawayGate } from './throwaway.js'",
    expect.stringMatching(/throwawayGate[,\]]$/),
  ])
  writeFileSync(path, next)
}

const node = (cwd: string, args: string[]) => spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 300_000 })

describe('a gate added in one file plus its registry entry', () => {
  let copy: string
  let repo: TempRepo
  const cli = (args: string[]) => node(repo.dir, [join(copy, 'dist/cli.js'), ...args])

  beforeAll(() => {
    copy = copyOfProofgate()
    writeFileSync(join(copy, 'src/gates/throwaway.ts'), GATE_FILE)
    register(copy)
    repo = makeTempGitRepo({ files: { 'README.md': '# a repository\n' } })
  }, 60_000)
  afterAll(() => repo.cleanup())

  it('generate-docs derives the gate id, its rule, the schema, action.yml, the docs row and the rule page', () => {
    const run = node(copy, ['scripts/generate-docs.mjs'])
    expect([run.status, run.stderr]).toEqual([0, ''])
    const generated = readFileSync(join(copy, 'src/findings/registry.generated.ts'), 'utf8')
    expect(generated).toContain("  'gate-integrity',\n  'throwaway',\n] as const")
    expect(generated).toContain("  'throwaway/word-found': 'high',\n} as const")
    expect(readFileSync(join(copy, 'docs/gates.md'), 'utf8')).toContain(
      '| `throwaway` | blocking | 30 | no | no | no | `word` | `word-found` high |\n<!-- gate-index:end -->',
    )
    expect(readFileSync(join(copy, 'action.yml'), 'utf8')).toContain('coverage, gate-integrity, throwaway). Empty runs every gate')
    const schema = JSON.parse(readFileSync(join(copy, 'schema/proofgate.schema.json'), 'utf8')) as {
      properties: {
        gates: { properties: Record<string, { properties: Record<string, { default?: unknown }> }> }
        rules: { properties: Record<string, unknown> }
      }
    }
    const throwaway = schema.properties.gates.properties['throwaway']!.properties
    expect([Object.keys(throwaway), throwaway['mode']!.default, throwaway['timeout']!.default, throwaway['word']!.default]).toEqual([
      ['mode', 'timeout', 'word'],
      'blocking',
      30,
      'TODO',
    ])
    expect(Object.keys(schema.properties.rules.properties)).toContain('throwaway/word-found')
    // The rule's page: the generated header, then the sections a person writes.
    const page = readFileSync(join(copy, 'docs/rules/throwaway/word-found.md'), 'utf8')
    expect(page.split('\n').slice(1, 2)).toEqual(['# `throwaway/word-found`'])
    expect(page.match(/^## .*$/gm)).toEqual(['## Why', '## Example', '## Fix'])
    expect(readFileSync(join(copy, 'docs/rules/README.md'), 'utf8')).toContain('| [`throwaway/word-found`](throwaway/word-found.md) | high |')
    expect(node(copy, ['scripts/generate-docs.mjs', '--check']).status).toBe(0)
  }, 120_000)

  it('type-checks and builds', () => {
    const tsc = node(copy, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json'])
    expect([tsc.status, tsc.stdout]).toEqual([0, ''])
    const build = node(copy, ['scripts/build.mjs'])
    expect([build.status, build.stderr]).toEqual([0, ''])
  }, 300_000)

  it('runs, blocking by default, and lists itself in --help', () => {
    const base = repo.head()
    repo.commit('add a TODO', { 'src/a.js': 'export const a = 1\n// TODO: remove\n' })
    const run = cli(['run', '--base', base, '--gates', 'throwaway', '--format', 'json'])
    const report = JSON.parse(run.stdout) as JsonReport
    expect([run.status, report.gates.map((g) => [g.id, g.mode, g.status])]).toEqual([1, [['throwaway', 'blocking', 'fail']]])
    expect(report.findings.map((f) => [f.gate, f.ruleId, f.severity, f.path, f.startLine, f.blocking])).toEqual([
      ['throwaway', 'word-found', 'high', 'src/a.js', 2, true],
    ])
    expect(cli(['--help']).stdout).toContain('proof, review, coverage, gate-integrity, throwaway)')
  }, 120_000)

  it('is configurable under gates.throwaway: mode and its own option from the base config', () => {
    repo.commit('configure', { '.proofgate.yml': 'gates:\n  throwaway: { mode: advisory, word: FIXME }\n' })
    const base = repo.head()
    repo.commit('a TODO and a FIXME', { 'src/b.js': '// TODO\n// FIXME\n' })
    const run = cli(['run', '--base', base, '--gates', 'throwaway', '--format', 'json'])
    const report = JSON.parse(run.stdout) as JsonReport
    expect([run.status, report.gates.map((g) => [g.id, g.mode])]).toEqual([0, [['throwaway', 'advisory']]])
    expect(report.findings.map((f) => [f.ruleId, f.path, f.startLine, f.blocking])).toEqual([['word-found', 'src/b.js', 2, false]])
  }, 120_000)

  it('rejects an invalid gates.throwaway.mode at its line (exit 78)', () => {
    repo.write({ '.proofgate.yml': 'gates:\n  throwaway:\n    mode: strict\n' })
    const run = cli(['config', 'print'])
    expect(run.status).toBe(78)
    expect(run.stderr).toContain('.proofgate.yml:3:11  gates.throwaway.mode: expected one of blocking, advisory, off, got "strict"')
  }, 60_000)
})
