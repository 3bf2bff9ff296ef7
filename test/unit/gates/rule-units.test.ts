// Issue 18: the static-analysis, tests, coverage, proof and evidence gates declare their rules as
// units with messages by messageId, and the functions split out of their long runs stay short.
// Reads rule meta and source text only (no git, no process).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Node } from 'typescript'
import { describe, expect, it } from 'vitest'
import { GATES } from '../../../src/gates/index.js'
import { loadTypeScript } from '../../../src/testing/typescript.js'
import { PROJECT_ROOT } from '../../helpers/repo.js'

const GATES_WITH_MESSAGES = ['static-analysis', 'tests', 'coverage', 'proof', 'evidence']

describe('rule messages', () => {
  it.each(GATES_WITH_MESSAGES)('every rule of %s declares its messages by messageId', (id) => {
    const gate = GATES.find((g) => g.id === id)!
    const without = Object.entries(gate.meta.rules)
      .filter(([, meta]) => Object.keys(meta.messages ?? {}).length === 0)
      .map(([rule]) => rule)
    expect(without).toEqual([])
  })
})

/** Every function-like node of `file` longer than `max` lines, as `name (n lines)`. */
async function longFunctions(file: string, max: number): Promise<string[]> {
  const ts = await loadTypeScript()
  const text = readFileSync(join(PROJECT_ROOT, file), 'utf8')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const long: string[] = []
  const visit = (node: Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line
      const name = 'name' in node && node.name !== undefined ? (node.name as Node).getText(source) : '(anonymous)'
      if (end - start + 1 > max) long.push(`${name} (${end - start + 1} lines)`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return long
}

describe('function length after the splits', () => {
  it.each([
    ['src/gates/static-analysis.ts', 90],
    ['src/gates/static-analysis/eslint.ts', 80],
    ['src/gates/static-analysis/tsc.ts', 90],
    ['src/gates/coverage.ts', 90],
    ['src/testing/scan.ts', 90],
  ] as const)('%s has no function over %i lines', async (file, max) => {
    expect(await longFunctions(file, max)).toEqual([])
  })
})
