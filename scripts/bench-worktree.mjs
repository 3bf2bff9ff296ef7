// `node scripts/bench-worktree.mjs [rounds]`: what the temporary worktree of the version under test
// costs on this repository — add + check out + link node_modules, then remove — through the real
// src/changes/worktree.ts (bundled with esbuild), for a commit that is not checked out (HEAD~1).
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const ROUNDS = Number(process.argv[2] ?? 5)
// Inside the repository, so the bundle resolves execa and the other externals from node_modules.
const outdir = join(ROOT, '.proofgate', 'bench-worktree')
mkdirSync(outdir, { recursive: true })
const contents =
  "export { lastWorktreeCreateMs, removeRunTree, runTreeFor } from './src/changes/worktree.ts'\nexport { workTreeDifference } from './src/changes/git.ts'\n"
await build({
  stdin: { contents, resolveDir: ROOT, loader: 'ts' },
  outfile: join(outdir, 'worktree.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  packages: 'external',
  logLevel: 'warning',
})
const { lastWorktreeCreateMs, removeRunTree, runTreeFor, workTreeDifference } = await import(join(outdir, 'worktree.mjs'))

const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 }).trim()
const sha = git('rev-parse', 'HEAD~1')
const files = git('ls-tree', '-r', '--name-only', sha).split('\n').length
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const compare = []
const create = []
const remove = []
for (let i = 0; i < ROUNDS; i++) {
  // A fresh change set each round: workTreeDifference is cached per change set.
  const changes = {
    root: ROOT,
    base: { sha, source: 'explicit' },
    head: { sha },
    treeHash: git('rev-parse', `${sha}^{tree}`),
    includesWorkingTree: false,
    files: [],
    diffHash: '',
  }
  const runId = `bench-${process.pid}-${i}`
  let t = performance.now()
  await workTreeDifference(changes)
  compare.push(performance.now() - t)
  const tree = await runTreeFor(changes, runId)
  create.push(lastWorktreeCreateMs())
  if (!tree.temporary) throw new Error('the disk is HEAD~1: nothing to measure')
  t = performance.now()
  await removeRunTree(runId)
  remove.push(performance.now() - t)
}
rmSync(outdir, { recursive: true, force: true })
const ms = (x) => `${Math.round(x)} ms`
console.log(`worktree of ${sha.slice(0, 12)} (${files} files), ${ROUNDS} rounds, medians:`)
console.log(`  disk vs version under test (snapshot) ${ms(median(compare))}  (paid by every --head/pre-push run already)`)
console.log(`  add + check out + link node_modules  ${ms(median(create))}`)
console.log(`  remove (worktree remove + prune)     ${ms(median(remove))}`)
