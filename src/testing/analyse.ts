// Parses one test file (syntax only, TypeScript's parser) and collects, in one walk, the facts the
// test-integrity rules read: imports, module mocks, test declarations, assertions, helpers, aliases.
// The walk is analyse/analyser.ts; this module is the entry point and re-exports what others import.
import type * as TS from 'typescript'
import { scriptKindOf, type TypeScript } from './typescript.js'
import { Analyser } from './analyse/analyser.js'
import type { AnalysedFile, AnalyseOptions } from './analyse/facts.js'

export type { AnalysedFile, AnalyseOptions, AssertionFact, FunctionFact, HookFact, ImportFact, MockFact, TestFact } from './analyse/facts.js'
export { callPath, countInRange, isFunctionLiteral, LANGUAGE_CHAINS, lowerBound, unwrap } from './analyse/syntax.js'
export { readsEnvironment, SUITE_NAMES, TEST_NAMES } from './analyse/tests.js'

/**
 * Parses `text` as the file at `path` (script kind from its extension) and collects its facts in
 * one walk. Never throws on bad syntax: the parser recovers and `parseErrors` lists what it found.
 */
export function analyseFile(ts: TypeScript, path: string, text: string, options: AnalyseOptions = {}): AnalysedFile {
  // Parents are set by the walk rather than by a second pass of the parser (the bench's largest
  // saving: TypeScript's setParentNodes walks the whole tree once more).
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(ts, path))
  const parseErrors = (sf as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? []
  const analyser = new Analyser(ts, sf, options.isAssertionCall)
  analyser.walk()
  const tests = analyser.tests()
  return {
    path,
    ts,
    sf,
    parseErrors,
    imports: analyser.imports,
    mocks: analyser.mocks,
    tests,
    assertions: analyser.assertions,
    functions: analyser.functions,
    hooks: analyser.hooks(tests),
    identCalls: analyser.identCalls,
    mockCalls: analyser.mockCalls,
    pathLiterals: analyser.pathLiterals,
    apiModules: analyser.apiModules,
    position(pos) {
      const { line, character } = sf.getLineAndCharacterOfPosition(pos)
      return { line: line + 1, column: character + 1 }
    },
  }
}
