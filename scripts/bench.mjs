// `npm run bench`: proofgate against the raw tools, measured side by side in one run.
// Ratios, not absolute times, are the result: both sides run alternately on the same machine state.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const CLI = join(ROOT, 'dist', 'cli.js')
const NODE = process.execPath
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)

/** Wall time of one process run in ms; throws when it exits with an unexpected code. */
function time(args, { cwd = ROOT, ok = [0] } = {}) {
  const start = process.hrtime.bigint()
  const result = spawnSync(NODE, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (!ok.includes(result.status)) throw new Error(`${args.join(' ')} exited ${result.status}\n${result.stdout}\n${result.stderr}`)
  return ms
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Runs each case once per round, interleaved, after one warm-up run each; returns medians. */
function sideBySide(cases) {
  for (const c of cases) c.run()
  const samples = cases.map(() => [])
  for (let round = 0; round < ROUNDS; round++) cases.forEach((c, i) => samples[i].push(c.run()))
  return cases.map((c, i) => ({ name: c.name, ms: median(samples[i]) }))
}

function git(...args) {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim()
}

function row(name, ms, floor) {
  return `  ${name.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / floor).toFixed(2).padStart(6)}×`
}

// 1. Start time: `proofgate --version` against a bare `node -e 0` (the floor).
const start = sideBySide([
  { name: 'node -e 0 (floor)', run: () => time(['-e', '0']) },
  { name: 'proofgate --version', run: () => time([CLI, '--version']) },
])

// 2. static-analysis gate against `eslint --cache` on the same changed files of this repository.
const base = process.env.BENCH_BASE ?? git('rev-list', '--max-parents=0', 'HEAD').split('\n').at(-1)
const changed = git('diff', '--name-only', '--diff-filter=d', base, 'HEAD', '--', '*.ts', '*.js', '*.mjs')
  .split('\n')
  .filter((f) => f !== '' && !f.startsWith('dist/') && !f.startsWith('test/fixtures/'))
const work = mkdtempSync(join(tmpdir(), 'proofgate-bench-'))
const eslintCache = join(work, 'eslint-cache')
const configDir = join(ROOT, '.proofgate', 'bench')
mkdirSync(configDir, { recursive: true })
// ESLint only, so both sides do the same work; tsc is measured on its own below.
writeFileSync(join(configDir, 'eslint-only.yml'), 'gates:\n  static-analysis: { typescript: false }\n')
writeFileSync(join(configDir, 'with-tsc.yml'), 'gates:\n  static-analysis: { typescript: true }\n')
const eslintBin = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js')
const tscBin = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
const gateArgs = (config) => [CLI, 'run', '--base', base, '--head', 'HEAD', '--gates', 'static-analysis', '--filter-mode', 'nofilter', '--format', 'json', '--config', `.proofgate/bench/${config}`]
const lint = sideBySide([
  { name: `eslint --cache (${changed.length} files)`, run: () => time([eslintBin, '--cache', '--cache-location', eslintCache, '--cache-strategy', 'content', ...changed], { ok: [0, 1] }) },
  { name: 'proofgate run --gates static-analysis (eslint only)', run: () => time(gateArgs('eslint-only.yml'), { ok: [0, 1] }) },
])
const tsc = sideBySide([
  { name: 'tsc --noEmit -p tsconfig.json', run: () => time([tscBin, '--noEmit', '-p', 'tsconfig.json'], { ok: [0, 2] }) },
  { name: 'proofgate run --gates static-analysis (eslint + tsc)', run: () => time(gateArgs('with-tsc.yml'), { ok: [0, 1] }) },
])
rmSync(work, { recursive: true, force: true })
rmSync(configDir, { recursive: true, force: true })

const commit = git('rev-parse', '--short=12', 'HEAD')
console.log(`proofgate bench · ${commit} · node ${process.version} · ${ROUNDS} rounds, medians, cases interleaved`)
console.log('\nstart time (goal: proofgate --version ≤ 150 ms)')
console.log(row(start[0].name, start[0].ms, start[0].ms))
console.log(row(start[1].name, start[1].ms, start[0].ms))
console.log(`\nstatic-analysis on this repository, ${base.slice(0, 12)}..HEAD, ${changed.length} changed JS/TS files (goal ≤ 1.15× eslint --cache)`)
console.log(row(lint[0].name, lint[0].ms, lint[0].ms))
console.log(row(lint[1].name, lint[1].ms, lint[0].ms))
console.log('\nstatic-analysis with TypeScript, against tsc alone')
console.log(row(tsc[0].name, tsc[0].ms, tsc[0].ms))
console.log(row(tsc[1].name, tsc[1].ms, tsc[0].ms))
console.log(`\nresult: --version ${start[1].ms.toFixed(0)} ms; static-analysis/eslint ${(lint[1].ms / lint[0].ms).toFixed(2)}×; static-analysis+tsc/tsc ${(tsc[1].ms / tsc[0].ms).toFixed(2)}×`)
