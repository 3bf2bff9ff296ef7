#!/usr/bin/env node
// The `proofgate` bin: checks the Node version and answers --version before loading anything
// heavy, then hands argv to main(). Kept tiny so a git hook feels instant.
// A default import: a named import of enableCompileCache would fail to link on Node < 22.1,
// before the version check below could explain anything.
import nodeModule from 'node:module'
import { VERSION } from '../version.js'
import { nodeVersionProblem } from './node-version.js'

const args = process.argv.slice(2)
const problem = nodeVersionProblem(process.version, process.execPath)

if (problem !== null) {
  process.stderr.write(problem)
  process.exitCode = 64
} else if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  process.stdout.write(`${VERSION}\n`)
} else {
  // V8's on-disk code cache, as ESLint's own bin does: the repository's ESLint, its config's
  // plugins and TypeScript load several times faster on every run after the first.
  const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown }
  enableCompileCache?.()
  const [{ main }, { settleStdout, watchStream }] = await Promise.all([import('./main.js'), import('./output.js')])
  // A full disk or a closed pipe on stdout is an 'error' event after write() returned: exit 74, not 0.
  const stdout = watchStream(process.stdout)
  // git pipes the pre-push ref lines; a terminal means nobody will type them.
  const readStdin = async (): Promise<string> => {
    if (process.stdin.isTTY) return ''
    let text = ''
    for await (const chunk of process.stdin) text += String(chunk)
    return text
  }
  const code = await main(args, { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, readStdin })
  process.exitCode = await settleStdout(stdout, process.stderr, code)
}
