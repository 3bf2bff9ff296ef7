// Setup file of the `unit` project: unit tests start no process (no git, no build, no runner), so
// they run in seconds. A test that needs one belongs in test/integration (the `e2e` project).
import childProcess from 'node:child_process'
import { syncBuiltinESMExports } from 'node:module'

const refuse = (name: string) => (): never => {
  throw new Error(`child_process.${name} in a unit test: unit tests start no process; move this test to test/integration`)
}
const patched = childProcess as unknown as Record<string, unknown>
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) patched[name] = refuse(name)
// Named imports (`import { spawn } from 'node:child_process'`, as execa does) see the patch too.
syncBuiltinESMExports()
