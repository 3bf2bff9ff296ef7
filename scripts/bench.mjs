// `npm run bench`: proofgate against the raw tools, measured side by side in one run.
// Ratios, not absolute times, are the result: both sides run alternately on the same machine state.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
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
function sideBySide(cases, rounds = ROUNDS) {
  for (const c of cases) c.run()
  const samples = cases.map(() => [])
  for (let round = 0; round < rounds; round++) cases.forEach((c, i) => samples[i].push(c.run()))
  return cases.map((c, i) => ({ name: c.name, ms: median(samples[i]) }))
}

function git(...args) {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim()
}

function row(name, ms, floor) {
  return `  ${name.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / floor).toFixed(2).padStart(6)}×`
}

// One case alone: `node scripts/bench.mjs review` (or BENCH_ONLY=review) runs only the review case.
const ONLY = process.env.BENCH_ONLY ?? process.argv[2]
if (ONLY === 'review') {
  printReview(await benchReview())
  process.exit(0)
} else if (ONLY !== undefined) {
  throw new Error(`unknown bench case '${ONLY}': the only selectable case is review`)
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
const gateArgs = (config) => [
  CLI,
  'run',
  '--base',
  base,
  '--head',
  'HEAD',
  '--gates',
  'static-analysis',
  '--filter-mode',
  'nofilter',
  '--format',
  'json',
  '--config',
  `.proofgate/bench/${config}`,
]
const lint = sideBySide([
  {
    name: `eslint --cache (${changed.length} files)`,
    run: () => time([eslintBin, '--cache', '--cache-location', eslintCache, '--cache-strategy', 'content', ...changed], { ok: [0, 1] }),
  },
  { name: 'proofgate run --gates static-analysis (eslint only)', run: () => time(gateArgs('eslint-only.yml'), { ok: [0, 1] }) },
])
const tsc = sideBySide([
  { name: 'tsc --noEmit -p tsconfig.json', run: () => time([tscBin, '--noEmit', '-p', 'tsconfig.json'], { ok: [0, 2] }) },
  { name: 'proofgate run --gates static-analysis (eslint + tsc)', run: () => time(gateArgs('with-tsc.yml'), { ok: [0, 1] }) },
])
rmSync(work, { recursive: true, force: true })
rmSync(configDir, { recursive: true, force: true })

// 3. Test-integrity scan against TypeScript's parse floor, on a real suite (BENCH_SUITE: a checked-out
// repository with ≥ 1,000 test files, e.g. vitest's; never committed here) and on a generated
// suite of 10,000 test files for peak memory.
const scan = await benchScan()
// 4. test-mutation over a long range of a real repository's history (BENCH_HISTORY, default
// BENCH_SUITE), against a floor that reads the same commits and versions with git and parses them.
const history = benchHistory()

// 5. The Action: bundle size, and cold start from spawning dist/index.js to its first GitHub API
// request (the check run), against a floor of node spawning and sending one request.
const action = await benchAction()
const hook = benchHook()
// 6. doc-coverage over every export of this repository (base: the root commit) against a floor that
// parses the same files with TypeScript and looks for each top-level export's doc comment.
const docs = benchDocCoverage()
// 7. The coverage gate against the raw `vitest run --coverage` it wraps, on a slice of this suite.
const cover = benchCoverage()

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
console.log(
  `\nresult: --version ${start[1].ms.toFixed(0)} ms; static-analysis/eslint ${(lint[1].ms / lint[0].ms).toFixed(2)}×; static-analysis+tsc/tsc ${(tsc[1].ms / tsc[0].ms).toFixed(2)}×`,
)
if (scan !== null) {
  console.log(
    `\ntest-integrity scan (mock-integrity + semantic-tests) on ${scan.suite}: ${scan.files} test files, ${(scan.bytes / 1e6).toFixed(1)} MB (goal ≤ 1.5× the parse floor)`,
  )
  console.log(row('floor: createSourceFile + full AST walk (in-process)', scan.floor, scan.floor))
  console.log(row('proofgate: parse + facts + both rule sets (in-process)', scan.proofgate, scan.floor))
  console.log(row('whole-process floor: node + typescript + git ls-files + parse + walk', scan.floorProcess, scan.floorProcess))
  console.log(row('whole process: proofgate scan --all (discovery, imports, report)', scan.process, scan.floorProcess))
  console.log(
    `\ngenerated suite, ${scan.generated.files} test files: proofgate scan --all ${scan.generated.ms.toFixed(0)} ms, peak RSS ${(scan.generated.maxRssKb / 1024).toFixed(0)} MB (goal ≤ 500 MB)`,
  )
} else {
  console.log('\ntest-integrity scan: skipped (set BENCH_SUITE to a checked-out repository with ≥ 1,000 test files)')
}
if (history !== null) {
  console.log(
    `\ntest-mutation on ${history.repo}, a ${history.commits}-commit range (HEAD~${history.depth}..HEAD): ${history.testFiles} changed test files, ${history.versions} versions parsed`,
  )
  console.log(row('floor: git log --name-status + cat-file --batch + parse (process)', history.floor, history.floor))
  console.log(row('proofgate run --gates test-mutation (process)', history.proofgate, history.floor))
  console.log(`  time per commit: ${(history.proofgate / history.commits).toFixed(1)} ms (floor ${(history.floor / history.commits).toFixed(1)} ms)`)
} else {
  console.log('\ntest-mutation history: skipped (set BENCH_HISTORY or BENCH_SUITE to a repository with ≥ 200 commits)')
}
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`
console.log(
  `\nthe Action: dist/index.js with the ${action.eagerChunks} chunk(s) it imports at start ${mb(action.eagerBytes)}; TypeScript chunk (lazy) ${mb(action.typescriptBytes)}; dist/ total ${mb(action.total)}`,
)
console.log(row('floor: node spawns and sends one request', action.floor, action.floor))
console.log(row('Action cold start to its first API request (check run)', action.first, action.floor))
console.log(row('Action whole run (push, gate-integrity, 2 commits)', action.whole, action.floor))

console.log(`\ndoc-coverage on this repository since its root commit: ${docs.files} source files, ${docs.exports} exports judged`)
console.log(row('floor: node + typescript, parse each file, find doc comments', docs.floor, docs.floor))
console.log(row('proofgate run --gates doc-coverage', docs.proofgate, docs.floor))

console.log(`\nthe coverage gate on ${cover.slice} (${cover.files} changed source files included), against the vitest run it wraps`)
console.log(row('vitest run --coverage (v8, json reporter, same includes)', cover.raw, cover.raw))
console.log(row('proofgate run --gates coverage', cover.proofgate, cover.raw))

console.log(`\nthe pre-push hook on a push that changes only a README (goal: ≤ 300 ms beyond git's own)`)
console.log(row('git push --no-verify (floor)', hook.floor, hook.floor))
console.log(row("git push through proofgate's pre-push hook", hook.hooked, hook.floor))
console.log(`  hook overhead: ${(hook.hooked - hook.floor).toFixed(0)} ms (proofgate --version alone: ${start[1].ms.toFixed(0)} ms)`)

// 8. `proofgate history` and `health` over a generated 100,000-event journal (goal: under 1 s and
// 200 MB each), against a floor that reads the same file and JSON.parses each line.
const loop = benchLoop()
console.log(`\nhistory and health over a generated journal of ${loop.events.toLocaleString('en')} events (goal: < 1 s and < 200 MB each)`)
console.log(row('floor: node reads the journal and parses each line', loop.floor, loop.floor))
console.log(row(`proofgate history (peak RSS ${loop.historyMb} MB)`, loop.history, loop.floor))
console.log(row(`proofgate health (peak RSS ${loop.healthMb} MB)`, loop.health, loop.floor))
console.log(`\na passing run (gate-integrity, a README change) beside the same journal: its cost must not grow with the journal`)
console.log(row('proofgate run, empty journal', loop.runEmpty, loop.runEmpty))
console.log(row(`proofgate run, ${loop.events.toLocaleString('en')}-event journal`, loop.runLong, loop.runEmpty))

/** A repository whose journal holds `count` events of runs on five branches; history, health and the floor, interleaved. */
function benchLoop(count = 100_000) {
  const dir = mkdtempSync(join(tmpdir(), 'proofgate-bench-loop-'))
  execFileSync('git', ['init', '-q', dir])
  const journal = join(dir, '.proofgate', 'journal', 'events.jsonl')
  mkdirSync(dirname(journal), { recursive: true })
  const gates = ['static-analysis', 'tests', 'mock-integrity', 'test-mutation', 'doc-coverage', 'evidence', 'gate-integrity']
  const lines = []
  const now = Date.now()
  for (let i = 0; lines.length < count; i++) {
    const ts = new Date(now - (count - lines.length) * 60_000).toISOString()
    const runId = `run-${i}`
    const blocked = i % 3 === 0
    lines.push(
      JSON.stringify({ v: 1, ts, runId, type: 'run-started', head: { sha: 'a'.repeat(40), ref: `b${i % 5}` }, scope: 'changes', diffHash: `d${i % 7}` }),
    )
    for (const gate of gates) {
      lines.push(JSON.stringify({ v: 1, ts, runId, type: 'gate-started', gate }))
      lines.push(JSON.stringify({ v: 1, ts, runId, type: 'gate-ended', gate, status: blocked && gate === 'tests' ? 'fail' : 'pass', durationMs: 100 }))
    }
    const blocking = blocked ? [{ gate: 'tests', ruleId: 'test-failed', path: 'src/a.test.js', fingerprint: `f${i % 11}` }] : []
    lines.push(
      JSON.stringify({
        v: 1,
        ts,
        runId,
        type: 'verdict',
        verdict: blocked ? 'blocked' : 'pass',
        exitCode: blocked ? 1 : 0,
        blockingFindings: blocking,
        failingTests: [],
        waivers: { expired: 0, unused: 0 },
      }),
    )
  }
  writeFileSync(journal, lines.slice(0, count).join('\n') + '\n')
  const floor = join(dir, 'floor.mjs')
  writeFileSync(
    floor,
    `import { readFileSync } from 'node:fs'\nlet n = 0\nfor (const line of readFileSync(${JSON.stringify(journal)}, 'utf8').split('\\n')) if (line !== '') n += JSON.parse(line).v\n`,
  )
  const probe = (command) => {
    const file = join(dir, `${command}.mjs`)
    writeFileSync(
      file,
      `import { writeSync } from 'node:fs'\nprocess.on('exit', () => writeSync(2, 'maxrss ' + process.resourceUsage().maxRSS + '\\n'))\nprocess.argv = [process.argv[0], ${JSON.stringify(CLI)}, ${JSON.stringify(command)}, '--format', 'json']\nawait import(${JSON.stringify(CLI)})\n`,
    )
    return file
  }
  const rss = { history: 0, health: 0 }
  const run = (command) => {
    const start = process.hrtime.bigint()
    const result = spawnSync(NODE, [probe(command)], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] })
    if (result.status !== 0) throw new Error(`${command} exited ${result.status}\n${result.stderr}`)
    rss[command] = Math.max(rss[command], Number(/maxrss (\d+)/.exec(result.stderr)?.[1] ?? 0))
    return Number(process.hrtime.bigint() - start) / 1e6
  }
  // Two repositories for a passing run: one with the long journal, one with none. Retention is set
  // past the journal's oldest event so that no round compacts it.
  const repos = ['long', 'empty'].map((name) => {
    const repo = join(dir, name)
    const g = (...args) => execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@b', ...args], { cwd: repo, stdio: 'ignore' })
    mkdirSync(repo)
    g('init', '-q')
    writeFileSync(join(repo, '.proofgate.yml'), 'loop:\n  retention-days: 3650\n')
    writeFileSync(join(repo, '.gitignore'), '.proofgate/\n')
    writeFileSync(join(repo, 'README.md'), '# bench\n')
    g('add', '-A')
    g('commit', '-qm', 'initial')
    writeFileSync(join(repo, 'README.md'), '# bench\n\nA change.\n')
    g('commit', '-qam', 'docs')
    if (name === 'long') {
      mkdirSync(join(repo, '.proofgate', 'journal'), { recursive: true })
      writeFileSync(join(repo, '.proofgate', 'journal', 'events.jsonl'), readFileSync(journal))
    }
    return repo
  })
  const passingRun = (cwd) => time([CLI, 'run', '--base', 'HEAD~1', '--gates', 'gate-integrity', '--format', 'json'], { cwd })
  const [f, h, he, long, empty] = sideBySide([
    { name: 'floor', run: () => time([floor], { cwd: dir }) },
    { name: 'history', run: () => run('history') },
    { name: 'health', run: () => run('health') },
    { name: 'run long', run: () => passingRun(repos[0]) },
    { name: 'run empty', run: () => passingRun(repos[1]) },
  ])
  rmSync(dir, { recursive: true, force: true })
  return {
    events: count,
    floor: f.ms,
    history: h.ms,
    health: he.ms,
    historyMb: (rss.history / 1024).toFixed(0),
    healthMb: (rss.health / 1024).toFixed(0),
    runLong: long.ms,
    runEmpty: empty.ms,
  }
}

/** A real repository and bare remote; pushes of a one-line README change with and without the installed hook, interleaved. */
function benchDocCoverage() {
  const rootCommit = git('rev-list', '--max-parents=0', 'HEAD').split('\n').at(-1)
  const args = [CLI, 'run', '--base', rootCommit, '--head', 'HEAD', '--gates', 'doc-coverage', '--format', 'json']
  const report = JSON.parse(spawnSync(NODE, args, { cwd: ROOT, encoding: 'utf8' }).stdout)
  const gate = report.gates.find((g) => g.id === 'doc-coverage')
  const [, files, exports] = /(\d+) source files?, (\d+) exports? judged/.exec(gate.summary) ?? []
  // The same file list the gate judged is not in its report; the floor takes every JS/TS file outside
  // dist/, test/ and fixtures, which is at least as many.
  const floorFiles = git('ls-files', '--', '*.ts', '*.mjs', '*.js')
    .split('\n')
    .filter((f) => f !== '' && !/^(dist|test)\//.test(f) && !f.includes('fixtures/'))
  const list = join(mkdtempSync(join(tmpdir(), 'proofgate-bench-docs-')), 'files.json')
  writeFileSync(list, JSON.stringify(floorFiles))
  const floorCode = `
    const ts = require(${JSON.stringify(join(ROOT, 'node_modules', 'typescript'))})
    const { readFileSync } = require('node:fs')
    let documented = 0
    for (const f of JSON.parse(readFileSync(${JSON.stringify(list)}, 'utf8'))) {
      const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true)
      for (const st of sf.statements) if (ts.getJSDocCommentsAndTags(st).length > 0) documented++
    }
    if (documented < 0) process.exit(1)`
  const [floor, proofgate] = sideBySide([
    { name: 'floor', run: () => time(['--input-type=commonjs', '-e', floorCode]) },
    { name: 'proofgate', run: () => time(args, { ok: [0, 1] }) },
  ])
  rmSync(dirname(list), { recursive: true, force: true })
  return { files: Number(files), exports: Number(exports), floor: floor.ms, proofgate: proofgate.ms }
}

function benchCoverage() {
  const rounds = Number(process.env.BENCH_COVERAGE_ROUNDS ?? 3)
  const slice = 'test/unit/findings'
  const rootCommit = git('rev-list', '--max-parents=0', 'HEAD').split('\n').at(-1)
  const dir = join(ROOT, '.proofgate', 'bench-coverage')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'config.yml'), `gates:\n  coverage: { mode: advisory, runner: vitest, args: [${slice}] }\n`)
  const args = [
    CLI,
    'run',
    '--base',
    rootCommit,
    '--head',
    'HEAD',
    '--gates',
    'coverage',
    '--format',
    'json',
    '--config',
    '.proofgate/bench-coverage/config.yml',
  ]
  const report = JSON.parse(spawnSync(NODE, args, { cwd: ROOT, encoding: 'utf8' }).stdout)
  const included = report.gates.find((g) => g.id === 'coverage').data.files.map((f) => f.path)
  const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs')
  const rawArgs = [
    vitest,
    'run',
    slice,
    '--coverage.enabled',
    '--coverage.provider=v8',
    '--coverage.reporter=json',
    `--coverage.reportsDirectory=${join(dir, 'raw')}`,
    ...included.map((f) => `--coverage.include=${f}`),
  ]
  const [raw, proofgate] = sideBySide(
    [
      { name: 'raw', run: () => time(rawArgs, { ok: [0, 1] }) },
      { name: 'proofgate', run: () => time(args, { ok: [0, 1] }) },
    ],
    rounds,
  )
  rmSync(dir, { recursive: true, force: true })
  return { slice, files: included.length, raw: raw.ms, proofgate: proofgate.ms }
}

function benchHook() {
  const dir = mkdtempSync(join(tmpdir(), 'proofgate-bench-hook-'))
  const repo = join(dir, 'repo')
  const remote = join(dir, 'remote.git')
  const env = { ...process.env, NO_COLOR: '1', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' }
  for (const key of Object.keys(env)) if (key.startsWith('PROOFGATE_')) delete env[key]
  const g = (...args) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] }).trim()
  mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true })
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remote])
  g('init', '-q', '-b', 'main')
  const files = {
    'package.json': '{ "name": "app", "private": true, "type": "module" }\n',
    'eslint.config.js': "export default [{ files: ['**/*.js'], rules: { 'no-debugger': 'error' } }]\n",
    'src/add.js': 'export const add = (a, b) => a + b\n',
    'src/add.test.js': "import { expect, it } from 'vitest'\nimport { add } from './add.js'\nit('adds', () => {\n  expect(add(1, 2)).toBe(3)\n})\n",
    '.gitignore': 'node_modules\n.proofgate/\n',
    'README.md': '# app\n\nA bench repository: each push changes the line below, nothing else.\n',
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true })
    writeFileSync(join(repo, path), text)
  }
  for (const name of ['eslint', 'vitest']) symlinkSync(join(ROOT, 'node_modules', name), join(repo, 'node_modules', name), 'dir')
  symlinkSync(ROOT, join(repo, 'node_modules', 'proofgate'), 'dir')
  symlinkSync('../proofgate/dist/cli.js', join(repo, 'node_modules', '.bin', 'proofgate'))
  g('add', '-A')
  g('commit', '-qm', 'initial')
  g('remote', 'add', 'origin', remote)
  g('push', '-q', 'origin', 'main')
  execFileSync(NODE, [CLI, 'install'], { cwd: repo, env, stdio: 'ignore' })
  let n = 0
  const push = (...flags) => {
    writeFileSync(join(repo, 'README.md'), `# app\n\nA bench repository: each push changes the line below, nothing else.\n\nedit ${++n}\n`)
    g('commit', '-qam', `docs ${n}`)
    const t0 = process.hrtime.bigint()
    const result = spawnSync('git', ['push', '-q', ...flags, 'origin', 'main'], { cwd: repo, env, encoding: 'utf8' })
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    if (result.status !== 0) throw new Error(`git push ${flags.join(' ')} exited ${result.status}\n${result.stdout}${result.stderr}`)
    return ms
  }
  const [floor, hooked] = sideBySide([
    { name: 'floor', run: () => push('--no-verify') },
    { name: 'hooked', run: () => push() },
  ])
  rmSync(dir, { recursive: true, force: true })
  return { floor: floor.ms, hooked: hooked.ms }
}

async function benchAction() {
  const dist = join(ROOT, 'dist')
  const index = readFileSync(join(dist, 'index.js'), 'utf8')
  const eager = new Set()
  const queue = [index]
  while (queue.length > 0) {
    for (const m of queue.pop().matchAll(/(?:from|import)\s*"\.\/(?:chunks\/)?([^"]+\.js)"/g)) {
      const name = m[1]
      if (eager.has(name) || !existsSync(join(dist, 'chunks', name))) continue
      eager.add(name)
      queue.push(readFileSync(join(dist, 'chunks', name), 'utf8'))
    }
  }
  const size = (f) => statSync(f).size
  const eagerBytes = size(join(dist, 'index.js')) + [...eager].reduce((n, c) => n + size(join(dist, 'chunks', c)), 0)
  const ts = readdirSync(join(dist, 'chunks')).find((f) => f.startsWith('typescript-') && f.endsWith('.js'))
  const total = readdirSync(join(dist, 'chunks')).reduce((n, f) => n + size(join(dist, 'chunks', f)), size(join(dist, 'index.js')))

  const repo = mkdtempSync(join(tmpdir(), 'proofgate-bench-action-'))
  const g = (...args) =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' },
    }).trim()
  g('init', '-q', '-b', 'main')
  writeFileSync(join(repo, 'a.js'), 'export const a = 1\n')
  g('add', '-A')
  g('commit', '-qm', 'one')
  const before = g('rev-parse', 'HEAD')
  writeFileSync(join(repo, 'b.js'), 'export const b = 2\n')
  g('add', '-A')
  g('commit', '-qm', 'two')
  const after = g('rev-parse', 'HEAD')
  writeFileSync(join(repo, '.git', 'event.json'), JSON.stringify({ before, after, ref: 'refs/heads/main', repository: { default_branch: 'main' } }))

  let firstAt = null
  const server = createServer((req, res) => {
    firstAt ??= performance.now()
    req.resume()
    req.on('end', () => {
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ id: 1, html_url: 'http://127.0.0.1/run/1' }))
    })
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${server.address().port}`
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_WORKSPACE: repo,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: join(repo, '.git', 'event.json'),
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_SHA: after,
    GITHUB_API_URL: url,
    GITHUB_OUTPUT: join(repo, '.git', 'out'),
    RUNNER_TEMP: join(repo, '.git', 'tmp'),
    'INPUT_GITHUB-TOKEN': 'bench',
    INPUT_GATES: 'gate-integrity',
    INPUT_COMMENT: 'off',
  }
  const firstRequest = async (args, extraEnv = {}) => {
    firstAt = null
    const t0 = performance.now()
    const child = spawn(NODE, args, { cwd: repo, env: { ...env, ...extraEnv }, stdio: 'ignore' })
    await new Promise((r) => child.on('close', r))
    return { first: firstAt === null ? NaN : firstAt - t0, total: performance.now() - t0 }
  }
  const samples = { floor: [], first: [], total: [] }
  for (let round = 0; round <= ROUNDS; round++) {
    const floor = await firstRequest(['-e', `await fetch(${JSON.stringify(url)} + '/x', { method: 'POST', body: '{}' })`, '--input-type=module'])
    const run = await firstRequest([join(dist, 'index.js')])
    if (round === 0) continue
    samples.floor.push(floor.first)
    samples.first.push(run.first)
    samples.total.push(run.total)
  }
  server.close()
  rmSync(repo, { recursive: true, force: true })
  return {
    eagerBytes,
    eagerChunks: eager.size,
    typescriptBytes: ts === undefined ? 0 : size(join(dist, 'chunks', ts)),
    total,
    floor: median(samples.floor),
    first: median(samples.first),
    whole: median(samples.total),
  }
}

function benchHistory() {
  const repo = process.env.BENCH_HISTORY ?? process.env.BENCH_SUITE
  if (repo === undefined || !existsSync(repo)) return null
  const depth = Number(process.env.BENCH_HISTORY_COMMITS ?? 200)
  const inRepo = (...args) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 256 << 20 }).trim()
  const base = inRepo('rev-parse', `HEAD~${depth}`)
  const commits = Number(inRepo('rev-list', '--count', `${base}..HEAD`))
  const changedTests = inRepo('diff', '--name-status', '--no-renames', base, 'HEAD')
    .split('\n')
    .map((l) => l.split('\t'))
    .filter(([, p]) => p !== undefined && /\.(test|spec)\.[cm]?[jt]sx?$/.test(p))
  const outdir = join(ROOT, '.proofgate', 'bench-history')
  mkdirSync(outdir, { recursive: true })
  const floorScript = join(outdir, 'floor.mjs')
  // The floor does what any range comparison must: list the commits, read both versions of each
  // changed test file, parse them. No matching, no pairing, no rules.
  writeFileSync(
    floorScript,
    [
      "import { execFileSync } from 'node:child_process'",
      `import ts from ${JSON.stringify(join(ROOT, 'node_modules', 'typescript', 'lib', 'typescript.js'))}`,
      `const base = ${JSON.stringify(base)}`,
      `const files = ${JSON.stringify(changedTests)}`,
      "execFileSync('git', ['log', '-z', '--name-status', '-M', '--format=%H%x1f%P%x1f%s%x1f%b', `${base}..HEAD`], { maxBuffer: 256 << 20 })",
      "const requests = files.flatMap(([s, p]) => [...(s !== 'A' ? [`${base}:${p}`] : []), ...(s !== 'D' ? [`HEAD:${p}`] : [])])",
      "const out = execFileSync('git', ['cat-file', '--batch'], { input: requests.join('\\n') + '\\n', maxBuffer: 1 << 30 })",
      'let offset = 0',
      'let parsed = 0',
      'for (const name of requests) {',
      '  const end = out.indexOf(10, offset)',
      "  const size = Number(out.toString('utf8', offset, end).split(' ')[2])",
      '  offset = end + 1',
      '  if (Number.isNaN(size)) continue',
      "  ts.createSourceFile(name, out.toString('utf8', offset, offset + size), ts.ScriptTarget.Latest, true)",
      '  offset += size + 1',
      '  parsed++',
      '}',
      'process.stdout.write(String(parsed))',
    ].join('\n'),
  )
  const versions = Number(execFileSync(NODE, [floorScript], { cwd: repo, encoding: 'utf8' }))
  const [floor, proofgate] = sideBySide(
    [
      { name: 'floor', run: () => time([floorScript], { cwd: repo }) },
      {
        name: 'proofgate',
        run: () =>
          time([CLI, 'run', '--base', base, '--head', 'HEAD', '--gates', 'test-mutation', '--filter-mode', 'nofilter', '--format', 'json'], {
            cwd: repo,
            ok: [0, 1, 2],
          }),
      },
    ],
    Number(process.env.BENCH_HISTORY_ROUNDS ?? 5),
  )
  rmSync(outdir, { recursive: true, force: true })
  return { repo, depth, commits, testFiles: changedTests.length, versions, floor: floor.ms, proofgate: proofgate.ms }
}

async function benchScan() {
  const suite = process.env.BENCH_SUITE
  if (suite === undefined || !existsSync(suite)) return null
  const { build } = await import('esbuild')
  // Inside the repository, so the bundle resolves typescript and the other externals from node_modules.
  const outdir = join(ROOT, '.proofgate', 'bench-scan')
  mkdirSync(outdir, { recursive: true })
  await build({
    entryPoints: [join(ROOT, 'scripts', 'bench-scan-entry.mjs')],
    outfile: join(outdir, 'entry.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'warning',
  })
  const entry = await import(join(outdir, 'entry.mjs'))
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: suite, encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\0')
    .filter(Boolean)
  const tests = listed.filter((p) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(p) && !p.includes('node_modules/') && existsSync(join(suite, p)))
  const items = tests.map((path) => ({ path, text: readFileSync(join(suite, path), 'utf8') }))
  const { ts, env } = await entry.prepare(suite, listed)
  const clock = (fn) => () => {
    const t = process.hrtime.bigint()
    fn()
    return Number(process.hrtime.bigint() - t) / 1e6
  }
  const [floor, proofgate] = sideBySide([
    { name: 'floor', run: clock(() => entry.parseFloor(ts, items)) },
    { name: 'proofgate', run: clock(() => entry.scanAll(ts, env, items)) },
  ])
  // The whole-process floor: a fresh node that loads TypeScript, lists the files with git, reads, parses and walks them.
  const floorScript = join(outdir, 'floor.mjs')
  writeFileSync(
    floorScript,
    [
      "import { execFileSync } from 'node:child_process'",
      "import { readFileSync } from 'node:fs'",
      "import ts from 'typescript'",
      "const listed = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\\0')",
      `const tests = new Set(${JSON.stringify(tests)})`,
      'let nodes = 0',
      'const walk = (n) => { nodes++; ts.forEachChild(n, walk) }',
      "for (const p of listed) if (tests.has(p)) walk(ts.createSourceFile(p, readFileSync(p, 'utf8'), ts.ScriptTarget.Latest, false))",
      '',
    ].join('\n'),
  )
  const [floorProcess, whole] = sideBySide([
    { name: 'floor process', run: () => time([floorScript], { cwd: suite }) },
    { name: 'process', run: () => time([CLI, 'scan', '--all', '--format', 'json', '--output', join(outdir, 'scan.json')], { cwd: suite, ok: [0, 1, 2] }) },
  ])
  rmSync(join(suite, '.proofgate'), { recursive: true, force: true })
  const generated = generatedSuite(10_000)
  rmSync(outdir, { recursive: true, force: true })
  return {
    suite,
    files: items.length,
    bytes: items.reduce((n, i) => n + i.text.length, 0),
    floor: floor.ms,
    proofgate: proofgate.ms,
    floorProcess: floorProcess.ms,
    process: whole.ms,
    generated,
  }
}

/** Writes `count` test files into a fresh git repository and measures one scan's time and peak RSS. */
function generatedSuite(count) {
  const dir = mkdtempSync(join(tmpdir(), 'proofgate-bench-gen-'))
  const g = (...args) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'ignore',
      env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'b@x' },
    })
  g('init', '-q', '-b', 'main')
  writeFileSync(join(dir, 'package.json'), '{ "name": "generated", "private": true }\n')
  g('add', '.')
  g('commit', '-qm', 'init')
  mkdirSync(join(dir, 'src'))
  for (let m = 0; m < 100; m++) writeFileSync(join(dir, 'src', `m${m}.ts`), `export function f${m}(a: number, b: number): number {\n  return a + b * ${m}\n}\n`)
  for (let i = 0; i < count; i++) {
    const sub = join(dir, 'test', `d${i % 100}`)
    if (i < 100) mkdirSync(sub, { recursive: true })
    const m = i % 100
    const body = [
      "import { describe, expect, it, vi } from 'vitest'",
      `import { f${m} } from '../../src/m${m}'`,
      i % 7 === 0 ? `vi.mock('../../src/m${(m + 1) % 100}')` : '',
      `describe('f${m} case ${i}', () => {`,
      ...Array.from(
        { length: 8 },
        (_, k) =>
          `  it('adds ${k}', () => {\n    const result = f${m}(${k}, ${i % 13})\n    expect(result).toBe(${k + (i % 13) * m})\n    expect(f${m}(0, 0)).not.toBe(-1)\n  })`,
      ),
      // About one file in ten has a conditional assertion, one in fifty a tautology: findings in the report, as on a real suite.
      i % 10 === 0 ? `  it('sometimes', () => {\n    const result = f${m}(1, 2)\n    if (result > 1000) expect(result).toBeGreaterThan(1000)\n  })` : '',
      i % 50 === 0 ? "  it('is true', () => { expect(true).toBe(true) })" : '',
      '})',
      '',
    ].join('\n')
    writeFileSync(join(sub, `case${i}.test.ts`), body)
  }
  const probe = join(dir, 'probe.mjs')
  writeFileSync(
    probe,
    `import { writeSync } from 'node:fs'\nprocess.on('exit', () => writeSync(2, 'maxrss ' + process.resourceUsage().maxRSS + '\\n'))\nprocess.argv = [process.argv[0], ${JSON.stringify(CLI)}, 'scan', '--all', '--format', 'json', '--output', 'scan.json']\nawait import(${JSON.stringify(CLI)})\n`,
  )
  const start = process.hrtime.bigint()
  const result = spawnSync(NODE, [probe], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 << 20 })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  const maxRssKb = Number(/maxrss (\d+)/.exec(result.stderr)?.[1] ?? NaN)
  if (![0, 1, 2].includes(result.status) || !existsSync(join(dir, 'scan.json'))) throw new Error(`generated scan exited ${result.status}\n${result.stderr}`)
  const report = JSON.parse(readFileSync(join(dir, 'scan.json'), 'utf8'))
  const files = report.gates[0]?.data?.files ?? 0
  rmSync(dir, { recursive: true, force: true })
  return { files, ms, maxRssKb }
}

/**
 * The review gate's cost per reviewer: building the request (buildRequest of a 200-file diff) and
 * asking a reviewer that answers at once (`cat >/dev/null; echo '{"verdict":"pass",...}'`) through
 * askReviewer (no Node launcher: `lifeline: false`), against a floor of a bare `bash -c true` spawned
 * with node:child_process, and beside `bash -c true` through runRepositoryCode's launcher (what a
 * reviewer cost with it), interleaved, in-process (src/ bundled with esbuild). The diff is read once
 * per round (per gate, not per reviewer).
 */
async function benchReview() {
  const files = Number(process.env.BENCH_REVIEW_FILES ?? 200)
  const rounds = Number(process.env.BENCH_REVIEW_ROUNDS ?? 30)
  const repo = mkdtempSync(join(tmpdir(), 'proofgate-bench-review-'))
  const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' }
  const g = (...args) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' }).trim()
  const body = (i, v) => Array.from({ length: 20 }, (_, l) => `export const value${l} = ${l * v + i} // line ${l}\n`).join('')
  g('init', '-q', '-b', 'main')
  for (let i = 0; i < files; i++) {
    mkdirSync(join(repo, 'src', `m${i % 10}`), { recursive: true })
    writeFileSync(join(repo, 'src', `m${i % 10}`, `f${i}.ts`), body(i, 1))
  }
  g('add', '-A')
  g('commit', '-qm', 'base')
  for (let i = 0; i < files; i++) writeFileSync(join(repo, 'src', `m${i % 10}`, `f${i}.ts`), body(i, 2))
  g('commit', '-qam', 'change')

  const { build } = await import('esbuild')
  const external = { name: 'external', setup: (b) => b.onResolve({ filter: /^[^./]/ }, (a) => ({ path: import.meta.resolve(a.path), external: true })) }
  const out = await build({
    absWorkingDir: ROOT,
    stdin: {
      contents: [
        "export { askReviewer } from './src/review/ask.ts'",
        "export { buildRequest } from './src/review/protocol.ts'",
        "export { addedLineCount } from './src/review/pick.ts'",
        "export { readFilePatches } from './src/changes/review-diff.ts'",
        "export { resolveChanges } from './src/changes/git.ts'",
        "export { runRepositoryCode } from './src/util/repo-code.ts'",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    define: { __PROOFGATE_VERSION__: '"0.0.0-bench"' },
    plugins: [external],
    logLevel: 'error',
  })
  const m = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].contents).toString('base64')}`)
  const { changes } = await m.resolveChanges({ cwd: repo, base: 'HEAD~1', head: 'HEAD' })
  const requestFiles = changes.files.map((f) => ({ path: f.path, status: f.status, binary: f.binary, addedLines: m.addedLineCount(f) }))
  const reviewer = { name: 'instant', run: `cat >/dev/null; echo '{"verdict":"pass","findings":[]}'`, timeout: 30, env: [] }
  let bytes = 0
  const ask = async () => {
    const t = performance.now()
    const request = m.buildRequest({
      role: 'reviewer',
      reviewer: 'instant',
      repository: 'bench',
      baseSha: changes.base.sha,
      headSha: changes.head.sha,
      files: requestFiles,
      patches,
      maxDiffBytes: 200_000,
    })
    bytes = Buffer.byteLength(JSON.stringify(request))
    const result = await m.askReviewer(reviewer, request, { cwd: repo })
    if (result.verdict !== 'pass') throw new Error(`the instant reviewer gave no verdict: ${result.error}`)
    return performance.now() - t
  }
  const floor = async () => {
    const t = performance.now()
    const code = await new Promise((resolve, reject) => spawn('bash', ['-c', 'true'], { cwd: repo, stdio: 'ignore' }).on('error', reject).on('close', resolve))
    if (code !== 0) throw new Error('bash -c true failed')
    return performance.now() - t
  }
  const launcher = async () => {
    const t = performance.now()
    const result = await m.runRepositoryCode('bash', ['-c', 'true'], { cwd: repo, timeoutMs: 30_000 })
    if (result.exitCode !== 0) throw new Error('bash -c true failed')
    return performance.now() - t
  }
  const readDiff = async () => {
    const t = performance.now()
    patches = await m.readFilePatches(repo, changes.base.sha, changes.treeHash, changes.files)
    return performance.now() - t
  }
  let patches = []
  const samples = { diff: [], floor: [], launcher: [], ask: [] }
  for (let round = -1; round < rounds; round++) {
    const d = await readDiff()
    const f = await floor()
    const l = await launcher()
    const a = await ask()
    // Round -1 warms up.
    if (round < 0) continue
    samples.diff.push(d)
    samples.floor.push(f)
    samples.launcher.push(l)
    samples.ask.push(a)
  }
  rmSync(repo, { recursive: true, force: true })
  const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
  return { files: changes.files.length, rounds, bytes, ...medians }
}

function printReview(r) {
  console.log(
    `\nreview: one reviewer on a ${r.files}-file diff (request ${(r.bytes / 1024).toFixed(0)} KiB), ${r.rounds} rounds, medians (goal: < 50 ms per reviewer)`,
  )
  console.log(row('floor: a bare bash -c true (node:child_process spawn)', r.floor, r.floor))
  console.log(row('buildRequest + askReviewer (instant reviewer, stdin read)', r.ask, r.floor))
  console.log(row('bash -c true through the launcher (what a reviewer cost with it)', r.launcher, r.floor))
  console.log(row('the diff read once per round (readFilePatches, shared)', r.diff, r.floor))
  console.log(`  per-reviewer cost: ${r.ask.toFixed(1)} ms, of which ${(r.ask - r.floor).toFixed(1)} ms beyond the floor`)
}
