// The static-analysis gate against real temp git repositories with the real ESLint, typescript-eslint
// and tsc from proofgate's node_modules (linked in), through the real GateContext contract.
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChangedFile, ChangeSet } from '../../../src/changes/types.js'
import { configSchema, type Config } from '../../../src/config/schema.js'
import type { FindingInput } from '../../../src/findings/types.js'
import { staticAnalysisGate } from '../../../src/gates/static-analysis.js'
import type { GateContext, GateOutcome } from '../../../src/gates/types.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

interface Changed {
  path: string
  status?: ChangedFile['status']
  /** 1-based inclusive ranges; the gate reports every message, the runner filters by these. */
  lines?: Array<[number, number]>
}

function changeSet(repo: TempRepo, files: Changed[]): ChangeSet {
  return {
    root: repo.dir,
    base: { sha: repo.head(), source: 'explicit' },
    head: { sha: repo.head() },
    treeHash: 'test-tree',
    includesWorkingTree: true,
    files: files.map((f) => {
      const ranges = (f.lines ?? [[1, 1]]).map(([start, end]) => ({ start, end }))
      return { path: f.path, status: f.status ?? 'modified', binary: false, addedLines: ranges, contextLines: ranges }
    }),
    diffHash: 'test-diff',
  }
}

async function runGate(
  repo: TempRepo,
  files: Changed[],
  options: Partial<Config['gates']['static-analysis']> = {},
): Promise<{ outcome: GateOutcome; findings: FindingInput[] }> {
  const config = configSchema.parse({ gates: { 'static-analysis': options } })
  const findings: FindingInput[] = []
  const ctx: GateContext = {
    root: repo.dir,
    stateDir: join(repo.dir, '.proofgate'),
    runId: 'test',
    changes: changeSet(repo, files),
    scope: 'changes',
    config,
    signal: AbortSignal.timeout(60_000),
    timeoutMs: 60_000,
    report: (f) => findings.push(f),
    log: () => {},
    results: new Map(),
    declarations: [],
  }
  const outcome = await staticAnalysisGate.run(ctx)
  return { outcome, findings }
}

const byPosition = (a: FindingInput, b: FindingInput): number =>
  (a.path ?? '').localeCompare(b.path ?? '') || (a.startLine ?? 0) - (b.startLine ?? 0) || (a.startColumn ?? 0) - (b.startColumn ?? 0)

const ESLINT_CONFIG = `import tseslint from 'typescript-eslint'
export default [
  { files: ['**/*.js'], rules: { 'no-unused-vars': 'error', 'no-console': 'warn' } },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { '@typescript-eslint/no-unused-vars': 'error' },
  },
]
`
const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2023', module: 'NodeNext', types: [] }, include: ['src'] })

describe('static-analysis on a JS/TS repository with ESLint and tsc', () => {
  let repo: TempRepo
  let first: { outcome: GateOutcome; findings: FindingInput[] }
  let firstMs = 0
  const changed: Changed[] = [
    { path: 'src/app.js', lines: [[1, 2]] },
    { path: 'src/ünï code.js', status: 'added', lines: [[1, 4]] },
    { path: 'src/typed.ts', lines: [[1, 2]] },
    { path: 'src/gone.js', status: 'deleted', lines: [] },
  ]

  beforeAll(async () => {
    repo = makeTempGitRepo({
      linkNodeModules: true,
      files: {
        'package.json': '{ "type": "module" }\n',
        'eslint.config.js': ESLINT_CONFIG,
        'tsconfig.json': TSCONFIG,
        'tsconfig.bad.json': JSON.stringify({ compilerOptions: { bogusOption: true }, include: ['src'] }),
        'src/app.js': "const unused = 1\nconsole.log('hi')\nexport const used = 2\n",
        'src/ünï code.js': 'export function f(a) {\n  const b = a\n  return a\n}\n',
        'src/typed.ts': "export const n: number = 'not a number'\nconst local = 1\n",
        'src/legacy.ts': 'export const s: string = 42\n',
      },
    })
    const started = performance.now()
    first = await runGate(repo, changed)
    firstMs = performance.now() - started
  })
  afterAll(() => repo.cleanup())

  it('reports an ESLint error as high at the exact position', () => {
    expect(first.findings.filter((f) => f.path === 'src/app.js' && f.ruleId === 'no-unused-vars')).toEqual([
      {
        ruleId: 'no-unused-vars',
        severity: 'high',
        message: "'unused' is assigned a value but never used.",
        path: 'src/app.js',
        startLine: 1,
        startColumn: 7,
        endLine: 1,
        endColumn: 13,
        help: 'See https://eslint.org/docs/latest/rules/no-unused-vars',
      },
    ])
  })

  it('reports an ESLint warning as medium', () => {
    expect(first.findings.filter((f) => f.ruleId === 'no-console')).toEqual([
      expect.objectContaining({
        severity: 'medium',
        path: 'src/app.js',
        startLine: 2,
        startColumn: 1,
        endLine: 2,
        endColumn: 12,
        message: 'Unexpected console statement.',
      }),
    ])
  })

  it('lints a path with a space and unicode', () => {
    expect(first.findings.filter((f) => f.path === 'src/ünï code.js')).toEqual([
      expect.objectContaining({ ruleId: 'no-unused-vars', severity: 'high', startLine: 2, startColumn: 9, endLine: 2, endColumn: 10 }),
    ])
  })

  it('reports a typescript-eslint error and a tsc type error in a changed .ts file', () => {
    const typed = first.findings.filter((f) => f.path === 'src/typed.ts').sort(byPosition)
    expect(typed).toEqual([
      { ruleId: 'TS2322', severity: 'high', message: "Type 'string' is not assignable to type 'number'.", path: 'src/typed.ts', startLine: 1, startColumn: 14 },
      expect.objectContaining({ ruleId: '@typescript-eslint/no-unused-vars', severity: 'high', startLine: 2, startColumn: 7 }),
    ])
  })

  it('does not report a tsc error in an unchanged file, but counts it', () => {
    expect(first.findings.filter((f) => f.path === 'src/legacy.ts')).toEqual([])
    expect(first.findings).toHaveLength(5)
    expect(first.outcome).toEqual({
      summary: 'eslint: 3 files, 3 errors, 1 warning; tsc: 1 error in changed files (1 elsewhere)',
      data: {
        eslint: {
          status: 'ran',
          version: expect.any(String),
          mode: 'flat',
          files: 3,
          fromTree: 0,
          errors: 3,
          warnings: 1,
          unconfigured: [],
          durationMs: expect.any(Number),
        },
        biome: { status: 'skipped', reason: 'no biome.json or biome.jsonc and no @biomejs/biome dependency', detected: false },
        oxlint: { status: 'skipped', reason: 'no .oxlintrc.json and no oxlint dependency', detected: false },
        typescript: {
          status: 'ran',
          version: '6.0.3',
          tsconfig: 'tsconfig.json',
          exitCode: 2,
          inChangedFiles: 1,
          elsewhere: 1,
          complete: true,
          durationMs: expect.any(Number),
        },
      },
    })
  })

  it('keeps the ESLint cache under .proofgate/ and gives the same findings from a warm cache', async () => {
    expect(existsSync(join(repo.dir, '.proofgate', 'eslint-cache'))).toBe(true)
    const started = performance.now()
    const warm = await runGate(repo, changed, { typescript: false })
    const warmMs = performance.now() - started
    console.info(`static-analysis: cold eslint+tsc ${firstMs.toFixed(0)} ms, warm eslint only ${warmMs.toFixed(0)} ms`)
    const eslintOnly = first.findings.filter((f) => !f.ruleId.startsWith('TS'))
    expect(warm.findings.sort(byPosition)).toEqual(eslintOnly.sort(byPosition))
    expect(warm.outcome.summary).toBe('eslint: 3 files, 3 errors, 1 warning; tsc skipped: disabled in config (gates.static-analysis.typescript: false)')
  })

  it('does not report a tsc error only in an unchanged file', async () => {
    const { findings, outcome } = await runGate(repo, [{ path: 'src/app.js' }], { eslint: false })
    expect(findings).toEqual([])
    expect(outcome.summary).toBe('eslint skipped: disabled in config (gates.static-analysis.eslint: false); tsc: 0 errors in changed files (2 elsewhere)')
  })

  it('is inconclusive when a syntax error elsewhere stops tsc before the type check', async () => {
    repo.write({ 'src/zz-broken.ts': 'const = 1\n' })
    try {
      const { findings, outcome } = await runGate(repo, [{ path: 'src/app.js' }], { eslint: false })
      expect(findings).toEqual([])
      expect(outcome.status).toBe('inconclusive')
      expect(outcome.reason).toBe('tsc stopped at syntax errors in unchanged files, so the changed files were not type-checked')
    } finally {
      rmSync(join(repo.dir, 'src/zz-broken.ts'))
    }
  })

  it('throws when the tsconfig has errors, since tsc then type-checks nothing', async () => {
    await expect(runGate(repo, [{ path: 'src/typed.ts' }], { eslint: false, tsconfig: 'tsconfig.bad.json' })).rejects.toThrow(
      /tsc -p tsconfig\.bad\.json reported configuration errors.*\n.*TS5023: Unknown compiler option 'bogusOption'/,
    )
  })

  it('skips tsc with a reason when the configured tsconfig does not exist', async () => {
    const { outcome } = await runGate(repo, [{ path: 'src/app.js' }], { eslint: false, tsconfig: 'packages/x/tsconfig.json' })
    expect(outcome).toMatchObject({
      status: 'skipped',
      reason: 'eslint: disabled in config (gates.static-analysis.eslint: false); tsc: no packages/x/tsconfig.json in this repository',
    })
  })
})

describe('static-analysis on a repository without an ESLint config or tsconfig', () => {
  let repo: TempRepo
  beforeAll(() => {
    repo = makeTempGitRepo({ linkNodeModules: true, files: { 'package.json': '{ "type": "module" }\n', 'src/a.js': 'const a = 1\n' } })
  })
  afterAll(() => repo.cleanup())

  it('skips both parts with reasons when there is no eslint.config and no tsconfig', async () => {
    const { outcome, findings } = await runGate(repo, [{ path: 'src/a.js' }])
    expect(findings).toEqual([])
    expect(outcome.status).toBe('skipped')
    expect(outcome.reason).toBe(
      'eslint: no ESLint flat config file (eslint.config.js, .mjs, .cjs, .ts, .mts or .cts) found for the changed files; tsc: no tsconfig.json in this repository',
    )
    expect(outcome.summary).toContain('eslint skipped: no ESLint flat config file')
  })

  it("rejects with ESLint's message when eslint.config.js has a syntax error", async () => {
    repo.write({ 'eslint.config.js': 'export default [{ rules: {\n' })
    await expect(runGate(repo, [{ path: 'src/a.js' }])).rejects.toThrow(/^ESLint failed \(config eslint\.config\.js\): Unexpected end of input/)
  })

  it("rejects with ESLint's message when a rule has invalid options", async () => {
    repo.write({ 'eslint.config.js': "export default [{ rules: { 'no-console': ['error', { bogus: 1 }] } }]\n" })
    await expect(runGate(repo, [{ path: 'src/a.js' }])).rejects.toThrow(/Key "no-console".*\n.*Unexpected property "bogus"/s)
  })

  it('skips the ESLint part when no changed file is JS/TS', async () => {
    const { outcome } = await runGate(repo, [{ path: 'README.md' }])
    expect(outcome).toMatchObject({ status: 'skipped', reason: 'eslint: no changed JS/TS files; tsc: no changed JS/TS files' })
  })
})

describe("static-analysis's own rules report by messageId, with ESLint's message as it gives it", () => {
  let repo: TempRepo
  beforeAll(() => {
    repo = makeTempGitRepo({
      linkNodeModules: true,
      files: {
        'package.json': '{ "type": "module" }\n',
        // ESLint 9 reports an unused disable directive as a warning by default.
        'eslint.config.js': "export default [{ files: ['**/*.js'], rules: { 'no-console': 'error' } }]\n",
        'src/broken.js': 'export const a = 1\nconst = 2\n',
        'src/directive.js': '// eslint-disable-next-line no-console\nexport const b = 1\n',
      },
    })
  })
  afterAll(() => repo.cleanup())

  it('parse-error (parseError) and eslint-directive (directive): rule, messageId, severity, line and message', async () => {
    const { findings } = await runGate(repo, [{ path: 'src/broken.js' }, { path: 'src/directive.js' }], { typescript: false })
    expect(findings.sort(byPosition).map((f) => [f.ruleId, f.messageId, f.severity, f.path, f.startLine, f.message])).toEqual([
      ['parse-error', 'parseError', 'high', 'src/broken.js', 2, 'Parsing error: Unexpected token ='],
      ['eslint-directive', 'directive', 'medium', 'src/directive.js', 1, "Unused eslint-disable directive (no problems were reported from 'no-console')."],
    ])
  })

  it('valid: a file that parses, with a directive that suppresses a problem, reports nothing of either rule', async () => {
    repo.write({ 'src/clean.js': '// eslint-disable-next-line no-console\nconsole.log(1)\n' })
    const { findings } = await runGate(repo, [{ path: 'src/clean.js' }], { typescript: false })
    expect(findings).toEqual([])
  })
})

describe('static-analysis on a repository without node_modules', () => {
  let repo: TempRepo
  beforeAll(() => {
    repo = makeTempGitRepo({ files: { 'eslint.config.js': 'export default []\n', 'tsconfig.json': TSCONFIG, 'src/a.ts': 'export const a = 1\n' } })
  })
  afterAll(() => repo.cleanup())

  it('skips with "not installed" reasons', async (context) => {
    // Resolution walks up from the repository; a stray node_modules above the temp dir would find one.
    if (existsSync(join(repo.dir, '..', 'node_modules'))) context.skip()
    const { outcome } = await runGate(repo, [{ path: 'src/a.ts' }])
    expect(outcome).toMatchObject({
      status: 'skipped',
      reason: 'eslint: no supported linter: ESLint, Biome or oxlint; tsc: TypeScript is not installed in this repository',
    })
  })

  it('reports eslint-not-installed (notInstalled) when package.json declares eslint that is not installed', async (context) => {
    if (existsSync(join(repo.dir, '..', 'node_modules'))) context.skip()
    repo.write({ 'package.json': JSON.stringify({ devDependencies: { eslint: '^9.0.0' } }) })
    try {
      const { findings } = await runGate(repo, [{ path: 'src/a.ts' }], { typescript: false })
      expect(findings.map((f) => [f.ruleId, f.messageId, f.severity, f.message])).toEqual([
        [
          'eslint-not-installed',
          'notInstalled',
          'medium',
          'ESLint did not run: package.json declares eslint (devDependencies) but it is not installed: the dependencies were not installed before proofgate ran, so the changed files were not linted.',
        ],
      ])
    } finally {
      rmSync(join(repo.dir, 'package.json'))
    }
  })
})
