// `proofgate init` end to end: real temp git repositories set up as npm, pnpm + husky and yarn +
// lefthook projects, the real CLI, the written config loaded back through loadConfig, and the
// installed hook fired by a real `git push` to a bare remote.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load.js'
import { runCli } from '../../helpers/cli.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, PROJECT_ROOT, removeTempDirs, type TempRepo } from '../../helpers/repo.js'

afterAll(removeTempDirs)

const NPM_PROJECT = {
  'package.json': JSON.stringify({ name: 'app', private: true, type: 'module', scripts: { test: 'vitest run' }, devDependencies: { vitest: '5.1.1' } }) + '\n',
  'package-lock.json': '{ "name": "app", "lockfileVersion": 3, "requires": true, "packages": {} }\n',
  'eslint.config.js': "export default [{ files: ['**/*.js'], rules: { 'no-debugger': 'error' } }]\n",
  'tsconfig.json': '{ "compilerOptions": { "strict": true, "noEmit": true, "allowJs": true } }\n',
  'src/add.js': 'export function add(a, b) {\n  return a + b\n}\n',
}

const NEXT_STEPS = (install: string, files: string): string[] => [
  'proofgate init - next:',
  `  1. add proofgate to devDependencies: ${install}`,
  `  2. commit what init wrote: git add ${files} && git commit -m "Add proofgate"`,
  '  3. push: the pre-push hook runs proofgate first, and pull requests get the proofgate check',
]

/** Every file under `dir` (relative, `/`), .git left out, with its bytes: what a run may not change. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`
      if (rel === '.git/objects' || rel === '.git/logs') continue
      if (entry.isDirectory()) walk(rel)
      else files.set(rel, readFileSync(join(dir, rel), 'latin1') + `@${statSync(join(dir, rel)).mtimeMs}`)
    }
  }
  walk('')
  return files
}

function lines(text: string, dir: string): string[] {
  return text.split(dir).join('<repo>').trimEnd().split('\n')
}

describe('proofgate init', () => {
  it('sets up an npm project with vitest, an ESLint flat config and TypeScript; a second run has nothing to do', async () => {
    const repo = makeTempGitRepo({ files: NPM_PROJECT })
    const first = await runCli(['init'], repo.dir)
    expect(first.stderr).toBe('')
    expect(first.exitCode).toBe(0)
    expect(lines(first.stdout, repo.dir)).toEqual([
      'proofgate init - detected in <repo>:',
      '  package manager  npm (package-lock.json)',
      '  test runner      vitest (test script)',
      '  linter           ESLint, flat config (eslint.config.js)',
      '  TypeScript       tsconfig.json (static-analysis runs tsc)',
      '  git hooks        git hooks directory (.git/hooks)',
      'proofgate init - created .proofgate.yml',
      'proofgate init - created .gitignore',
      'proofgate init - created .github/workflows/proofgate.yml',
      'proofgate init - pre-push: created .git/hooks/pre-push (git hooks directory)',
      'proofgate init - note: node_modules/.bin/proofgate is missing, so the hooks will run npx --no-install proofgate: add proofgate to devDependencies (npm install -D github:proofgate/proofgate#v0)',
      ...NEXT_STEPS('npm install -D github:proofgate/proofgate#v0', '.proofgate.yml .gitignore .github/workflows/proofgate.yml'),
    ])
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('?? .github/workflows/proofgate.yml\n?? .gitignore\n?? .proofgate.yml')
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toBe(
      '# proofgate: run state is never committed; waivers, checklist and counter-evidence are\n.proofgate/*\n!.proofgate/waivers.yml\n!.proofgate/checklist.yml\n!.proofgate/checklist/\n!.proofgate/counter-evidence.yml\n',
    )
    const workflow = readFileSync(join(repo.dir, '.github/workflows/proofgate.yml'), 'utf8')
    expect(workflow).toContain('on: pull_request\npermissions:\n  contents: read\n  checks: write')
    expect(workflow).toContain('          fetch-depth: 0')
    expect(workflow).toContain('      - run: npm ci\n      - uses: proofgate/proofgate@v0\n')
    const config = readFileSync(join(repo.dir, '.proofgate.yml'), 'utf8')
    expect(config).toContain('#   test runner:     vitest (test script)\n#   linter:          ESLint, flat config (eslint.config.js)\n')
    // The written file is valid for the schema: it loads, and states the defaults.
    const loaded = await loadConfig(repo.dir, { env: {} })
    expect(loaded.file).toBe('.proofgate.yml')
    expect(loaded.config.gates.tests).toMatchObject({ mode: 'blocking', runner: 'auto' })
    expect(loaded.config.gates.coverage.mode).toBe('off')
    expect(loaded.config.proof).toEqual([])
    expect(readFileSync(join(repo.dir, '.git/hooks/pre-push'), 'utf8')).toContain('proofgate')
    // The same in git's eyes: the ignore lines work, the state directory stays out.
    mkdirSync(join(repo.dir, '.proofgate'))
    expect(repo.git('check-ignore', '.proofgate/run-start.json')).toBe('.proofgate/run-start.json')

    const before = snapshot(repo.dir)
    const second = await runCli(['init'], repo.dir)
    expect(second.exitCode).toBe(0)
    expect(lines(second.stdout, repo.dir).slice(6)).toEqual([
      'proofgate init - .proofgate.yml is already set up',
      'proofgate init - .gitignore is already set up',
      'proofgate init - .github/workflows/proofgate.yml is already set up',
      'proofgate init - pre-push: unchanged .git/hooks/pre-push (git hooks directory)',
      'proofgate init - note: node_modules/.bin/proofgate is missing, so the hooks will run npx --no-install proofgate: add proofgate to devDependencies (npm install -D github:proofgate/proofgate#v0)',
      'proofgate init - nothing to do: proofgate is already set up here',
    ])
    expect(snapshot(repo.dir)).toEqual(before)
  })

  it('sets up a pnpm project with husky: the hook goes into .husky/pre-push, the workflow installs with pnpm', async () => {
    const repo = makeTempGitRepo({
      files: {
        'package.json': JSON.stringify({ name: 'app', packageManager: 'pnpm@9.12.0', scripts: { test: 'jest' }, devDependencies: { husky: '9.1.7' } }) + '\n',
        'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
        '.husky/pre-commit': 'pnpm lint\n',
        'biome.json': '{}\n',
        '.gitignore': 'node_modules',
      },
    })
    const result = await runCli(['init'], repo.dir)
    expect(result.exitCode, result.stderr).toBe(0)
    expect(lines(result.stdout, repo.dir)).toEqual([
      'proofgate init - detected in <repo>:',
      '  package manager  pnpm (packageManager pnpm@9.12.0)',
      '  test runner      jest (test script)',
      '  linter           Biome (biome.json)',
      '  TypeScript       no tsconfig.json',
      '  git hooks        husky (.husky)',
      'proofgate init - created .proofgate.yml',
      'proofgate init - added 6 lines to .gitignore',
      'proofgate init - created .github/workflows/proofgate.yml',
      'proofgate init - pre-push: created .husky/pre-push (husky)',
      "proofgate init - note: core.hooksPath is not set, so git does not run husky's hooks: run npx husky (or npm install, whose prepare script runs it) so git uses .husky/_",
      'proofgate init - note: node_modules/.bin/proofgate is missing, and husky runs that one: add proofgate to devDependencies (npm install -D github:proofgate/proofgate#v0)',
      ...NEXT_STEPS('pnpm add -D github:proofgate/proofgate#v0', '.proofgate.yml .gitignore .github/workflows/proofgate.yml .husky/pre-push'),
    ])
    // Appended after the last line, which had no newline; nothing of it changed.
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toBe(
      'node_modules\n# proofgate: run state is never committed; waivers, checklist and counter-evidence are\n.proofgate/*\n!.proofgate/waivers.yml\n!.proofgate/checklist.yml\n!.proofgate/checklist/\n!.proofgate/counter-evidence.yml\n',
    )
    expect(readFileSync(join(repo.dir, '.husky/pre-push'), 'utf8')).toBe(
      '# proofgate (added by proofgate install; proofgate uninstall removes these two lines)\nproofgate hook pre-push "$@"\n',
    )
    expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toBe('pnpm lint\n')
    expect(readFileSync(join(repo.dir, '.github/workflows/proofgate.yml'), 'utf8')).toContain(
      '      - uses: pnpm/action-setup@v4\n      - uses: actions/setup-node@v5\n        with: { node-version: 24 }\n      - run: pnpm install --frozen-lockfile\n',
    )
    expect((await loadConfig(repo.dir, { env: {} })).file).toBe('.proofgate.yml')
  })

  it('sets up a yarn project with lefthook: the hook is a lefthook command, the workflow installs with yarn --immutable', async () => {
    const repo = makeTempGitRepo({
      files: {
        'package.json': JSON.stringify({ name: 'app', scripts: { test: 'node --test' } }) + '\n',
        'yarn.lock': '__metadata:\n  version: 8\n',
        '.yarnrc.yml': 'nodeLinker: node-modules\n',
        'lefthook.yml': 'pre-commit:\n  commands:\n    lint:\n      run: yarn lint\n',
        '.oxlintrc.json': '{}\n',
      },
    })
    const result = await runCli(['init'], repo.dir)
    expect(result.exitCode, result.stderr).toBe(0)
    const out = lines(result.stdout, repo.dir)
    expect(out.slice(0, 10)).toEqual([
      'proofgate init - detected in <repo>:',
      '  package manager  yarn (yarn.lock)',
      '  test runner      node (test script)',
      '  linter           oxlint (.oxlintrc.json)',
      '  TypeScript       no tsconfig.json',
      '  git hooks        lefthook (lefthook.yml)',
      'proofgate init - created .proofgate.yml',
      'proofgate init - created .gitignore',
      'proofgate init - created .github/workflows/proofgate.yml',
      'proofgate init - pre-push: added lefthook.yml (lefthook)',
    ])
    expect(out).toContain('  1. add proofgate to devDependencies: yarn add -D github:proofgate/proofgate#v0')
    expect(out).toContain(
      '  2. commit what init wrote: git add .proofgate.yml .gitignore .github/workflows/proofgate.yml lefthook.yml && git commit -m "Add proofgate"',
    )
    const lefthook = readFileSync(join(repo.dir, 'lefthook.yml'), 'utf8')
    expect(lefthook.startsWith('pre-commit:\n  commands:\n    lint:\n      run: yarn lint\n')).toBe(true)
    expect(lefthook).toContain('proofgate hook pre-push')
    expect(readFileSync(join(repo.dir, '.github/workflows/proofgate.yml'), 'utf8')).toContain(
      '      - run: corepack enable\n      - run: yarn install --immutable\n      - uses: proofgate/proofgate@v0\n',
    )
  })

  it('leaves an existing, different .proofgate.yml alone and prints the diff it would make', async () => {
    const own = 'gates:\n  tests: { mode: advisory }\n'
    const repo = makeTempGitRepo({ files: { ...NPM_PROJECT, '.proofgate.yml': own } })
    const result = await runCli(['init'], repo.dir)
    expect(result.exitCode, result.stderr).toBe(0)
    const out = lines(result.stdout, repo.dir)
    const at = out.indexOf('proofgate init - left .proofgate.yml alone: it exists and differs from what init writes; the change it would make:')
    expect(at).toBe(6)
    expect(out.slice(at + 1, at + 4)).toEqual(['--- a/.proofgate.yml', '+++ b/.proofgate.yml', '@@ -1,2 +1,36 @@'])
    expect(out).toContain('-  tests: { mode: advisory }')
    expect(out).toContain('+    runner: auto')
    expect(out).toContain('proofgate init - created .gitignore')
    expect(out).toContain('  2. commit what init wrote: git add .gitignore .github/workflows/proofgate.yml && git commit -m "Add proofgate"')
    expect(readFileSync(join(repo.dir, '.proofgate.yml'), 'utf8')).toBe(own)
  })

  it('--dry-run prints every file and the hook it would install, and writes nothing', async () => {
    const repo = makeTempGitRepo({ files: NPM_PROJECT })
    const before = snapshot(repo.dir)
    const result = await runCli(['init', '--dry-run'], repo.dir)
    expect(result.exitCode, result.stderr).toBe(0)
    const out = lines(result.stdout, repo.dir)
    expect(out.slice(6, 10)).toEqual(['proofgate init - would create .proofgate.yml', '--- /dev/null', '+++ b/.proofgate.yml', '@@ -0,0 +1,36 @@'])
    expect(out).toContain('+filter-mode: added')
    expect(out).toContain('proofgate init - would create .gitignore')
    expect(out).toContain('+      - run: npm ci')
    expect(out).toContain('proofgate init - pre-push: would install through git hooks directory (.git/hooks), as proofgate install does')
    expect(out).toContain('proofgate init - dry run: nothing was written; run proofgate init to do the above')
    expect(snapshot(repo.dir)).toEqual(before)
    expect(existsSync(join(repo.dir, '.git/hooks/pre-push'))).toBe(false)
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('')
  })

  it('refuses a symlinked .proofgate.yml and a repository that is not one, writing nothing', async () => {
    const outside = makeTempDir({ 'shared.yml': 'gates: {}\n' })
    const repo = makeTempGitRepo({ files: NPM_PROJECT })
    symlinkSync(join(outside, 'shared.yml'), join(repo.dir, '.proofgate.yml'))
    const before = snapshot(repo.dir)
    const linked = await runCli(['init'], repo.dir)
    expect(linked.exitCode).toBe(78)
    expect(linked.stdout).toBe('')
    expect(linked.stderr).toBe(
      'proofgate: PG_INIT_UNSAFE: proofgate init manages .proofgate.yml, and it is a symbolic link; it wrote nothing.\n' +
        '  hint: replace .proofgate.yml with a regular file in the repository (or remove it), then run proofgate init again; proofgate never writes through a symbolic link\n',
    )
    expect(snapshot(repo.dir)).toEqual(before)
    expect(readFileSync(join(outside, 'shared.yml'), 'utf8')).toBe('gates: {}\n')

    const plain = makeTempDir({ 'package.json': '{}\n' })
    const notRepo = await runCli(['init'], plain)
    expect(notRepo.exitCode).toBe(64)
    expect(notRepo.stderr).toMatch(/^proofgate: PG_NOT_A_GIT_REPO: /)
    expect(readdirSync(plain)).toEqual(['package.json'])
  })

  it('--dry-run belongs to init', async () => {
    const repo = makeTempGitRepo({ files: NPM_PROJECT })
    const result = await runCli(['run', '--dry-run'], repo.dir)
    expect(result.exitCode).toBe(64)
    expect(result.stderr).toBe(
      'proofgate: PG_USAGE: --dry-run belongs to init: proofgate init --dry-run.\n  hint: proofgate --help lists commands and options\n',
    )
  })
})

describe('the hook init installs', () => {
  it('fires on a real git push and blocks an added ESLint error at its line', async () => {
    const remote = join(makeTempDir({}, 'proofgate-remote-'), 'remote.git')
    const repo: TempRepo = makeTempGitRepo({ files: { ...NPM_PROJECT, '.gitignore': 'node_modules\n' } })
    mkdirSync(join(repo.dir, 'node_modules', '.bin'), { recursive: true })
    symlinkSync(join(PROJECT_ROOT, 'node_modules', 'eslint'), join(repo.dir, 'node_modules', 'eslint'), 'dir')
    symlinkSync(PROJECT_ROOT, join(repo.dir, 'node_modules', 'proofgate'), 'dir')
    symlinkSync('../proofgate/dist/cli.js', join(repo.dir, 'node_modules', '.bin', 'proofgate'))
    spawnSync('git', ['init', '-q', '--bare', '-b', 'main', remote], { env: { ...process.env, ...GIT_ENV } })
    repo.git('remote', 'add', 'origin', remote)
    repo.git('push', '-q', '-u', 'origin', 'main')

    const init = await runCli(['init'], repo.dir)
    expect(init.exitCode, init.stderr).toBe(0)
    expect(init.stdout).toContain('proofgate init - pre-push: created .git/hooks/pre-push (git hooks directory)\n')
    repo.commit('add proofgate and a debugger statement', { 'src/add.js': 'export function add(a, b) {\n  debugger\n  return a + b\n}\n' })
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PROOFGATE_')))
    const push = spawnSync('sh', ['-c', 'exec "$@" 2>&1', 'sh', 'git', 'push', 'origin', 'main'], {
      cwd: repo.dir,
      env: { ...env, ...GIT_ENV, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(push.status, push.stdout).toBe(1)
    expect(push.stdout).toContain('proofgate - checking refs/heads/main: ')
    expect(push.stdout).toContain("proofgate -   src/add.js:2:3  high  no-debugger  Unexpected 'debugger' statement.  [static-analysis ")
    expect(push.stdout).toContain('proofgate - push blocked; fix the findings above, or push with PROOFGATE_SKIP=1 (recorded in the journal)')
  })
})
