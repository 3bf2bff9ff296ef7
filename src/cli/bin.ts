#!/usr/bin/env node
// The `proofgate` bin: checks the Node version and answers --version before loading anything
// heavy, then hands argv to main(). Kept tiny so a git hook feels instant.
import { VERSION } from '../version.js'

const REQUIRED_MAJOR = 22
const major = Number(process.versions.node.split('.')[0])
const args = process.argv.slice(2)

if (major < REQUIRED_MAJOR) {
  process.stderr.write(
    `proofgate: PG_NODE_VERSION: found Node ${process.version} at ${process.execPath}; proofgate needs Node >= ${REQUIRED_MAJOR}.\n` +
      `  hint: install Node ${REQUIRED_MAJOR} or 24 (nvm install 24), or run it through npx/npm scripts where the project provides one\n`,
  )
  process.exitCode = 64
} else if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  process.stdout.write(`${VERSION}\n`)
} else {
  const { main } = await import('./main.js')
  process.exitCode = await main(args, { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr })
}
