// lint-config-weakened for the JSON configs of Biome (`biome.json`, `biome.jsonc`) and oxlint
// (`.oxlintrc.json`): their settings as the same rule, ignore and shared-config entries as an
// ESLint config, so lint-config.ts compares them the same way (a rule turned off or downgraded,
// an ignore added, the recommended set or the whole linter dropped).
import { parseJsonc } from '../testing/discover.js'
import type { TypeScript } from '../testing/typescript.js'
import { findProperty, parseSource, spanOf, type Span } from './positions.js'

/** One setting of a linter config, in lint-config.ts's terms. */
export interface JsonLintEntry {
  kind: 'rule' | 'ignore' | 'shared'
  name: string
  /** Rules: 0 off, 1 warn (or info), 2 error; undefined when not comparable (Biome's `on`). */
  rank?: number | undefined
  span?: Span | undefined
}

const LEVELS: Record<string, number> = { off: 0, allow: 0, info: 1, warn: 1, warning: 1, error: 2, deny: 2 }

function rank(value: unknown): number | undefined {
  if (Array.isArray(value)) return rank(value[0])
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 2 ? value : undefined
  if (typeof value === 'object' && value !== null) return rank((value as Record<string, unknown>).level)
  return typeof value === 'string' ? LEVELS[value.toLowerCase()] : undefined
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/** The display name of the tool a config file belongs to. */
export function jsonLinterTool(kind: 'biome' | 'oxlint'): string {
  return kind === 'biome' ? 'Biome' : 'oxlint'
}

function biomeEntries(config: Record<string, unknown>, at: (keys: string[]) => Span | undefined): JsonLintEntry[] {
  const entries: JsonLintEntry[] = []
  const linter = record(config.linter) ?? {}
  if (linter.enabled !== false) entries.push({ kind: 'shared', name: 'the Biome linter (`linter.enabled`)' })
  const rules = record(linter.rules) ?? {}
  if (rules.recommended !== false) entries.push({ kind: 'shared', name: "Biome's recommended rules (`linter.rules.recommended`)" })
  for (const [group, value] of Object.entries(rules)) {
    if (group === 'recommended') continue
    const rulesOfGroup = record(value)
    if (rulesOfGroup === undefined) {
      entries.push({ kind: 'rule', name: `lint/${group}`, rank: rank(value), span: at(['linter', 'rules', group]) })
      continue
    }
    for (const [rule, setting] of Object.entries(rulesOfGroup)) {
      if (rule === 'recommended') continue
      entries.push({ kind: 'rule', name: `lint/${group}/${rule}`, rank: rank(setting), span: at(['rules', group, rule]) })
    }
  }
  // Biome 2 excludes with `!` entries in `includes`; Biome 1 had `ignore` lists.
  for (const [section, keys] of [
    [record(config.files), ['files']],
    [linter, ['linter']],
  ] as const) {
    if (section === undefined) continue
    for (const pattern of strings(section.includes))
      if (pattern.startsWith('!')) entries.push({ kind: 'ignore', name: pattern.slice(1), span: at([...keys, 'includes']) })
    for (const pattern of strings(section.ignore)) entries.push({ kind: 'ignore', name: pattern, span: at([...keys, 'ignore']) })
  }
  return entries
}

function oxlintEntries(config: Record<string, unknown>, at: (keys: string[]) => Span | undefined): JsonLintEntry[] {
  const entries: JsonLintEntry[] = []
  const rulesOf = (rules: unknown): void => {
    for (const [rule, setting] of Object.entries(record(rules) ?? {}))
      entries.push({ kind: 'rule', name: rule, rank: rank(setting), span: at(['rules', rule]) })
  }
  rulesOf(config.rules)
  for (const override of Array.isArray(config.overrides) ? config.overrides : []) rulesOf(record(override)?.rules)
  for (const [category, setting] of Object.entries(record(config.categories) ?? {})) {
    entries.push({ kind: 'rule', name: `category ${category}`, rank: rank(setting), span: at(['categories', category]) })
  }
  for (const pattern of strings(config.ignorePatterns)) entries.push({ kind: 'ignore', name: pattern, span: at(['ignorePatterns']) })
  for (const shared of strings(config.extends)) entries.push({ kind: 'shared', name: shared, span: at(['extends']) })
  return entries
}

/**
 * The entries of one version of a Biome or oxlint config, or undefined when it does not parse.
 * Spans are the key's (an ignore: its list's key).
 */
export function jsonLinterEntries(ts: TypeScript, kind: 'biome' | 'oxlint', text: string): JsonLintEntry[] | undefined {
  const config = record(parseJsonc(ts, 'config.json', text))
  if (config === undefined) return undefined
  const sf = parseSource(ts, 'config.json', text, true)
  const at = (keys: string[]): Span | undefined => {
    const property = findProperty(ts, sf, keys)
    return property === undefined ? undefined : spanOf(sf, property.getStart(sf), property.getEnd())
  }
  return kind === 'biome' ? biomeEntries(config, at) : oxlintEntries(config, at)
}
