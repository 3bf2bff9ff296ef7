// Code is code: .gitattributes (`-diff`, `binary`, `linguist-generated`) and NUL bytes never hide a
// JS/TS source or test file from the gates — in `run`, in the pre-commit hook and in the pre-push
// hook — and a change that adds such an attribute for code is itself a gate-integrity finding.
import { spawnSync } from 'node:child_process'
import { mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, type JsonReport } from '../../helpers/cli.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, PROJECT_ROOT, removeTempDirs, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
  removeTempDirs()
})

const ESLINT_CONFIG = `import tseslint from 'typescript-eslint'
export default [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules: { 'no-debugger': 'error' } }]
`
const BASE_FILES = {
  'package.json': '{ "name": "app", "private": true, "type": "module" }\n',
  'eslint.config.js': ESLINT_CONFIG,
  '.gitignore': 'node_modules\n.proofgate/\n',
  '.proofgate.yml': 'gates:\n  tests: { mode: off }\n  evidence: { mode: off }\n',
  'README.md': '# app\n\nA small app whose tests the gates read, whatever .gitattributes says about them.\n',
  'src/add.ts': '/** Adds two numbers. */\nexport function add(a: number, b: number): number {\n  return a + b\n}\n',
  'test/add.test.ts': "import { expect, it } from 'vitest'\nimport { add } from '../src/add.js'\n\nit('adds', () => {\n  expect(add(1, 2)).toBe(3)\n})\n",
}
/** The planted change: the source edited, the test focused, a debugger, a tautology and the expectation fitted to the new result. */
const SOURCE = BASE_FILES['src/add.ts'].replace('return a + b', 'return a + b + 1')
const PLANTED_TEST =
  "import { expect, it } from 'vitest'\nimport { add } from '../src/add.js'\n\nit.only('adds', () => {\n  debugger\n  expect(true).toBe(true)\n  expect(add(1, 2)).toBe(4)\n})\n"
/** A NUL byte in a trailing comment: git's content heuristic calls the file binary; the lines above do not move. */
const NUL = '// \u0000 end\n'

/** The planted findings, as every case must report them. */
const PLANTED = [
  ['mock-integrity', 'focused-test', 'high', 'test/add.test.ts:4'],
  ['mock-integrity', 'tautological-assertion', 'high', 'test/add.test.ts:6'],
  ['static-analysis', 'no-debugger', 'high', 'test/add.test.ts:5'],
  ['test-mutation', 'expected-value-changed', 'high', 'test/add.test.ts:7'],
]

interface Case {
  name: string
  attributes?: string
  nul?: boolean
}
const CASES: Case[] = [
  { name: '*.ts -diff', attributes: '*.ts -diff\n' },
  { name: '*.test.ts binary', attributes: '*.test.ts binary\n' },
  { name: 'a NUL byte in a comment', nul: true },
]

/** The change of `c`: the files to write on top of the base. */
function change(c: Case): Record<string, string> {
  const tail = c.nul === true ? NUL : ''
  return { ...(c.attributes === undefined ? {} : { '.gitattributes': c.attributes }), 'src/add.ts': SOURCE + tail, 'test/add.test.ts': PLANTED_TEST + tail }
}

function rows(report: JsonReport): string[][] {
  return report.findings
    .filter((f) => f.gate !== 'semantic-tests')
    .map((f) => [f.gate, f.ruleId, f.severity, `${f.path}:${f.startLine}`])
    .sort((a, b) => a.join(' ').localeCompare(b.join(' ')))
}

describe('proofgate run reads code whatever git calls binary', () => {
  for (const c of CASES) {
    it(`${c.name}: every planted finding is reported and the run is blocked`, async () => {
      const r = makeTempGitRepo({ files: BASE_FILES, linkNodeModules: true })
      repos.push(r)
      const base = r.head()
      r.commit('planted', change(c))
      const run = await runCli(['run', '--base', base, '--format', 'json'], r.dir)
      const report = run.json()
      const integrity = c.attributes === undefined ? [] : [['gate-integrity', 'attributes-weakened', 'high', '.gitattributes:1']]
      expect(rows(report)).toEqual([...integrity, ...PLANTED].sort((a, b) => a.join(' ').localeCompare(b.join(' '))))
      expect(report.verdict).toBe('blocked')
      expect(run.exitCode).toBe(1)
    })
  }
})

describe('gate-integrity: a .gitattributes line that hides code', () => {
  it.each([
    ['*.ts linguist-generated', '*.png binary\n*.ts linguist-generated\n', 2],
    ['src/** -diff', '# assets\n*.png binary\nsrc/** -diff\n', 3],
    ['a nested .gitattributes', undefined, 1],
  ])('%s is attributes-weakened, high, at its line', async (_name, attributes, line) => {
    const r = makeTempGitRepo({ files: { ...BASE_FILES, '.gitattributes': '*.png binary\n' } })
    repos.push(r)
    const base = r.head()
    const path = attributes === undefined ? 'src/.gitattributes' : '.gitattributes'
    r.commit('attributes', { [path]: attributes ?? '*.ts -diff\n' })
    const run = await runCli(['run', '--base', base, '--gates', 'gate-integrity', '--format', 'json'], r.dir)
    const report = run.json()
    expect(report.findings.map((f) => [f.ruleId, f.severity, `${f.path}:${f.startLine}`, f.blocking])).toEqual([
      ['attributes-weakened', 'high', `${path}:${line}`, true],
    ])
    expect(run.exitCode).toBe(1)
  })

  it('leaves build output, assets and a moved line alone', async () => {
    const r = makeTempGitRepo({ files: { ...BASE_FILES, '.gitattributes': '*.png binary\n' } })
    repos.push(r)
    const base = r.head()
    r.commit('attributes', { '.gitattributes': 'dist/** linguist-generated\n*.jpg binary\n*.png binary\n*.ts text eol=lf\n' })
    const run = await runCli(['run', '--base', base, '--gates', 'gate-integrity', '--format', 'json'], r.dir)
    expect(run.json().findings).toEqual([])
    expect(run.exitCode).toBe(0)
  })
})

describe("doc-coverage trusts the base's attributes", () => {
  it('a change that marks its own source linguist-generated still has its undocumented export reported', async () => {
    const r = makeTempGitRepo({ files: BASE_FILES })
    repos.push(r)
    const base = r.head()
    r.commit('exempt myself', {
      '.gitattributes': 'src/** linguist-generated\n',
      'src/sub.ts': 'export function sub(a: number, b: number): number {\n  return a - b\n}\n',
    })
    const run = await runCli(['run', '--base', base, '--gates', 'doc-coverage', '--format', 'json'], r.dir)
    expect(run.json().findings.map((f) => [f.ruleId, f.severity, `${f.path}:${f.startLine}`])).toEqual([['export-undocumented', 'low', 'src/sub.ts:1']])
  })
})

const HOOK_PACKAGES = ['eslint', 'typescript-eslint', 'vitest']

/** A repository with proofgate installed as npm would leave it, a bare remote holding the base, and the hooks installed. */
async function hooked(hooks: string[]): Promise<{ r: TempRepo; git(args: string[]): { status: number | null; output: string } }> {
  const r = makeTempGitRepo({ files: BASE_FILES })
  repos.push(r)
  mkdirSync(join(r.dir, 'node_modules', '.bin'), { recursive: true })
  for (const name of HOOK_PACKAGES) symlinkSync(join(PROJECT_ROOT, 'node_modules', name), join(r.dir, 'node_modules', name), 'dir')
  symlinkSync(PROJECT_ROOT, join(r.dir, 'node_modules', 'proofgate'), 'dir')
  symlinkSync('../proofgate/dist/cli.js', join(r.dir, 'node_modules', '.bin', 'proofgate'))
  const remote = join(makeTempDir({}, 'proofgate-remote-'), 'remote.git')
  spawnSync('git', ['init', '-q', '--bare', '-b', 'main', remote], { env: { ...process.env, ...GIT_ENV } })
  r.git('remote', 'add', 'origin', remote)
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PROOFGATE_')))
  const git = (args: string[]): { status: number | null; output: string } => {
    const run = spawnSync('sh', ['-c', 'exec "$@" 2>&1', 'sh', 'git', ...args], {
      cwd: r.dir,
      env: { ...env, ...GIT_ENV, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    })
    return { status: run.status, output: run.stdout }
  }
  expect(git(['push', '-q', '-u', 'origin', 'main']).status).toBe(0)
  const installed = await runCli(['install', ...hooks], r.dir)
  expect(installed.exitCode, installed.stderr).toBe(0)
  return { r, git }
}

/** The planted findings as the hook prints them. */
function expectPlanted(output: string): void {
  expect(output).toMatch(/proofgate - +test\/add\.test\.ts:4:1 +high +focused-test/)
  expect(output).toMatch(/proofgate - +test\/add\.test\.ts:5:3 +high +no-debugger/)
  expect(output).toMatch(/proofgate - +test\/add\.test\.ts:6:3 +high +tautological-assertion/)
  expect(output).toMatch(/proofgate - +test\/add\.test\.ts:7:3 +high +expected-value-changed/)
}

describe('the hooks read code whatever git calls binary', () => {
  it('pre-commit blocks the planted test under *.ts -diff', async () => {
    const { r, git } = await hooked(['pre-commit'])
    r.write(change(CASES[0]!))
    r.git('add', '-A')
    const blocked = git(['commit', '-m', 'planted'])
    expectPlanted(blocked.output)
    expect(blocked.output).toMatch(/proofgate - +\.gitattributes:1:\d+ +high +attributes-weakened/)
    expect(blocked.status).toBe(1)
  })

  it('pre-push blocks the planted test with a NUL byte in a comment', async () => {
    const { r, git } = await hooked(['pre-push'])
    r.commit('planted', change(CASES[2]!))
    const blocked = git(['push', 'origin', 'main'])
    expectPlanted(blocked.output)
    expect(blocked.status).toBe(1)
  })

  it('pre-push blocks the planted test under *.test.ts binary', async () => {
    const { r, git } = await hooked(['pre-push'])
    r.commit('planted', change(CASES[1]!))
    const blocked = git(['push', 'origin', 'main'])
    expectPlanted(blocked.output)
    expect(blocked.status).toBe(1)
  })
})
