// `proofgate run --format sarif` end to end: the CLI (main, in-process) on a real git repository with a planted
// tautological assertion; the log on stdout and in --output is valid SARIF 2.1.0 with the result.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expectValidSarif } from '../../helpers/sarif.js'
import type { Log } from 'sarif'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli.js'
import { makeTempGitRepo, type TempRepo } from '../../helpers/repo.js'

const repos: TempRepo[] = []
afterAll(() => {
  for (const r of repos) r.cleanup()
})

const PACKAGE_JSON = JSON.stringify({ name: 'calc', private: true, type: 'module' }, null, 2) + '\n'
const SUM = 'export function sum(a, b) {\n  return a + b\n}\n'
const GOOD_TEST = "import { expect, it } from 'vitest'\nimport { sum } from '../src/sum.js'\n\nit('adds', () => {\n  expect(sum(1, 2)).toBe(3)\n})\n"
// Line 5 asserts a literal against itself: mock-integrity's tautological-assertion (high, blocking).
const TAUTOLOGY =
  "import { expect, it } from 'vitest'\nimport { sum } from '../src/sum.js'\n\nit('is true', () => {\n  expect(true).toBe(true)\n  expect(sum(1, 2)).toBe(3)\n})\n"

describe('proofgate run --format sarif', () => {
  const r = makeTempGitRepo({ files: { 'package.json': PACKAGE_JSON, 'src/sum.js': SUM, 'test/sum.test.js': GOOD_TEST } })
  repos.push(r)
  const base = r.head()
  const head = r.commit('agent work', { 'test/my sümmé.test.js': TAUTOLOGY })

  it('writes a valid SARIF log to stdout with the planted finding, and exits 1', async () => {
    const run = await runCli(['run', '--base', base, '--gates', 'mock-integrity', '--format', 'sarif'], r.dir)
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(1)
    const log = JSON.parse(run.stdout) as Log
    expectValidSarif(log)
    expect(run.stdout.endsWith('}\n')).toBe(true)
    const [sarifRun] = log.runs
    const results = sarifRun!.results ?? []
    expect(
      results.map((res) => [
        res.ruleId,
        res.level,
        res.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
        res.locations?.[0]?.physicalLocation?.region?.startLine,
        res.properties,
      ]),
    ).toEqual([
      ['mock-integrity/tautological-assertion', 'error', 'test/my%20s%C3%BCmm%C3%A9.test.js', 5, { severity: 'high', messageId: 'sameValue', blocking: true }],
    ])
    const rule = sarifRun!.tool.driver.rules![results[0]!.ruleIndex!]!
    expect([rule.id, rule.helpUri]).toEqual([
      'mock-integrity/tautological-assertion',
      'https://github.com/proofgate/proofgate/blob/main/docs/rules/mock-integrity/tautological-assertion.md',
    ])
    expect(results[0]!.partialFingerprints!['proofgate/v1']).toMatch(/^[0-9a-f]{32}$/)
    expect(sarifRun!.invocations![0]).toMatchObject({
      executionSuccessful: true,
      exitCode: 1,
      properties: { verdict: 'blocked', base: { sha: base, source: 'explicit' }, head: { sha: head } },
    })
    // Nothing on this machine's file system leaks into the log by default.
    expect(run.stdout).not.toContain(r.dir)
    expect(sarifRun).not.toHaveProperty('originalUriBaseIds')
  })

  it('agrees with the JSON report on the finding and its fingerprint', async () => {
    const json = (await runCli(['run', '--base', base, '--gates', 'mock-integrity', '--format', 'json'], r.dir)).json()
    const sarif = JSON.parse((await runCli(['run', '--base', base, '--gates', 'mock-integrity', '--format', 'sarif'], r.dir)).stdout) as Log
    expect(sarif.runs[0]!.results!.map((res) => [res.ruleId, res.partialFingerprints!['proofgate/v1']])).toEqual(
      json.findings.map((f) => [`${f.gate}/${f.ruleId}`, f.fingerprint]),
    )
  })

  it('writes the log to --output and still prints the verdict on the terminal', async () => {
    const run = await runCli(['run', '--base', base, '--gates', 'mock-integrity', '--format', 'sarif', '--output', 'x.sarif'], r.dir)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('BLOCKED')
    expect(run.stdout).not.toContain('"version": "2.1.0"')
    const text = readFileSync(join(r.dir, 'x.sarif'), 'utf8')
    const log = JSON.parse(text) as Log
    expectValidSarif(log)
    expect(log.runs[0]!.results!.map((res) => res.ruleId)).toEqual(['mock-integrity/tautological-assertion'])
  })

  it('writes a valid log with no results and exits 0 when nothing is found', async () => {
    const clean = makeTempGitRepo({ files: { 'package.json': PACKAGE_JSON, 'src/sum.js': SUM } })
    repos.push(clean)
    const cleanBase = clean.head()
    clean.commit('a good test', { 'test/sum.test.js': GOOD_TEST })
    const run = await runCli(['run', '--base', cleanBase, '--gates', 'mock-integrity', '--format', 'sarif'], clean.dir)
    expect(run.exitCode).toBe(0)
    const log = JSON.parse(run.stdout) as Log
    expectValidSarif(log)
    expect(log.runs[0]!.results).toEqual([])
    expect(log.runs[0]!.invocations![0]!.properties).toMatchObject({ verdict: 'pass' })
  })

  it('rejects an unknown format with a usage error naming sarif', async () => {
    const run = await runCli(['run', '--format', 'xml'], r.dir)
    expect(run.exitCode).toBe(64)
    expect(run.stderr).toContain("Invalid --format 'xml': expected one of terminal, json, sarif, html.")
  })
})
