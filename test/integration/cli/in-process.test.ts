// The CLI driven in-process through main(argv, io), as test/helpers/cli.ts runCli drives it: the
// environment the repository's code gets is io.env (not the test process's own), and runs one
// after another leave no signal or exit listeners behind. Real git repositories, real commands.
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

/** A repository whose one proof command passes only when IO_ENV_MARK (passed by env-pass) is `from-io-env`. */
function markRepo(): TempRepo {
  const r = makeTempGitRepo({
    files: {
      'README.md': '# app\n',
      '.proofgate.yml': [
        'env-pass: [IO_ENV_MARK]',
        'proof:',
        `  - { name: mark, run: 'echo "mark=$IO_ENV_MARK"; test "$IO_ENV_MARK" = from-io-env' }`,
        '',
      ].join('\n'),
    },
  })
  repos.push(r)
  return r
}

describe('proofgate in-process: main(argv, io)', () => {
  it("hands io.env, not the test process's environment, to the repository's code (env-pass)", async () => {
    expect(process.env['IO_ENV_MARK']).toBeUndefined()
    const r = markRepo()
    const passed = await runCli(['run', '--base', 'HEAD', '--gates', 'proof', '--format', 'json'], r.dir, { IO_ENV_MARK: 'from-io-env' })
    expect(passed.stderr).toBe('')
    expect(passed.exitCode).toBe(0)
    expect(passed.json().gates.map((g) => [g.id, g.status])).toEqual([['proof', 'pass']])
    expect(passed.json().findings).toEqual([])

    const failed = await runCli(['run', '--base', 'HEAD', '--gates', 'proof', '--format', 'json'], r.dir)
    expect(failed.exitCode).toBe(1)
    expect(failed.json().findings.map((f) => [f.gate, f.ruleId, f.severity, f.blocking, f.message])).toEqual([
      [
        'proof',
        'proof-failed',
        'critical',
        true,
        'Proof command \'mark\' (`echo "mark=$IO_ENV_MARK"; test "$IO_ENV_MARK" = from-io-env`) failed with exit code 1. Last output:\nmark=',
      ],
    ])
  })

  it('leaves no SIGINT, SIGTERM or exit listener behind after runs that start repository code', async () => {
    const r = markRepo()
    const counts = (): number[] => ['SIGINT', 'SIGTERM', 'exit'].map((event) => process.listenerCount(event))
    // The first run installs the process-level cleanup (util/cleanup.ts) once; later runs add nothing.
    await runCli(['run', '--base', 'HEAD', '--gates', 'proof', '--format', 'json'], r.dir, { IO_ENV_MARK: 'from-io-env' })
    const after = counts()
    for (let i = 0; i < 3; i++) {
      const run = await runCli(['run', '--base', 'HEAD', '--gates', 'proof', '--format', 'json'], r.dir, { IO_ENV_MARK: 'from-io-env' })
      expect(run.exitCode).toBe(0)
    }
    expect(counts()).toEqual(after)
  })
})
