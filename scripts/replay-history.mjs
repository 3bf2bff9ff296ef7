// Replays the last N commits of a repository through the test-mutation and gate-integrity gates,
// one commit at a time (the range c^..c, as a push of that commit would be checked), and prints a
// table of findings per rule plus every critical/high finding for a reader to judge.
// Usage: node scripts/replay-history.mjs <repository> [--commits 300] [--gates test-mutation,gate-integrity] [--jobs 2] [--cli dist/cli.js]
import { execFileSync, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const args = process.argv.slice(2)
const repo = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--')))
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : fallback
}
if (repo === undefined) {
  console.error('usage: node scripts/replay-history.mjs <repository> [--commits 300] [--gates a,b] [--jobs 2]')
  process.exit(64)
}
const count = Number(option('commits', '300'))
const gates = option('gates', 'test-mutation,gate-integrity')
const jobs = Number(option('jobs', '2'))
const cli = option('cli', join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js'))
const commits = execFileSync('git', ['rev-list', '--no-merges', '-n', String(count), 'HEAD'], { cwd: repo, encoding: 'utf8' })
  .trim()
  .split('\n')
  .filter((c) => c !== '')

function check(commit) {
  return new Promise((resolve) => {
    const started = performance.now()
    const child = spawn(
      process.execPath,
      [cli, 'run', '--base', `${commit}^`, '--head', commit, '--gates', gates, '--format', 'json', '--filter-mode', 'nofilter'],
      { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('close', (code) => {
      let report
      try {
        report = JSON.parse(out)
      } catch {
        report = undefined
      }
      resolve({ commit, code, report, err, ms: performance.now() - started })
    })
  })
}

const results = []
let next = 0
await Promise.all(
  Array.from({ length: jobs }, async () => {
    while (next < commits.length) {
      const commit = commits[next++]
      results.push(await check(commit))
    }
  }),
)
const byRule = new Map()
const serious = []
let errored = 0
let skipped = 0
for (const r of results) {
  if (r.report === undefined) {
    errored++
    console.error(`${r.commit.slice(0, 9)} exit ${r.code}: ${r.err.trim().split('\n').slice(-2).join(' ')}`)
    continue
  }
  if (r.report.gates.every((g) => g.status === 'skipped')) skipped++
  for (const g of r.report.gates) if (g.status === 'errored') console.error(`${r.commit.slice(0, 9)} ${g.id} errored: ${g.summary}`)
  for (const f of r.report.findings) {
    const key = `${f.gate} ${f.ruleId}`
    const row = byRule.get(key) ?? { critical: 0, high: 0, medium: 0, low: 0, info: 0 }
    row[f.severity]++
    byRule.set(key, row)
    if (f.severity === 'critical' || f.severity === 'high') serious.push({ commit: r.commit, subject: '', ...f })
  }
}
const subjects = new Map(
  execFileSync('git', ['log', '--no-merges', '-n', String(count), '--format=%H%x09%s'], { cwd: repo, encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => [l.slice(0, 40), l.slice(41)]),
)
const ms = results.map((r) => r.ms).sort((a, b) => a - b)
console.log(
  `${repo}: ${results.length} commits, ${skipped} with every gate skipped, ${errored} failed to run; median ${Math.round(ms[ms.length >> 1])} ms per commit (process included)`,
)
console.log('| gate | rule | critical | high | medium | low |')
console.log('| --- | --- | --- | --- | --- | --- |')
for (const [key, row] of [...byRule].sort()) {
  const [gate, rule] = key.split(' ')
  console.log(`| ${gate} | ${rule} | ${row.critical} | ${row.high} | ${row.medium} | ${row.low} |`)
}
console.log('\ncritical and high findings:')
for (const f of serious)
  console.log(`- ${f.commit.slice(0, 9)} "${subjects.get(f.commit) ?? ''}" ${f.gate}/${f.ruleId} ${f.severity} ${f.path}:${f.startLine ?? ''} ${f.message}`)
