// The published shape: `npm pack` holds exactly what a user needs (dist, hooks, schema, README,
// LICENSE, package.json), and the packed tarball runs in a fresh project. dist/ bundles every
// runtime dependency (scripts/build.mjs; only the target's own ESLint is loaded from the target),
// so the tarball is unpacked into node_modules/proofgate with tar and linked into
// node_modules/.bin as npm's bin-links does: no registry, no npm cache, works offline.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { GIT_ENV, makeTempDir, makeTempGitRepo, PROJECT_ROOT, removeTempDirs } from '../../helpers/repo.js'

afterAll(removeTempDirs)

/** Every file under `dir` (relative to PROJECT_ROOT, `/`), sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(join(PROJECT_ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${e.parentPath.slice(PROJECT_ROOT.length + 1)}/${e.name}`.replace(/\\/g, '/'))
    .sort()
}

describe('the npm package', () => {
  it('packs exactly dist, hooks, schema, README, LICENSE and package.json, and the tarball runs in a fresh project', () => {
    const out = makeTempDir({}, 'proofgate-pack-')
    const packed = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, npm_config_loglevel: 'silent', npm_config_update_notifier: 'false' },
      timeout: 120_000,
    })
    expect(packed.status, packed.stderr).toBe(0)
    const [pack] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>
    expect(pack?.filename).toBe('proofgate-0.1.0.tgz')
    expect(pack?.files.map((f) => f.path).sort()).toEqual(
      [
        'LICENSE',
        'README.md',
        'package.json',
        ...filesUnder('dist'),
        'hooks/pre-commit',
        'hooks/pre-push',
        'schema/checklist.schema.json',
        'schema/counter-evidence.schema.json',
        'schema/proofgate.schema.json',
        'schema/review-request.schema.json',
        'schema/review-response.schema.json',
        'schema/waivers.schema.json',
      ].sort(),
    )
    expect(filesUnder('dist')).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/index.js', 'dist/eslint-worker.js']))

    // A fresh project with proofgate installed from the tarball, as npm would lay it out.
    const project = makeTempGitRepo({
      files: {
        'package.json': JSON.stringify({ name: 'app', private: true, devDependencies: { proofgate: 'file:proofgate-0.1.0.tgz' } }) + '\n',
        'README.md': '# app\n\nAdds numbers.\n',
        '.gitignore': 'node_modules\n',
        'src/add.js': '/** Adds two numbers. */\nexport function add(a, b) {\n  return a + b\n}\n',
      },
    })
    const pkgDir = join(project.dir, 'node_modules', 'proofgate')
    mkdirSync(pkgDir, { recursive: true })
    const untar = spawnSync('tar', ['-xzf', join(out, 'proofgate-0.1.0.tgz'), '--strip-components=1', '-C', pkgDir], { encoding: 'utf8' })
    expect(untar.status, untar.stderr).toBe(0)
    mkdirSync(join(project.dir, 'node_modules', '.bin'))
    chmodSync(join(pkgDir, 'dist', 'cli.js'), 0o755)
    symlinkSync('../proofgate/dist/cli.js', join(project.dir, 'node_modules', '.bin', 'proofgate'))
    const bin = join(project.dir, 'node_modules', '.bin', 'proofgate')
    const env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PROOFGATE_'))),
      ...GIT_ENV,
      NO_COLOR: '1',
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
    }
    const run = (...args: string[]) => spawnSync(bin, args, { cwd: project.dir, env, encoding: 'utf8', timeout: 120_000 })

    const version = run('--version')
    expect(version.status, version.stderr).toBe(0)
    expect(version.stdout).toBe('0.1.0\n')

    const init = run('init', '--dry-run')
    expect(init.status, init.stderr).toBe(0)
    expect(init.stdout.split(project.dir).join('<repo>').split('\n').slice(0, 7)).toEqual([
      'proofgate init - detected in <repo>:',
      '  package manager  npm (no lockfile; npm assumed)',
      '  test runner      none found (the tests gate skips)',
      '  linter           none found',
      '  TypeScript       no tsconfig.json',
      '  git hooks        git hooks directory (.git/hooks)',
      'proofgate init - would create .proofgate.yml',
    ])
    // proofgate is a devDependency already: the next step is to commit, not to install it.
    expect(init.stdout).toContain('proofgate init - next:\n  1. commit them: git add .proofgate.yml .gitignore .github/workflows/proofgate.yml')
    expect(project.git('status', '--porcelain')).toBe('')

    project.write({ 'src/sub.js': '/** Subtracts b from a. */\nexport function sub(a, b) {\n  return a - b\n}\n' })
    const result = run('run', '--base', 'HEAD', '--format', 'json')
    expect(result.stderr).toBe('')
    const report = JSON.parse(result.stdout) as { verdict: string; exitCode: number; tool: { version: string }; gates: Array<{ id: string; status: string }> }
    expect({ status: result.status, verdict: report.verdict, exitCode: report.exitCode, version: report.tool.version }).toEqual({
      status: 0,
      verdict: 'pass',
      exitCode: 0,
      version: '0.1.0',
    })
    expect(Object.fromEntries(report.gates.map((g) => [g.id, g.status]))).toEqual({
      'static-analysis': 'skipped',
      tests: 'inconclusive',
      'mock-integrity': 'skipped',
      'test-mutation': 'skipped',
      'semantic-tests': 'skipped',
      'doc-coverage': 'pass',
      evidence: 'inconclusive',
      proof: 'skipped',
      checklist: 'skipped',
      'gate-integrity': 'pass',
    })
  })
})
