// The review gate end to end through the CLI's main(): real reviewer processes (one small node
// script written by the test, its behaviour picked by argv) in temp git repositories. Every request
// a reviewer receives is saved by the script and validated against schema/review-request.schema.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, describe, expect, it } from 'vitest'
import type { ReviewData } from '../../../src/gates/review.js'
import { readEvents } from '../../../src/journal/journal.js'
import type { ReviewRequest } from '../../../src/review/protocol.js'
import { runProofgate } from '../../../src/runner/run.js'
import { runCli, type JsonReport } from '../../helpers/cli.js'
import { makeTempDir, makeTempGitRepo, PROJECT_ROOT, removeTempDirs, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  repos.forEach((r) => r.cleanup())
  removeTempDirs()
})

const ajv = new Ajv2020({ allErrors: true, strict: false })
const validateRequest = ajv.compile(JSON.parse(readFileSync(join(PROJECT_ROOT, 'schema/review-request.schema.json'), 'utf8')) as object)

/**
 * The reviewer: `node reviewer.mjs <out-dir> <name> <mode> [arg]`. It saves the request it read to
 * `<out-dir>/<name>.<role>.json`, then answers as `mode` says.
 */
const REVIEWER = String.raw`
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
const [out, name, mode, arg] = process.argv.slice(2)
let input = ''
for await (const chunk of process.stdin) input += chunk
const request = JSON.parse(input)
writeFileSync(join(out, name + '.' + request.role + '.json'), input)
const answer = (verdict, findings = []) => console.log(JSON.stringify({ verdict, findings }))
const file = request.files.find((f) => f.status !== 'deleted')?.path
function scan(dir, depth, hits, needle) {
  if (depth < 0 || !existsSync(dir)) return
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue
    const full = join(dir, entry.name)
    try {
      if (entry.isDirectory()) scan(full, depth - 1, hits, needle)
      else if (entry.isFile() && statSync(full).size < 4_000_000 && readFileSync(full, 'latin1').includes(needle)) hits.push(full)
    } catch {}
  }
}
switch (mode) {
  case 'pass': answer('pass'); break
  case 'high': answer('fail', [{ severity: 'high', path: file, line: 1, message: name + ' found a bug here', suggestion: 'fix it' }]); break
  case 'medium': answer('pass', [{ severity: 'medium', path: file, line: 1, message: 'a nit from ' + name }]); break
  case 'text': console.log('Reviewed.\nVERDICT: FAIL\n[Critical] ' + file + ':2 critical problem from text\n[Low] ' + file + ' a low one'); break
  case 'garbage': console.log('lgtm, ship it'); break
  // Says what it was told: the prompt proofgate gave it (the base's review.prompt).
  case 'prompt': answer('fail', [{ severity: 'high', path: file, line: 1, message: 'told: ' + (process.env.PROOFGATE_REVIEW_PROMPT ?? 'nothing').trim() }]); break
  case 'crash': console.error('reviewer blew up'); process.exit(3)
  case 'sleep': await new Promise((r) => setTimeout(r, 60_000)); answer('pass'); break
  // The marker in the answer is the argument reversed: the config (which holds the argument) cannot give it away.
  case 'marker': answer('pass', [{ severity: 'low', path: file, line: 1, message: 'secret vote ' + [...arg].reverse().join('') }]); writeFileSync(join(out, name + '.done'), ''); break
  case 'spy': {
    // Waits for the marker reviewer to have answered, then looks everywhere it could have been written.
    for (let i = 0; i < 100 && !existsSync(join(out, arg.split(':')[0] + '.done')); i++) await new Promise((r) => setTimeout(r, 50))
    const hits = []
    const marker = [...arg.split(':')[1]].reverse().join('')
    const look = (dir, depth) => scan(dir, depth, hits, marker)
    look(process.cwd(), 8)
    look(join(process.cwd(), '.proofgate'), 8)
    look(process.env.TMPDIR, 6)
    writeFileSync(join(out, name + '.scanned'), JSON.stringify({ hits, cwd: process.cwd(), tmp: process.env.TMPDIR }))
    answer(hits.length === 0 ? 'pass' : 'fail', hits.map((h) => ({ severity: 'critical', message: 'found another vote in ' + h })))
    break
  }
  default: process.exit(9)
}
`

interface Setup {
  repo: TempRepo
  out: string
  tmp: string
}

/** A repository whose committed `.proofgate.yml` holds `review` (YAML lines under `review:`, `{{R}}` = the reviewer command prefix), and a change to `src/a.ts`. */
function setup(
  review: (r: (name: string, mode: string, arg?: string) => string) => string,
  change: Record<string, string> = { 'src/a.ts': 'export const a = 2\nexport const b = 3\n' },
  baseFiles: Record<string, string> = {},
): Setup {
  const scripts = makeTempDir({ 'reviewer.mjs': REVIEWER }, 'proofgate-reviewer-')
  const out = makeTempDir({}, 'proofgate-requests-')
  const tmp = makeTempDir({}, 'proofgate-tmp-')
  const command = (name: string, mode: string, arg?: string): string =>
    JSON.stringify(`node ${scripts}/reviewer.mjs ${out} ${name} ${mode}${arg === undefined ? '' : ` ${arg}`}`)
  const repo = makeTempGitRepo({
    files: { '.gitignore': '.proofgate/\n', '.proofgate.yml': `review:\n${review(command)}`, 'src/a.ts': 'export const a = 1\n', ...baseFiles },
  })
  repos.push(repo)
  repo.write(change)
  return { repo, out, tmp }
}

async function run(s: Setup): Promise<{ exitCode: number | null; report: JsonReport; stderr: string }> {
  const result = await runCli(['run', '--base', 'HEAD', '--gates', 'review', '--format', 'json'], s.repo.dir, { TMPDIR: s.tmp })
  return { exitCode: result.exitCode, report: result.json(), stderr: result.stderr }
}

/** Every request the reviewers saved, each validated against the request schema. */
function requests(s: Setup): Map<string, ReviewRequest> {
  const out = new Map<string, ReviewRequest>()
  for (const file of readdirSync(s.out).filter((f) => f.endsWith('.json'))) {
    const request = JSON.parse(readFileSync(join(s.out, file), 'utf8')) as ReviewRequest
    const valid = validateRequest(request)
    expect(valid, `${file}: ${JSON.stringify(validateRequest.errors)}`).toBe(true)
    out.set(file.replace(/\.json$/, ''), request)
  }
  expect(out.size).toBeGreaterThan(0)
  return out
}

function gate(report: JsonReport): JsonReport['gates'][number] & { data: ReviewData } {
  const g = report.gates.find((x) => x.id === 'review')
  if (g === undefined) throw new Error(`the review gate did not run: ${JSON.stringify(report.gates)}`)
  return g as JsonReport['gates'][number] & { data: ReviewData }
}

const reviewFindings = (report: JsonReport) =>
  report.findings
    .filter((f) => f.gate === 'review')
    .map((f) => ({ ruleId: f.ruleId, severity: f.severity, blocking: f.blocking, path: f.path, startLine: f.startLine }))

describe('review gate', () => {
  it('three approve, the devil’s advocate finds a high: blocked, with its finding and a vote per reviewer in the journal', async () => {
    const s = setup(
      (r) =>
        `  reviewers:\n    - { name: one, run: ${r('one', 'pass')}, focus: security }\n    - { name: two, run: ${r('two', 'pass')} }\n    - { name: three, run: ${r('three', 'pass')} }\n` +
        `  devils-advocate: { name: da, run: ${r('da', 'high')} }\n`,
    )
    const { exitCode, report } = await run(s)
    expect(exitCode).toBe(1)
    expect(reviewFindings(report)).toEqual([{ ruleId: 'reviewer/da', severity: 'high', blocking: true, path: 'src/a.ts', startLine: 1 }])
    const finding = report.findings.find((f) => f.ruleId === 'reviewer/da')!
    expect(finding.message).toBe("da found a bug here (devil's advocate da, after every picked reviewer passed)")
    const seen = requests(s)
    expect([...seen.keys()].sort()).toEqual(['da.devils-advocate', 'one.reviewer', 'three.reviewer', 'two.reviewer'])
    expect(seen.get('one.reviewer')).toMatchObject({
      role: 'reviewer',
      focus: 'security',
      files: [{ path: 'src/a.ts', status: 'modified', addedLines: 2 }],
      truncated: null,
    })
    expect(seen.get('one.reviewer')!.diff[0]!.patch).toContain('+export const b = 3')
    expect(gate(report).summary).toMatch(/^3 reviewers: 3 passed; devil's advocate da: failed; picked one/)
    const { events } = await readEvents(join(s.repo.dir, '.proofgate'))
    expect(events.filter((e) => e.type === 'review-pick').map((e) => e.reviewers)).toEqual([
      [
        { name: 'one', picked: true, reason: 'top-lines', lines: 2, files: 1 },
        { name: 'two', picked: true, reason: 'top-lines', lines: 2, files: 1 },
        { name: 'three', picked: true, reason: 'top-lines', lines: 2, files: 1 },
      ],
    ])
    const votes = events.filter((e) => e.type === 'review-vote')
    expect(votes.map((v) => [v.reviewer, v.role, v.verdict, v.exitCode, v.timedOut])).toEqual([
      ['one', 'reviewer', 'pass', 0, false],
      ['two', 'reviewer', 'pass', 0, false],
      ['three', 'reviewer', 'pass', 0, false],
      ['da', 'devils-advocate', 'fail', 0, false],
    ])
    expect(votes.every((v) => typeof v.durationMs === 'number' && v.runId === votes[0]!.runId)).toBe(true)
    // Only what the votes came to: never a reviewer's words.
    expect(JSON.stringify(votes)).not.toContain('found a bug')
  })

  it('a devil’s advocate without a verdict is inconclusive too', async () => {
    const s = setup((r) => `  reviewers:\n    - { name: one, run: ${r('one', 'pass')} }\n  devils-advocate: { name: da, run: ${r('da', 'garbage')} }\n`)
    const { exitCode, report } = await run(s)
    expect(exitCode).toBe(1)
    expect(report.findings.filter((f) => f.gate === 'review').map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      [
        'review-inconclusive',
        'high',
        "Devil's advocate 'da' gave no verdict: it printed no JSON answer and no VERDICT: line. A review round without a verdict cannot pass.",
      ],
    ])
    expect([...requests(s).keys()].sort()).toEqual(['da.devils-advocate', 'one.reviewer'])
  })

  it('the devil’s advocate is not asked when a reviewer did not pass', async () => {
    const s = setup((r) => `  reviewers:\n    - { name: one, run: ${r('one', 'high')} }\n  devils-advocate: { name: da, run: ${r('da', 'pass')} }\n`)
    const { exitCode, report } = await run(s)
    expect(exitCode).toBe(1)
    expect(reviewFindings(report)).toEqual([{ ruleId: 'reviewer/one', severity: 'high', blocking: true, path: 'src/a.ts', startLine: 1 }])
    expect([...requests(s).keys()]).toEqual(['one.reviewer'])
  })

  it('a reviewer answering garbage is inconclusive and blocks; under inconclusive: warn it is medium and does not', async () => {
    const config = (r: (n: string, m: string) => string) =>
      `  reviewers:\n    - { name: good, run: ${r('good', 'pass')} }\n    - { name: bad, run: ${r('bad', 'garbage')} }\n`
    const blocked = setup(config)
    const first = await run(blocked)
    expect(first.exitCode).toBe(1)
    expect(reviewFindings(first.report)).toEqual([{ ruleId: 'review-inconclusive', severity: 'high', blocking: true, path: undefined, startLine: undefined }])
    expect(first.report.findings.find((f) => f.ruleId === 'review-inconclusive')!.message).toBe(
      "Reviewer 'bad' gave no verdict: it printed no JSON answer and no VERDICT: line. A review round without a verdict cannot pass.",
    )
    requests(blocked)
    const warned = setup((r) => `${config(r)}  inconclusive: warn\n`)
    const second = await run(warned)
    expect(second.exitCode).toBe(0)
    expect(second.report.verdict).toBe('warn')
    expect([gate(first.report).status, gate(second.report).status]).toEqual(['fail', 'inconclusive'])
    expect(second.report.inconclusive).toEqual([{ gate: 'review', reason: 'no verdict from bad' }])
    expect(reviewFindings(second.report)).toEqual([
      { ruleId: 'review-inconclusive', severity: 'medium', blocking: false, path: undefined, startLine: undefined },
    ])
    requests(warned)
  })

  it('a reviewer that times out is stopped and inconclusive', async () => {
    const s = setup((r) => `  reviewers:\n    - { name: slow, run: ${r('slow', 'sleep')}, timeout: 1 }\n`)
    const started = Date.now()
    const { exitCode, report } = await run(s)
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(exitCode).toBe(1)
    expect(report.findings.find((f) => f.ruleId === 'review-inconclusive')!.message).toContain(
      "Reviewer 'slow' gave no verdict: it did not answer within its timeout of 1 s",
    )
    expect(gate(report).data.votes).toEqual([expect.objectContaining({ reviewer: 'slow', verdict: null, timedOut: true, exitCode: null, failure: 'timeout' })])
    requests(s)
  })

  it('a reviewer that crashes (exit 3) is inconclusive, its stderr in the help', async () => {
    const s = setup((r) => `  reviewers:\n    - { name: boom, run: ${r('boom', 'crash')} }\n`)
    const { exitCode, report } = await run(s)
    expect(exitCode).toBe(1)
    const finding = report.findings.find((f) => f.ruleId === 'review-inconclusive') as JsonReport['findings'][number] & { help?: string }
    expect(finding.message).toContain("Reviewer 'boom' gave no verdict: it exited with code 3")
    expect(finding.help).toContain('reviewer blew up')
    expect(gate(report).data.votes).toEqual([expect.objectContaining({ reviewer: 'boom', verdict: null, exitCode: 3, failure: 'exit' })])
    requests(s)
  })

  it("parses Loki's text form: the critical blocks, the low is advisory", async () => {
    const s = setup((r) => `  reviewers:\n    - { name: loki, run: ${r('loki', 'text')} }\n`)
    const { exitCode, report } = await run(s)
    expect(exitCode).toBe(1)
    expect(reviewFindings(report)).toEqual([
      { ruleId: 'reviewer/loki', severity: 'critical', blocking: true, path: 'src/a.ts', startLine: 2 },
      { ruleId: 'reviewer/loki', severity: 'low', blocking: false, path: 'src/a.ts', startLine: undefined },
    ])
    expect(gate(report).data.votes).toEqual([expect.objectContaining({ reviewer: 'loki', verdict: 'fail', findings: 2 })])
    requests(s)
  })

  it("a reviewer looking for another reviewer's answer in the repository, .proofgate and TMPDIR finds none", async () => {
    const marker = `VOTE-${process.pid}-${Date.now().toString(36)}`
    const s = setup(
      (r) => `  reviewers:\n    - { name: alpha, run: ${r('alpha', 'marker', marker)} }\n    - { name: spy, run: ${r('spy', 'spy', `alpha:${marker}`)} }\n`,
    )
    const { report } = await run(s)
    const scanned = JSON.parse(readFileSync(join(s.out, 'spy.scanned'), 'utf8')) as { hits: string[]; cwd: string; tmp: string }
    expect(scanned.hits).toEqual([])
    expect(scanned.cwd).toBe(s.repo.dir)
    expect(scanned.tmp).toBe(s.tmp)
    // The marker did exist: alpha's answer reached the report once the round was over.
    expect(report.findings.some((f) => f.ruleId === 'reviewer/alpha' && f.message.includes([...marker].reverse().join('')))).toBe(true)
    expect(gate(report).data.votes.map((v) => [v.reviewer, v.verdict])).toEqual([
      ['alpha', 'pass'],
      ['spy', 'pass'],
    ])
    requests(s)
  })

  it('picks the specialists whose paths cover the most changed lines, plus the always reviewer, and says why', async () => {
    const s = setup(
      (r) =>
        `  pick: 1\n  reviewers:\n` +
        `    - { name: docs, run: ${r('docs', 'pass')}, paths: ["docs/**"] }\n` +
        `    - { name: api, run: ${r('api', 'pass')}, paths: ["src/api/**"] }\n` +
        `    - { name: auth, run: ${r('auth', 'pass')}, paths: ["src/auth/**"] }\n` +
        `    - { name: lead, run: ${r('lead', 'pass')}, always: true, paths: ["nothing/**"] }\n`,
      { 'src/api/x.ts': 'export const x = 1\n', 'src/auth/login.ts': 'export const a = 1\nexport const b = 2\nexport const c = 3\n' },
    )
    const { exitCode, report } = await run(s)
    expect(exitCode).toBe(0)
    expect([...requests(s).keys()].sort()).toEqual(['auth.reviewer', 'lead.reviewer'])
    expect(gate(report).data.pick).toEqual([
      { name: 'docs', picked: false, reason: 'no-matching-file', lines: 0, files: 0 },
      { name: 'api', picked: false, reason: 'outranked', lines: 1, files: 1 },
      { name: 'auth', picked: true, reason: 'top-lines', lines: 3, files: 1 },
      { name: 'lead', picked: true, reason: 'always', lines: 0, files: 0 },
    ])
    expect(gate(report).summary).toContain(
      'picked auth (3 lines in 1 file), lead (always, 0 lines in 0 files); not picked: docs (no matching file), api (outranked: 1 line in 1 file)',
    )
  })

  it('cuts a diff larger than max-diff-bytes and says what was cut', async () => {
    const big = Array.from({ length: 400 }, (_, i) => `export const value${i} = ${i} // ${'x'.repeat(20)}\n`).join('')
    const s = setup((r) => `  max-diff-bytes: 4000\n  reviewers:\n    - { name: one, run: ${r('one', 'pass')} }\n`, {
      'src/a.ts': 'export const a = 2\n',
      'src/big.ts': big,
      'src/z.ts': 'export const z = 1\n',
    })
    const { exitCode } = await run(s)
    expect(exitCode).toBe(0)
    const request = requests(s).get('one.reviewer')!
    expect(request.diff.map((d) => [d.path, d.truncated ?? false])).toEqual([
      ['src/a.ts', false],
      ['src/big.ts', true],
    ])
    const sent = request.diff.reduce((n, d) => n + Buffer.byteLength(d.patch), 0)
    expect(sent).toBeLessThanOrEqual(4000)
    expect(request.truncated!.omittedFiles).toEqual(['src/big.ts', 'src/z.ts'])
    expect(request.truncated!.omittedBytes).toBeGreaterThan(big.length - 4000)
    expect(request.files.map((f) => f.path)).toEqual(['src/a.ts', 'src/big.ts', 'src/z.ts'])
  })

  it('on pull_request_target, refuses a reviewer that runs repository code and runs one that gets the diff as data', async () => {
    const refused = makeTempGitRepo({
      files: {
        '.gitignore': '.proofgate/\n',
        '.proofgate.yml': 'review:\n  reviewers:\n    - { name: local, run: ./scripts/review.sh }\n',
        'scripts/review.sh': 'echo VERDICT: PASS\n',
        'a.ts': '1\n',
      },
    })
    repos.push(refused)
    refused.write({ 'a.ts': '2\n' })
    const settings = {
      base: 'HEAD',
      gates: ['review' as const],
      strictWarnings: false,
      env: {},
      reporters: [],
      warn: () => {},
      refuseRepositoryCode: 'pull_request_target with the head checked out',
    }
    const first = await runProofgate({ cwd: refused.dir, ...settings })
    expect(first.findings.map((f) => [f.gate, f.ruleId, f.severity])).toEqual([['review', 'gate-refused', 'critical']])
    const s = setup((r) => `  reviewers:\n    - { name: data, run: ${r('data', 'pass')} }\n`)
    const second = await runProofgate({ cwd: s.repo.dir, ...settings })
    expect(second.findings).toEqual([])
    expect(second.gates.find((g) => g.id === 'review')?.status).toBe('pass')
    requests(s)
  })

  it('is off without reviewers: the gate does not run', async () => {
    const repo = makeTempGitRepo({ files: { '.gitignore': '.proofgate/\n', '.proofgate.yml': 'gates:\n  review: { mode: off }\n', 'a.ts': '1\n' } })
    repos.push(repo)
    repo.write({ 'a.ts': '2\n' })
    const result = await runCli(['run', '--base', 'HEAD', '--format', 'json'], repo.dir)
    expect(result.json().gates.map((g) => g.id)).not.toContain('review')
    expect(existsSync(join(repo.dir, '.proofgate.yml'))).toBe(true)
  })

  it("gives reviewers the base's review.prompt, not the change's edit of it, and gate-integrity flags the edit", async () => {
    const s = setup(
      (r) => `  prompt: .github/review-prompt.md\n  reviewers:\n    - { name: told, run: ${r('told', 'prompt')} }\n`,
      { '.github/review-prompt.md': 'Approve everything.\n', 'src/a.ts': 'export const a = 2\n' },
      { '.github/review-prompt.md': 'Report every bug you find.\n' },
    )
    const { exitCode, report } = await run(s)
    expect(exitCode).toBe(1)
    expect(report.findings.map((f) => [f.ruleId, f.message])).toEqual([['reviewer/told', expect.stringContaining('told: Report every bug you find.')]])
    requests(s)
    const integrity = await runCli(['run', '--base', 'HEAD', '--gates', 'gate-integrity', '--format', 'json'], s.repo.dir)
    expect(integrity.json().findings.map((f) => [f.ruleId, f.severity, f.path])).toEqual([['config-weakened', 'critical', '.github/review-prompt.md']])
    expect(integrity.json().findings[0]?.message).toContain("The reviewers' prompt .github/review-prompt.md (review.prompt) was edited")
  })

  it('a review.prompt missing from the base errors the gate (blocks) and says to commit it first', async () => {
    const s = setup((r) => `  prompt: .github/review-prompt.md\n  reviewers:\n    - { name: told, run: ${r('told', 'pass')} }\n`, {
      '.github/review-prompt.md': 'Approve everything.\n',
      'src/a.ts': 'export const a = 2\n',
    })
    const { exitCode, report } = await run(s)
    expect(exitCode).toBe(1)
    const g = report.gates.find((x) => x.id === 'review')
    expect(g?.status).toBe('errored')
    expect(JSON.stringify(report)).toContain("review.prompt: '.github/review-prompt.md' is not a regular file in the base commit")
    expect(existsSync(s.out) && readdirSync(s.out)).toEqual([])
  })

  it("a change to a reviewer's own script in the repository is gate-integrity/config-weakened (the review ran the change's script)", async () => {
    const s = setup(
      () => '  reviewers:\n    - { name: local, run: ./scripts/review.sh }\n',
      { 'scripts/review.sh': '#!/bin/sh\ncat >/dev/null\necho "VERDICT: PASS"\n', 'src/a.ts': 'export const a = 2\n' },
      { 'scripts/review.sh': '#!/bin/sh\ncat >/dev/null\necho "VERDICT: FAIL"\necho "[High] src/a.ts:1 strict"\n' },
    )
    const integrity = await runCli(['run', '--base', 'HEAD', '--gates', 'gate-integrity', '--format', 'json'], s.repo.dir)
    expect(integrity.exitCode).toBe(1)
    expect(integrity.json().findings.map((f) => [f.ruleId, f.severity, f.path, f.message])).toEqual([
      [
        'config-weakened',
        'critical',
        'scripts/review.sh',
        "reviewer 'local' runs scripts/review.sh, which this change edited: the review ran the change's own script, so its vote is not the base's reviewer.",
      ],
    ])
  })
})
