// Bundled by scripts/bench.mjs (esbuild) so the bench can time proofgate's test-integrity pass
// in-process, file by file, beside TypeScript's parse floor on the same texts.
import { analyseFile } from '../src/testing/analyse.ts'
import { createImportClassifier } from '../src/testing/resolve.ts'
import { mockIntegrity, semanticTests } from '../src/testing/rules.ts'
import { ruleEnvironment } from '../src/testing/scan.ts'
import { loadTypeScript, scriptKindOf } from '../src/testing/typescript.ts'

/** The rule environment for `files` of the repository at `root`. */
export async function prepare(root, files) {
  const ts = await loadTypeScript()
  const classifier = await createImportClassifier(root, files)
  const env = ruleEnvironment(files, classifier, (p) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(p), { maxRatio: 0.5, minMocks: 3 })
  return { ts, env }
}

/** proofgate's pass: parse, collect facts, run both rule sets. Returns the number of findings. */
export function scanAll(ts, env, items) {
  let findings = 0
  for (const { path, text } of items) {
    const file = analyseFile(ts, path, text)
    findings += mockIntegrity(file, env).length + semanticTests(file, env).length
  }
  return findings
}

/** The floor: the same texts through createSourceFile and a full forEachChild walk. Returns the node count. */
export function parseFloor(ts, items) {
  let nodes = 0
  const walk = (node) => {
    nodes++
    ts.forEachChild(node, walk)
  }
  for (const { path, text } of items) walk(ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(ts, path)))
  return nodes
}
