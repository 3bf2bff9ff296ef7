// Generates the Action usage block of docs/action.md from action.yml (as actions/checkout's
// generate-docs does), so the two never disagree. `node scripts/generate-docs.mjs` rewrites the
// block; `--check` exits 1 when it is stale. The block sits between the two markers below.
import { readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

/** The marker line that opens the generated block in docs/action.md. */
export const START = '<!-- action-usage:start (generated from action.yml by scripts/generate-docs.mjs) -->'
/** The marker line that closes it. */
export const END = '<!-- action-usage:end -->'
/** The page that holds the block, relative to the repository root. */
export const PAGE = 'docs/action.md'

/** The usage block: a workflow step with every input, its description as comments and its default. */
export function usageBlock(actionYaml) {
  const action = parse(actionYaml)
  const lines = ['```yaml', '- uses: proofgate/proofgate@v0', '  with:']
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    for (const line of wrap(input.description, 76)) lines.push(`    # ${line}`)
    const value = input.default === undefined || input.default === '' ? "''" : /^[\w.${}\- ]+$/.test(String(input.default)) ? String(input.default) : JSON.stringify(String(input.default))
    lines.push(`    # Default: ${value}`, `    ${name}: ''`, '')
  }
  lines.pop()
  lines.push('```', '', '| output | description |', '|---|---|')
  for (const [name, output] of Object.entries(action.outputs ?? {})) lines.push(`| \`${name}\` | ${output.description} |`)
  return [START, ...lines, END].join('\n')
}

function wrap(text, width) {
  const out = []
  let line = ''
  for (const word of String(text).split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') out.push(line)
  return out
}

/** The page (docs/action.md's text) with its block replaced. @throws Error when the markers are missing. */
export function withUsage(page, actionYaml) {
  const start = page.indexOf(START)
  const end = page.indexOf(END)
  if (start < 0 || end < start) throw new Error(`${PAGE} lacks the markers ${START} … ${END}`)
  return page.slice(0, start) + usageBlock(actionYaml) + page.slice(end + END.length)
}

// Run as a script, not imported (by the tests). Compared as paths: a URL spells a space or a
// non-ASCII character percent-encoded, and import.meta.url is the real path behind any symlink.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const pageUrl = new URL(`../${PAGE}`, import.meta.url)
  const page = readFileSync(pageUrl, 'utf8')
  const next = withUsage(page, readFileSync(new URL('../action.yml', import.meta.url), 'utf8'))
  if (process.argv.includes('--check')) {
    if (next !== page) {
      console.error(`${PAGE}: the Action usage block is stale; run npm run docs`)
      process.exit(1)
    }
  } else writeFileSync(pageUrl, next)
}
