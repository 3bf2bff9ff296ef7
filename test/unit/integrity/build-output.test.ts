// Which added ESLint ignore patterns can only match build output: one row per pattern, with the
// tree under test and its .gitignore files.
import { describe, expect, it } from 'vitest'
import { onlyBuildOutput, type OutputFacts } from '../../../src/integrity/build-output.js'

const FILES = ['package.json', 'src/index.ts', 'packages/lit/src/index.ts', 'packages/lit/scripts/build/gen.ts', 'tools/lib/helper.ts']

const facts = (gitignores: Record<string, string> = {}): OutputFacts => ({ files: FILES, gitignores: new Map(Object.entries(gitignores)) })

describe('onlyBuildOutput', () => {
  const rows: Array<[pattern: string, configDir: string, gitignores: Record<string, string>, expected: boolean]> = [
    ['dist/**', '', {}, true],
    ['**/dist/**', '', {}, true],
    ['build/**', 'packages/lit', {}, true],
    ['/coverage/', '', {}, true],
    ['.next', '', {}, true],
    ['node_modules', '', {}, true],
    ['packages/*/dist/**', '', {}, true],
    ['lib/**', 'packages/lit', { 'packages/lit': 'lib\n' }, true],
    ['lib/**', 'packages/lit', { '': '/packages/lit/lib/\n' }, true],
    // Not output: lib with no .gitignore entry, source, a pattern with no directory name.
    ['lib/**', 'packages/lit', {}, false],
    ['lib/**', 'packages/lit', { '': '# lib\n!lib\n' }, false],
    ['src/**', '', {}, false],
    ['*.min.js', '', {}, false],
    ['**/*.ts', '', {}, false],
    ['**', '', {}, false],
    ['!dist/keep.ts', '', {}, false],
    // An output name that matches tracked files: build/ nested under scripts/, lib/ under tools/.
    ['**/build/**', 'packages/lit', {}, false],
    ['build', 'packages/lit', {}, false],
    ['**/lib/**', '', { '': 'lib\n' }, false],
  ]
  for (const [pattern, dir, gitignores, expected] of rows) {
    it(`${JSON.stringify(pattern)} in ${dir === '' ? 'the root' : dir} with ${JSON.stringify(gitignores)}: ${expected}`, () => {
      expect(onlyBuildOutput(pattern, dir, facts(gitignores))).toBe(expected)
    })
  }
})
