// The pre-push hook fails closed on input it cannot resolve. git itself never writes such lines,
// so the built CLI is driven exactly as the hook script drives it: `proofgate hook pre-push
// <remote> <url>` with git's ref lines on stdin, crafted here.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CLI } from '../../helpers/cli.js'
import { GIT_ENV, makeTempDir, makeTempGitRepo, removeTempDirs, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
  removeTempDirs()
})

const ZERO = '0'.repeat(40)
/** Every gate but gate-integrity off, from the environment (as whoever runs proofgate may set it): a valid line runs fast. */
const QUIET = Object.fromEntries(
  ['static-analysis', 'tests', 'mock-integrity', 'test-mutation', 'semantic-tests', 'doc-coverage', 'evidence', 'proof', 'coverage', 'checklist'].map((id) => [
    `PROOFGATE_GATE_${id.toUpperCase().replaceAll('-', '_')}`,
    'off',
  ]),
)

interface Pushed {
  r: TempRepo
  remote: string
  /** The remote's main, as the last push left it. */
  remoteTip: string
}

function pushed(objectFormat?: 'sha256'): Pushed {
  const r = makeTempGitRepo({ initialCommit: false })
  repos.push(r)
  if (objectFormat !== undefined) {
    // makeTempGitRepo made an empty SHA-1 repository; start again in this format.
    rmSync(join(r.dir, '.git'), { recursive: true, force: true })
    r.git('init', '-q', '--object-format', objectFormat, '-b', 'main')
    r.git('config', 'commit.gpgsign', 'false')
  }
  const remote = join(makeTempDir({}, 'proofgate-remote-'), 'remote.git')
  spawnSync('git', ['init', '-q', '--bare', '-b', 'main', ...(objectFormat === undefined ? [] : ['--object-format', objectFormat]), remote], {
    env: { ...process.env, ...GIT_ENV },
  })
  r.git('remote', 'add', 'origin', remote)
  r.commit('initial', { 'README.md': '# app\n' })
  r.git('push', '-q', 'origin', 'main')
  return { r, remote, remoteTip: r.head() }
}

function hook(p: Pushed, input: string): { exitCode: number | null; stderr: string } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PROOFGATE_')))
  const result = spawnSync(process.execPath, [CLI, 'hook', 'pre-push', 'origin', p.remote], {
    cwd: p.r.dir,
    input,
    env: { ...base, ...GIT_ENV, NO_COLOR: '1', ...QUIET },
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { exitCode: result.status, stderr: result.stderr }
}

const REMEDY =
  "  hint: push again with git, which writes the hook's input itself (git fetch first if objects are missing); to check a range by hand, proofgate run --base REV --head REV"
const FORMAT_HINT =
  'proofgate -   hint: proofgate hook pre-push reads what git writes to a pre-push hook; run it from the hook, or use proofgate run --base REV --head REV'

describe('pre-push input that names nothing here: the push is refused with the line number', () => {
  it('an unknown 40-hex local sha', () => {
    const p = pushed()
    const unknown = 'a'.repeat(40)
    const result = hook(p, `refs/heads/main ${unknown} refs/heads/main ${p.remoteTip}\n`)
    expect(result.exitCode).toBe(64)
    expect(result.stderr).toBe(
      `proofgate - proofgate: PG_PUSH_INPUT: Cannot check the pre-push input on line 1: local sha ${unknown} (refs/heads/main → refs/heads/main) is not an object in this repository, so there is nothing proofgate could vouch for; the push is refused.\n` +
        `proofgate - ${REMEDY}\n`,
    )
  })

  it('a local sha that is a blob, not a commit, on the second line', () => {
    const p = pushed()
    const blob = p.r.git('rev-parse', 'HEAD:README.md')
    p.r.commit('more', { 'docs/a.md': '# a\n' })
    const result = hook(p, `refs/heads/main ${p.r.head()} refs/heads/main ${p.remoteTip}\nrefs/heads/odd ${blob} refs/heads/odd ${ZERO}\n`)
    expect(result.exitCode).toBe(64)
    expect(result.stderr).toContain(
      `proofgate: PG_PUSH_INPUT: Cannot check the pre-push input on line 2: local sha ${blob} (refs/heads/odd → refs/heads/odd) is a blob, not a commit,`,
    )
    // Refused before anything is checked: no range ran.
    expect(result.stderr).not.toContain('checking refs/heads/main')
  })

  it('a 64-hex sha in a SHA-1 repository, on line 2', () => {
    const p = pushed()
    const line2 = `refs/heads/main ${'c'.repeat(64)} refs/heads/main ${p.remoteTip}`
    const result = hook(p, `refs/heads/other ${p.remoteTip} refs/heads/other ${ZERO}\n${line2}\n`)
    expect(result.exitCode).toBe(64)
    expect(result.stderr).toBe(
      `proofgate - proofgate: PG_PUSH_INPUT: Unexpected pre-push input on line 2: '${line2}': cccccccccccc… has 64 hex digits, but this repository's object names (sha1) have 40.\n${FORMAT_HINT}\n`,
    )
  })

  it('a 40-hex sha in a SHA-256 repository', () => {
    const p = pushed('sha256')
    expect(p.remoteTip).toHaveLength(64)
    const line = `refs/heads/main ${'d'.repeat(40)} refs/heads/main ${p.remoteTip}`
    const result = hook(p, `${line}\n`)
    expect(result.exitCode).toBe(64)
    expect(result.stderr).toContain(
      `proofgate: PG_PUSH_INPUT: Unexpected pre-push input on line 1: '${line}': dddddddddddd… has 40 hex digits, but this repository's object names (sha256) have 64.\n`,
    )
  })

  it('a garbage line', () => {
    const p = pushed()
    const result = hook(p, `\nrefs/heads/main ${p.remoteTip} refs/heads/main ${p.remoteTip}\nnot a ref line\n`)
    expect(result.exitCode).toBe(64)
    expect(result.stderr).toBe(
      `proofgate - proofgate: PG_PUSH_INPUT: Unexpected pre-push input on line 3: 'not a ref line'; expected '<local ref> <local sha> <remote ref> <remote sha>'.\n${FORMAT_HINT}\n`,
    )
  })
})

describe('pre-push input that keeps its documented handling', () => {
  it('a deletion and a tag: nothing to check, the push goes through', () => {
    const p = pushed()
    p.r.git('tag', 'v1')
    const result = hook(p, `(delete) ${ZERO} refs/heads/gone ${p.remoteTip}\nrefs/tags/v1 ${p.remoteTip} refs/tags/v1 ${ZERO}\n`)
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stderr).toBe(
      'proofgate - refs/heads/gone: deleted on the remote: nothing to check\n' +
        'proofgate - refs/tags/v1: a tag: skipped (hooks.pre-push.tags: true checks tags)\n' +
        'proofgate - nothing to check in this push\n',
    )
  })

  it('a remote sha this clone does not have: checked like a new branch, saying to fetch', () => {
    const p = pushed()
    p.r.commit('docs', { 'docs/a.md': '# a\n' })
    const unknownRemote = 'e'.repeat(40)
    p.r.git('fetch', '-q', 'origin')
    const result = hook(p, `refs/heads/main ${p.r.head()} refs/heads/main ${unknownRemote}\n`)
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stderr).toContain(
      `proofgate - checking refs/heads/main: ${p.remoteTip.slice(0, 12)}..${p.r.head().slice(0, 12)} (the remote tip eeeeeeeeeeee is not here (git fetch); new on the remote: merge-base with origin/main)\n`,
    )
  })
})
