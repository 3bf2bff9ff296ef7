// scripts/generate-docs.mjs run as the readme-usage proof command runs it, from a checkout whose
// path has a space: --check must still compare the Action usage block of docs/action.md (and the
// files generated from the gate registry), exit 1 when it is stale, and a plain run rewrites that
// block (and nothing else).
import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { makeTempDir, PROJECT_ROOT, removeTempDirs } from '../../helpers/repo.js'

afterAll(removeTempDirs)

const FRESH = readFileSync(join(PROJECT_ROOT, 'docs/action.md'), 'utf8')
const STALE = FRESH.replace(/(<!-- action-usage:start[^\n]*\n```yaml\n)- uses: proofgate\/proofgate@v0/, '$1- uses: proofgate/proofgate@v9')
const README = '# a checkout\n\nThe README is not where the usage block lives.\n'

/**
 * A copy of the script's inputs under `<tmp>/check out/` (docs/action.md, action.yml, a README, the
 * script, src/ for the gate registry and the files generated from it, docs/rules/, node_modules for
 * yaml and esbuild).
 */
function checkoutWithSpace(page: string): string {
  const dir = join(makeTempDir({}, 'proofgate-docs-'), 'check out')
  mkdirSync(join(dir, 'scripts'), { recursive: true })
  mkdirSync(join(dir, 'docs'), { recursive: true })
  mkdirSync(join(dir, 'schema'), { recursive: true })
  copyFileSync(join(PROJECT_ROOT, 'scripts/generate-docs.mjs'), join(dir, 'scripts/generate-docs.mjs'))
  copyFileSync(join(PROJECT_ROOT, 'action.yml'), join(dir, 'action.yml'))
  for (const file of ['docs/gates.md', 'docs/configuration.md', 'schema/proofgate.schema.json']) copyFileSync(join(PROJECT_ROOT, file), join(dir, file))
  cpSync(join(PROJECT_ROOT, 'src'), join(dir, 'src'), { recursive: true })
  cpSync(join(PROJECT_ROOT, 'docs/rules'), join(dir, 'docs/rules'), { recursive: true })
  writeFileSync(join(dir, 'docs/action.md'), page)
  writeFileSync(join(dir, 'README.md'), README)
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
  return dir
}

const generate = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(dir, 'scripts/generate-docs.mjs'), ...args], { cwd: dir, encoding: 'utf8' })

describe('generate-docs in a path with a space', () => {
  it('--check exits 1 and names the stale block in docs/action.md', () => {
    expect(STALE).not.toBe(FRESH)
    const r = generate(checkoutWithSpace(STALE), '--check')
    expect([r.status, r.stderr.trim()]).toEqual([1, 'docs/action.md: the Action usage block is stale; run npm run docs'])
  })

  it('--check exits 0 on a fresh docs/action.md', () => {
    const r = generate(checkoutWithSpace(FRESH), '--check')
    expect([r.status, r.stderr]).toEqual([0, ''])
  })

  it('without --check rewrites the block in docs/action.md and leaves the README alone', () => {
    const dir = checkoutWithSpace(STALE)
    const r = generate(dir)
    expect([r.status, r.stderr]).toEqual([0, ''])
    expect(readFileSync(join(dir, 'docs/action.md'), 'utf8')).toBe(FRESH)
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(README)
  })

  it("--check names a hand edit of a file generated from the gate registry, a rule row whose severity is not the gate's and a wrong default in the configuration example", () => {
    const dir = checkoutWithSpace(FRESH)
    const edit = (file: string, from: string, to: string) => {
      const text = readFileSync(join(dir, file), 'utf8')
      expect(text).toContain(from)
      writeFileSync(join(dir, file), text.replace(from, to))
    }
    edit('src/findings/registry.generated.ts', "'tests/test-failed': 'critical'", "'tests/test-failed': 'low'")
    edit('docs/gates.md', '| `tests` | blocking | 600 |', '| `tests` | blocking | 60 |')
    edit(
      'docs/gates.md',
      '| `tests` | [`test-failed`](rules/tests/test-failed.md) | critical |',
      '| `tests` | [`test-failed`](rules/tests/test-failed.md) | high |',
    )
    edit('docs/configuration.md', '    timeout: 600\n', '    timeout: 60\n')
    const r = generate(dir, '--check')
    expect([r.status, r.stderr.trim().split('\n')]).toEqual([
      1,
      [
        'src/findings/registry.generated.ts is stale; run npm run docs',
        // The schema's `rules` descriptions name each default, read from the edited table.
        'schema/proofgate.schema.json is stale; run npm run docs',
        'docs/gates.md is stale; run npm run docs',
        'docs/gates.md: the rule table gives tests/test-failed severity high; the gate declares critical',
        'docs/configuration.md: the example gives gates.tests.timeout 60; the default is 600',
      ],
    ])
  })

  it('without --check regenerates the files derived from the gate registry', () => {
    const dir = checkoutWithSpace(FRESH)
    const generated = join(dir, 'src/findings/registry.generated.ts')
    const fresh = readFileSync(generated, 'utf8')
    writeFileSync(generated, fresh.replace("'tests/test-failed': 'critical'", "'tests/test-failed': 'low'"))
    const r = generate(dir)
    expect([r.status, r.stderr]).toEqual([0, ''])
    expect(readFileSync(generated, 'utf8')).toBe(fresh)
  })

  it('--check names a rule without a page, a page without a rule and a stale rule header; a plain run writes the missing page and header', () => {
    const dir = checkoutWithSpace(FRESH)
    const page = (path: string) => join(dir, 'docs/rules', path)
    const fresh = readFileSync(page('tests/test-failed.md'), 'utf8')
    rmSync(page('evidence/empty-change-set.md'))
    writeFileSync(page('tests/no-such-rule.md'), '# a page for a rule nobody declares\n')
    writeFileSync(page('tests/test-failed.md'), fresh.replace('| critical |', '| low |'))
    const r = generate(dir, '--check')
    expect([r.status, r.stderr.trim().split('\n')]).toEqual([
      1,
      [
        'docs/rules/tests/test-failed.md: the header is stale; run npm run docs',
        'docs/rules/evidence/empty-change-set.md: the rule has no page; run npm run docs and write it',
        'docs/rules/tests/no-such-rule.md: no rule is declared for this page; delete it or declare the rule',
      ],
    ])
    const plain = generate(dir)
    expect([plain.status, plain.stderr.trim()]).toEqual([
      1,
      'docs/rules/tests/no-such-rule.md: no rule is declared for this page; delete it or declare the rule',
    ])
    expect(readFileSync(page('tests/test-failed.md'), 'utf8')).toBe(fresh)
    const written = readFileSync(page('evidence/empty-change-set.md'), 'utf8')
    expect(written.split('\n').slice(1, 4)).toEqual([
      '# `evidence/empty-change-set`',
      '',
      'Nothing changed between the base and the tree under test, so there is nothing to verify.',
    ])
    expect(written.match(/^## .*$/gm)).toEqual(['## Why', '## Example', '## Fix'])
  })
})
