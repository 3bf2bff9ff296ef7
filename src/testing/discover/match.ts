// Matching a path against what the configs say (globs, jest's regexes, roots) and the naming
// conventions that decide where no config does.
import picomatch from 'picomatch'
import type { RunnerConfigFacts } from './types.js'
import { normalisePath, under } from './paths.js'

/** What counts as a test file when no runner config says otherwise. */
export const CONVENTION_PATTERNS = ['**/*.{test,spec}.*', '**/__tests__/**', '**/test/**', '**/tests/**', '**/test.{ts,js,tsx,jsx,mts,cts,mjs,cjs}']
/** Test data, not tests, under the conventions (a config's explicit include still wins). */
export const FIXTURE_PATTERNS = ['**/fixtures/**', '**/__fixtures__/**']
/** Tool configs are not tests even inside a test directory (`test/e2e/vitest.config.ts`, `.mocharc.js`). */
export const CONFIG_FILE = /(?:^|\.)config[.-]|^\.[\w-]+rc\./

export type Matcher = (path: string) => boolean

/** Compiles globs once; `!`-negated ones subtract, as in jest's testMatch and tinyglobby. */
export function compileGlobs(patterns: readonly string[]): Matcher {
  const positive = patterns.filter((p) => !p.startsWith('!')).map(normalisePath)
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => normalisePath(p.slice(1)))
  if (positive.length === 0) return () => false
  const yes = picomatch(positive, { dot: true })
  if (negative.length === 0) return yes
  const no = picomatch(negative, { dot: true })
  return (path) => yes(path) && !no(path)
}

export function compileRegexes(sources: readonly string[]): RegExp[] {
  const out: RegExp[] = []
  for (const source of sources) {
    try {
      out.push(new RegExp(source))
    } catch {
      // A pattern JS cannot compile matches nothing, as in jest (which would refuse to start).
    }
  }
  return out
}

export interface CompiledConfig {
  dir: string
  roots: string[] | undefined
  include: Matcher
  testRegex: RegExp[]
  exclude: Matcher
  excludeRegex: RegExp[]
}

export function compileConfig(facts: RunnerConfigFacts): CompiledConfig {
  return {
    dir: facts.dir,
    roots: facts.roots,
    include: compileGlobs(facts.include),
    testRegex: compileRegexes(facts.testRegex),
    exclude: compileGlobs(facts.exclude),
    excludeRegex: compileRegexes(facts.excludeRegex),
  }
}

export function matchesConfig(config: CompiledConfig, path: string): boolean {
  if (!under(path, config.dir)) return false
  if (config.roots !== undefined && !config.roots.some((r) => under(path, r))) return false
  const rel = config.dir === '' ? path : path.slice(config.dir.length + 1)
  const absolute = `/${path}`
  const included = config.include(rel) || config.testRegex.some((re) => re.test(absolute))
  if (!included) return false
  return !config.exclude(rel) && !config.excludeRegex.some((re) => re.test(absolute))
}
