// The built bin on the system Node: refused in words, not a syntax error from a newer language feature.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { CLI } from '../../helpers/cli.js'

// The machines here ship Node 20 as the system node: the built bin must refuse it in words.
const system = spawnSync('/usr/bin/node', ['--version'], { encoding: 'utf8' })
const systemMajor = Number(/^v(\d+)/.exec(system.stdout ?? '')?.[1] ?? 0)
describe.runIf(system.status === 0 && systemMajor > 0 && systemMajor < 22)('the built bin on the system Node', () => {
  it('exits 64 with PG_NODE_VERSION', () => {
    const run = spawnSync('/usr/bin/node', [CLI, 'run'], { encoding: 'utf8' })
    expect(run.status).toBe(64)
    expect(run.stderr).toContain(`PG_NODE_VERSION: found Node ${system.stdout.trim()}`)
  })
})
