// scripts/generate-docs.mjs run as the readme-usage proof command runs it, from a checkout whose
// path has a space: --check must still compare, and exit 1 on a stale README.
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { makeTempDir, PROJECT_ROOT, removeTempDirs } from '../../helpers/repo.js'

afterAll(removeTempDirs)

/** A copy of the script's inputs under `<tmp>/check out/` (README, action.yml, the script, node_modules for yaml). */
function checkoutWithSpace(readme: string): string {
  const dir = join(makeTempDir({}, 'proofgate-docs-'), 'check out')
  mkdirSync(join(dir, 'scripts'), { recursive: true })
  copyFileSync(join(PROJECT_ROOT, 'scripts/generate-docs.mjs'), join(dir, 'scripts/generate-docs.mjs'))
  copyFileSync(join(PROJECT_ROOT, 'action.yml'), join(dir, 'action.yml'))
  writeFileSync(join(dir, 'README.md'), readme)
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
  return dir
}

const check = (dir: string) => spawnSync(process.execPath, [join(dir, 'scripts/generate-docs.mjs'), '--check'], { cwd: dir, encoding: 'utf8' })

describe('generate-docs --check in a path with a space', () => {
  it('exits 1 and names the stale block', () => {
    const fresh = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')
    const stale = fresh.replace(/(<!-- action-usage:start[^\n]*\n```yaml\n)- uses: proofgate\/proofgate@v0/, '$1- uses: proofgate/proofgate@v9')
    expect(stale).not.toBe(fresh)
    const r = check(checkoutWithSpace(stale))
    expect([r.status, r.stderr.trim()]).toEqual([1, 'README.md: the Action usage block is stale; run npm run docs'])
  })

  it('exits 0 on a fresh README', () => {
    const r = check(checkoutWithSpace(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')))
    expect([r.status, r.stderr]).toEqual([0, ''])
  })
})
