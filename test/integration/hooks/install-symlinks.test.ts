// `proofgate install|uninstall` through the CLI (main, in-process) when a hook path is a symbolic link to a
// sentinel directory outside the repository: nothing there changes by a byte or a mode bit.
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, PROJECT_ROOT, removeTempDirs, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
  removeTempDirs()
})

function repo(files?: Record<string, string>): TempRepo {
  const r = makeTempGitRepo(files === undefined ? {} : { files })
  repos.push(r)
  return r
}

/** An outdated copy of proofgate's own pre-push (its marker line kept), 0o644: what install would update and chmod. */
const OUTDATED =
  readFileSync(join(PROJECT_ROOT, 'hooks', 'pre-push'), 'utf8')
    .split('\n')
    .slice(0, 12)
    .join('\n') + '\n# outdated\n'

/** A directory outside every temp repo holding a hook-like file and a lefthook config. */
function sentinel(): string {
  const dir = makeTempDir({ 'pre-push': OUTDATED, 'lefthook.yml': 'pre-push:\n  commands:\n    lint:\n      run: echo lint\n' }, 'proofgate-sentinel-')
  chmodSync(join(dir, 'pre-push'), 0o644)
  return dir
}

/** Every entry under `dir`: bytes and permission bits of files, targets of links. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, name)
    const info = lstatSync(path)
    out[name] = info.isSymbolicLink()
      ? `link ${readlinkSync(path)}`
      : info.isFile()
        ? `${(info.mode & 0o777).toString(8)} ${readFileSync(path, 'latin1')}`
        : 'dir'
  }
  return out
}

const cli = async (args: string[], cwd: string) => await runCli(args, cwd, { ...GIT_ENV, HUSKY: '', LEFTHOOK: '' })

describe('proofgate install never writes through a symbolic link', () => {
  it('.git/hooks is a link outside the repository: install and uninstall refuse with PG_HOOK_UNSAFE, exit 78', async () => {
    const r = repo()
    const outside = sentinel()
    const before = snapshot(outside)
    rmSync(join(r.dir, '.git', 'hooks'), { recursive: true, force: true })
    symlinkSync(outside, join(r.dir, '.git', 'hooks'))
    for (const command of ['install', 'uninstall']) {
      const run = await cli([command], r.dir)
      expect(run.stderr).toBe(
        `proofgate: PG_HOOK_UNSAFE: The hooks directory ${r.dir}/.git/hooks lies outside the repository (it resolves to ${outside}), and proofgate writes nothing outside the repository.\n` +
          "  hint: if it is a symbolic link, replace it with a directory in the repository; if core.hooksPath points there on purpose (hooks shared by several repositories), add proofgate's hook there yourself (see docs/hooks.md) or run `git config --unset core.hooksPath`\n",
      )
      expect(run.exitCode).toBe(78)
    }
    expect(snapshot(outside)).toEqual(before)
  })

  it('core.hooksPath names a directory outside the repository: refused, exit 78, nothing written there', async () => {
    const r = repo()
    const outside = sentinel()
    const before = snapshot(outside)
    r.git('config', 'core.hooksPath', outside)
    const run = await cli(['install'], r.dir)
    expect(run.stderr.split('\n')[0]).toBe(
      `proofgate: PG_HOOK_UNSAFE: The hooks directory ${outside} lies outside the repository (it resolves to ${outside}), and proofgate writes nothing outside the repository.`,
    )
    expect(run.exitCode).toBe(78)
    expect(snapshot(outside)).toEqual(before)
  })

  it('.git/hooks/pre-push is a link to an outdated proofgate hook outside: the link moves aside and is chained, its target untouched', async () => {
    const r = repo()
    const outside = sentinel()
    const before = snapshot(outside)
    const hooks = join(r.dir, '.git', 'hooks')
    symlinkSync(join(outside, 'pre-push'), join(hooks, 'pre-push'))
    const run = await cli(['install'], r.dir)
    expect(run.stdout.split('\n')[0]).toBe(
      `proofgate - pre-push: created ${hooks}/pre-push (git hooks directory): the existing hook moved to pre-push.pre-proofgate and runs first`,
    )
    expect(run.exitCode).toBe(0)
    expect(snapshot(outside)).toEqual(before)
    expect(readlinkSync(join(hooks, 'pre-push.pre-proofgate'))).toBe(join(outside, 'pre-push'))
    expect(lstatSync(join(hooks, 'pre-push')).isFile()).toBe(true)
    expect(readFileSync(join(hooks, 'pre-push'), 'utf8')).toBe(readFileSync(join(PROJECT_ROOT, 'hooks', 'pre-push'), 'utf8'))
    expect(statSync(join(hooks, 'pre-push')).mode & 0o777).toBe(0o755)
    // Uninstall removes its own file and moves the link back, the target still untouched.
    expect((await cli(['uninstall'], r.dir)).exitCode).toBe(0)
    expect(readlinkSync(join(hooks, 'pre-push'))).toBe(join(outside, 'pre-push'))
    expect(snapshot(outside)).toEqual(before)
  })

  it('.husky/pre-push is a link outside: refused (exit 78), not appended to', async () => {
    const r = repo()
    const outside = sentinel()
    const before = snapshot(outside)
    mkdirSync(join(r.dir, '.husky'))
    symlinkSync(join(outside, 'pre-push'), join(r.dir, '.husky', 'pre-push'))
    for (const command of ['install', 'uninstall']) {
      const run = await cli([command], r.dir)
      expect(run.stderr).toBe(
        `proofgate: PG_HOOK_UNSAFE: ${r.dir}/.husky/pre-push is a symbolic link, and proofgate never edits a file through a link (its target may be outside the repository or shared).\n` +
          `  hint: replace the link with a copy of its target (cp --remove-destination "$(readlink -f '${r.dir}/.husky/pre-push')" '${r.dir}/.husky/pre-push') and run proofgate again, or add proofgate's lines to the target yourself (see docs/hooks.md)\n`,
      )
      expect(run.exitCode).toBe(78)
    }
    expect(snapshot(outside)).toEqual(before)
  })

  it('.husky is a link to a directory outside: refused (exit 78), no hook created there', async () => {
    const r = repo()
    const outside = sentinel()
    rmSync(join(outside, 'pre-push'))
    const before = snapshot(outside)
    symlinkSync(outside, join(r.dir, '.husky'))
    const run = await cli(['install'], r.dir)
    expect(run.stderr.split('\n')[0]).toBe(
      `proofgate: PG_HOOK_UNSAFE: The hooks directory ${r.dir}/.husky lies outside the repository (it resolves to ${outside}), and proofgate writes nothing outside the repository.`,
    )
    expect(run.exitCode).toBe(78)
    expect(snapshot(outside)).toEqual(before)
  })

  it('lefthook.yml is a link outside: refused (exit 78), the shared config untouched', async () => {
    const r = repo()
    const outside = sentinel()
    const before = snapshot(outside)
    symlinkSync(join(outside, 'lefthook.yml'), join(r.dir, 'lefthook.yml'))
    const run = await cli(['install'], r.dir)
    expect(run.stderr.split('\n')[0]).toBe(
      `proofgate: PG_HOOK_UNSAFE: ${r.dir}/lefthook.yml is a symbolic link, and proofgate never edits a file through a link (its target may be outside the repository or shared).`,
    )
    expect(run.exitCode).toBe(78)
    expect(snapshot(outside)).toEqual(before)
  })

  it('a hooks directory linked inside the repository is fine: .git/hooks -> ../.githooks', async () => {
    const r = repo({ '.githooks/keep': '' })
    rmSync(join(r.dir, '.git', 'hooks'), { recursive: true, force: true })
    symlinkSync('../.githooks', join(r.dir, '.git', 'hooks'))
    const run = await cli(['install'], r.dir)
    expect(run.exitCode).toBe(0)
    expect(readFileSync(join(r.dir, '.githooks', 'pre-push'), 'utf8')).toBe(readFileSync(join(PROJECT_ROOT, 'hooks', 'pre-push'), 'utf8'))
  })
})
