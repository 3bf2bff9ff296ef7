// docs/rules/: one page per rule the registry and the engine declare, its header exactly what
// scripts/generate-docs.mjs generates from the rule meta, and the SARIF helpUri of every declared
// rule pointing at it. Reads the catalogue in-process (no esbuild bundle, no process).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catalog } from '../../../src/gates/catalog.js'
import { INFORMATION_URI, toSarif } from '../../../src/reporters/sarif.js'
import type { RunResult } from '../../../src/runner/types.js'
import { PROJECT_ROOT } from '../../helpers/repo.js'
// @ts-expect-error -- a plain .mjs script without types; its exports are used as documented.
import { RULE_END, RULE_SECTIONS, RULE_START, RULES_INDEX, ruleEntries, ruleHeader, rulesIndex } from '../../../scripts/generate-docs.mjs'

interface RuleEntry {
  gate: string
  id: string
  page: string
  kind: 'gate' | 'runner' | 'run-level'
  family?: true
}

const data = catalog()
const rules = (ruleEntries as (c: typeof data) => RuleEntry[])(data)
const read = (path: string): string => readFileSync(join(PROJECT_ROOT, path), 'utf8')

describe('docs/rules/<gate>/<rule>.md', () => {
  it('covers every declared rule and the engine rules, and nothing else', () => {
    const onDisk = readdirSync(join(PROJECT_ROOT, 'docs/rules'), { recursive: true, encoding: 'utf8' })
      .filter((n) => n.endsWith('.md'))
      .map((n) => `docs/rules/${n.split('\\').join('/')}`)
      .sort()
    expect(onDisk).toEqual([RULES_INDEX, ...rules.map((r) => r.page)].sort())
    expect(rules.filter((r) => r.kind !== 'gate').map((r) => r.page)).toEqual([
      'docs/rules/proofgate/gate-errored.md',
      'docs/rules/proofgate/gate-timeout.md',
      'docs/rules/proofgate/gate-refused.md',
      'docs/rules/proofgate/waiver-expired.md',
      'docs/rules/proofgate/waiver-unused.md',
      'docs/rules/proofgate/escalation.md',
      'docs/rules/proofgate/council-not-configured.md',
    ])
  })

  it.each(rules.map((r) => [r.page, r] as const))('%s has the generated header', (page, rule) => {
    const text = read(page)
    const header = text.slice(text.indexOf(RULE_START), text.indexOf(RULE_END) + RULE_END.length)
    expect(text.startsWith(RULE_START)).toBe(true)
    expect(header).toBe((ruleHeader as (r: RuleEntry) => string)(rule))
  })

  it.each(rules.map((r) => [r.page, r] as const))('%s has Why, Example and Fix written, an example finding of its rule, and stays short', (page, rule) => {
    const text = read(page)
    const body = text.slice(text.indexOf(RULE_END) + RULE_END.length)
    expect(body.match(/^## .*$/gm)).toEqual((RULE_SECTIONS as string[]).map((s) => `## ${s}`))
    for (const section of body.split(/^## .*$/m).slice(1)) expect(section.replace(/<!--[\s\S]*?-->/g, '').trim().length, page).toBeGreaterThan(40)
    // The terminal reporter's line: `  <location>  <severity>  <rule>  <message>  [<gate> <fingerprint>]`.
    // A family rule (RuleMeta.family) is reported as `<rule>/<name>`.
    const id = rule.family === true ? `${rule.id}/[a-z0-9][a-z0-9_-]*` : rule.id
    const finding = new RegExp(`^  \\S+  (critical|high|medium|low|info)  ${id}  .+  \\[[a-z-]+ [0-9a-f]{12}\\]$`, 'm')
    expect(body, page).toMatch(finding)
    // The written part stays short; the generated header grows with the rule's messages.
    expect(body.split('\n').length, page).toBeLessThanOrEqual(70)
  })

  it('the index is the generated one', () => {
    expect(read(RULES_INDEX)).toBe((rulesIndex as (c: typeof data) => string)(data))
  })
})

describe('SARIF helpUri', () => {
  it('links every declared rule of every gate, and the engine rules, to its page', () => {
    const run = {
      findings: [],
      gates: [],
      inconclusive: [],
      notes: [],
      root: '/r',
      runId: 'r',
      startedAt: '',
      durationMs: 0,
      base: { sha: '' },
      head: { sha: '' },
    }
    const descriptors = toSarif(run as unknown as RunResult).runs[0]!.tool.driver.rules!
    expect(descriptors.find((d) => d.id === 'tests/test-failed')?.helpUri).toBe(
      'https://github.com/proofgate/proofgate/blob/main/docs/rules/tests/test-failed.md',
    )
    expect(descriptors.find((d) => d.id === 'tests/gate-errored')?.helpUri).toBe(
      'https://github.com/proofgate/proofgate/blob/main/docs/rules/proofgate/gate-errored.md',
    )
    for (const d of descriptors) {
      const page = d.helpUri!.slice(`${INFORMATION_URI}/blob/main/`.length)
      expect(existsSync(join(PROJECT_ROOT, page)), d.id).toBe(true)
    }
  })
})
