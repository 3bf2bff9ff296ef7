// The README is the contract users read: its usage block is the CLI's --help, and every rule
// id a gate declares is documented.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { USAGE } from '../../../src/cli/main.js'
import { GATES } from '../../../src/gates/index.js'
import { PROJECT_ROOT } from '../../helpers/repo.js'

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')

describe('README', () => {
  it('shows the CLI usage exactly as --help prints it', () => {
    expect(readme).toContain('```text\n' + USAGE + '```')
  })

  it.each(GATES.flatMap((g) => Object.entries(g.meta.rules).map(([rule, meta]) => [g.id, rule, meta.defaultSeverity] as const)))(
    'documents %s rule %s (%s)',
    (gate, rule, severity) => {
      expect(readme).toMatch(new RegExp(`\\| \`${gate}\` \\| \`${rule}\` \\| ${severity} \\|`))
    },
  )

  it('gives exactly two set-up commands: the main job and the tests', () => {
    const setup = /## Set up\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1]?.trim().split('\n') ?? []
    expect(setup).toHaveLength(2)
    expect(setup[0]).toMatch(/^npm ci && npx proofgate run/)
    expect(setup[1]).toMatch(/^npm test\b/)
  })
})
