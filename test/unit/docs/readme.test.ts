// The README and docs/ are the contract users read: the CLI page's usage block is the CLI's
// --help, every rule id a gate declares is documented on the gates page, the README keeps its two
// set-up commands and links every page of docs/.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { USAGE } from '../../../src/cli/main.js'
import { GATES } from '../../../src/gates/index.js'
import { PROJECT_ROOT } from '../../helpers/repo.js'

const read = (...path: string[]): string => readFileSync(join(PROJECT_ROOT, ...path), 'utf8')
const readme = read('README.md')

describe('docs/cli.md', () => {
  it('shows the CLI usage exactly as --help prints it', () => {
    expect(read('docs', 'cli.md')).toContain('```text\n' + USAGE + '```')
  })
})

describe('docs/gates.md', () => {
  const gates = read('docs', 'gates.md')
  it.each(GATES.flatMap((g) => Object.entries(g.meta.rules).map(([rule, meta]) => [g.id, rule, meta.defaultSeverity] as const)))(
    'documents %s rule %s (%s)',
    (gate, rule, severity) => {
      expect(gates).toMatch(new RegExp(`\\| \`${gate}\` \\| \`${rule}\` \\| ${severity} \\|`))
    },
  )
})

describe('README', () => {
  it('gives exactly two set-up commands: the main job and the tests', () => {
    const setup = /## Set up\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1]?.trim().split('\n') ?? []
    expect(setup).toHaveLength(2)
    expect(setup[0]).toMatch(/^npm ci && npx proofgate run/)
    expect(setup[1]).toMatch(/^npm test\b/)
  })

  it('stays short: at most 10 KB (user docs live in docs/)', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(10 * 1024)
  })

  it('links every page of docs/', () => {
    const pages = readdirSync(join(PROJECT_ROOT, 'docs')).filter((name) => name.endsWith('.md')).sort()
    expect(pages).toEqual(['action.md', 'cli.md', 'configuration.md', 'development.md', 'exit-codes.md', 'gates.md', 'hooks.md', 'reports.md', 'state.md', 'waivers.md'])
    for (const page of pages.map((p) => `docs/${p}`)) expect(readme, page).toContain(`](${page})`)
  })
})
