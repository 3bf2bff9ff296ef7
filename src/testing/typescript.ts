// proofgate's own TypeScript, loaded on first use: the test-integrity gates parse test files with
// its syntax-only parser, and a run that never reads a test file never pays for the 9 MB module.
import type * as TS from 'typescript'

/** The `typescript` module's type, for code that takes the lazily loaded module as a parameter instead of importing it. */
export type TypeScript = typeof TS

let loading: Promise<TypeScript> | undefined

/** proofgate's TypeScript module (loaded once per process). */
export function loadTypeScript(): Promise<TypeScript> {
  loading ??= import('typescript').then((m) => (m as unknown as { default?: TypeScript }).default ?? (m as unknown as TypeScript))
  return loading
}

/** The script kind TypeScript's parser needs for a file extension (JSX allowed in .js/.jsx/.tsx). */
export function scriptKindOf(ts: TypeScript, path: string): TS.ScriptKind {
  const lower = path.toLowerCase()
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX
  if (lower.endsWith('.ts') || lower.endsWith('.mts') || lower.endsWith('.cts')) return ts.ScriptKind.TS
  if (lower.endsWith('.json')) return ts.ScriptKind.JSON
  return lower.endsWith('.jsx') ? ts.ScriptKind.JSX : ts.ScriptKind.JS
}
