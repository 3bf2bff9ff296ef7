// The facts one walk of a test file collects (see analyser.ts), as the test-integrity rules and
// the test-mutation detector read them. Types only.
import type * as TS from 'typescript'
import type { TypeScript } from '../typescript.js'

/** An import of any form: `import`, `require()`, `await import()`, `export … from`, `vi.importActual()`. */
export interface ImportFact {
  specifier: string
  /** Local names it binds (default, namespace, named, destructured). */
  names: string[]
  /** `import type …`, or every named binding is type-only. */
  typeOnly: boolean
  kind: 'import' | 'require' | 'dynamic' | 'export-from' | 'actual'
  node: TS.Node
  /**
   * What each local name is bound to: an export of the module by name (`default` for a default
   * import), or `*` for the whole module (`import * as ns`, `const m = require('m')`). Set for
   * `import` declarations and for a `require()`/`import()` whose result a declaration binds.
   */
  bindings?: ReadonlyArray<{ imported: string; local: string }>
}

/** A module mock: `vi.mock`, `jest.mock`, `vi.doMock`, `jest.doMock`, `jest.unstable_mockModule`, node:test `mock.module`. */
export interface MockFact {
  specifier: string
  /** How it was written, e.g. `vi.mock`. */
  api: string
  node: TS.CallExpression
  /** The factory keeps the real module (importActual / importOriginal / requireActual) and replaces some keys. */
  partial: boolean
  /** Keys a partial factory replaces (empty when unknown). */
  replacedKeys: Set<string>
}

/** A test or suite declaration (`it`, `test`, `describe`, an alias of one, with its modifier chain); `title` is the first argument's string value, else its source text (120 characters at most). */
export interface TestFact {
  kind: 'test' | 'suite'
  /** The call chain with aliases resolved, e.g. `['it', 'only']`. */
  chain: string[]
  title: string
  node: TS.CallExpression
  /** The function literal holding the test's body. */
  callback?: TS.ArrowFunction | TS.FunctionExpression
  /** `it('x', helper)`: the name of a function passed instead of a literal. */
  callbackName?: string
  focused: boolean
  /** How it is skipped (`skip`, `todo`, `xit`, `skipIf(true)`, `runIf(false)`, `{ skip: true }`, `pending`), or undefined. */
  skipped?: string
  /**
   * A skip that depends on the environment the suite runs in: `skipIf(process.env.CI)`,
   * `runIf(process.platform === 'linux')`, node:test `{ skip: process.env.CI }` (the call as written,
   * whitespace collapsed). Such a test runs on one machine and is skipped where the check runs.
   */
  environmentSkip?: string
}

/**
 * `expect(…)`, `assert…(…)`, `x.should…`, `expect.assertions(n)`, a helper named expectX or assertX,
 * a Testing Library query, a `@ts-expect-error`, or an HTTP assertion chain (`http`: supertest's,
 * superagent's and chai-http's `request(app).get('/').expect(200)`).
 */
export interface AssertionFact {
  style: 'expect' | 'assert' | 'should' | 'count' | 'helper' | 'query' | 'type' | 'http'
  /** The expect/assert call, the `should` access, or the comment position (type). */
  node?: TS.Node
  pos: number
  end: number
  /** The value under test: expect's argument, assert's first argument, the object before `.should`, the request before its `.expect` calls. */
  actual?: TS.Expression
  /**
   * The matcher path: `['not', 'toBe']`, `['to', 'deep', 'equal']`, `['strictEqual']`, `['ok']` for
   * `assert(x)`; for `http`, `['expect', 'status' | 'body' | 'callback']` or
   * `['expect', 'header', name]` with the header name lower-cased.
   */
  matcher: string[]
  /** The expected values: the matcher call's arguments, or assert's arguments after the first. */
  expected: readonly TS.Expression[]
  /** The whole assertion expression (the outermost matcher call or access). */
  outer?: TS.Node
}

/** A named function of the file (a declaration, or a `const` bound to a function literal), for following helpers; `pos`/`end` are character offsets of the declaration or of the function literal. */
export interface FunctionFact {
  name: string
  pos: number
  end: number
}

/** A `beforeEach`/`afterEach` callback and the range of tests it applies to. */
export interface HookFact {
  pos: number
  end: number
  scopePos: number
  scopeEnd: number
}

/** Everything one walk of a test file found; nodes point into `sf`, so the file is dropped once summarised. Built by {@link analyseFile}. */
export interface AnalysedFile {
  path: string
  ts: TypeScript
  sf: TS.SourceFile
  /** Syntax errors TypeScript's parser reported (a file with any is reported, not analysed). */
  parseErrors: readonly TS.DiagnosticWithLocation[]
  imports: ImportFact[]
  mocks: MockFact[]
  tests: TestFact[]
  /** Sorted by position. */
  assertions: AssertionFact[]
  functions: FunctionFact[]
  hooks: HookFact[]
  /** Calls whose callee is a plain identifier (for following helpers), sorted by position. */
  identCalls: Array<{ name: string; pos: number }>
  /** Calls to `mockReturnValue` and friends, `vi.fn(impl)` and `vi.spyOn`, for the mock-return rule. */
  mockCalls: TS.CallExpression[]
  /** String literals without spaces: candidates for a path (`../bin/cli.js`, `api.mdx`) or a package name (`zod`). */
  pathLiterals: string[]
  /** Modules that provided the test API or the assertions (`vitest`, `node:assert`, `chai`…). */
  apiModules: Set<string>
  /** 1-based line and column of a position. */
  position(pos: number): { line: number; column: number }
}

/** A skip condition carried by an alias (`const t = test.skipIf(c)`, `const t = c ? test.skip : test`), judged like `skipIf(c)`/`runIf(c)`. */
export interface AliasSkip {
  kind: 'skipIf' | 'runIf'
  condition: TS.Expression
  /** How it is written, whitespace collapsed, e.g. `t = process.env.CI ? test.skip : test`. */
  written: string
}

/** Looks up the initialiser of a variable by name (undefined when none is known). */
export type Resolve = (name: string) => TS.Expression | undefined

/** A member chain: its root name, the property names after it, and the arguments of calls applied to a segment (by segment index). */
export type Chain = { root: TS.Identifier; segments: string[]; callArgs: Map<number, readonly TS.Expression[]> }

/** Options of `analyseFile`. */
export interface AnalyseOptions {
  /**
   * Extra calls that count as assertions, by their member chain with calls dropped
   * (`schema.parse(x)` → `schema.parse`, `z.lazy(f).parse(x)` → `z.lazy.parse`).
   */
  isAssertionCall?: (chain: string) => boolean
}
