// The Node version proofgate needs, checked before anything else loads so an old Node gets a
// sentence, not a syntax error from deep inside a dependency.

/** The lowest Node major proofgate runs on; keep it equal to `engines.node` in package.json (`>=22`). */
export const REQUIRED_NODE_MAJOR = 22

/**
 * The problem with running on Node `version` (e.g. `v20.20.2`) from `execPath`, or null when it
 * is new enough. The message names what was found and what is needed.
 */
export function nodeVersionProblem(version: string, execPath: string): string | null {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? NaN)
  if (major >= REQUIRED_NODE_MAJOR) return null
  return (
    `proofgate: PG_NODE_VERSION: found Node ${version} at ${execPath}; proofgate needs Node >= ${REQUIRED_NODE_MAJOR}.\n` +
    `  hint: install Node ${REQUIRED_NODE_MAJOR} or 24 (nvm install 24), or run it through npx/npm scripts where the project provides one\n`
  )
}
