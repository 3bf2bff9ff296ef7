// The harness-suppression rule: setup files and runner configs that hide failures — console.error
// silenced, unhandled errors swallowed, act() warnings switched off, silent runs, onConsoleLog → false.
import type * as TS from 'typescript'
import type { AnalysedFile } from './analyse.js'
import { formatMessage, type MessageData } from '../findings/rule.js'
import { harnessSuppression } from './rules/harness-suppression.js'
import type { RuleFinding } from './rules/rule.js'
import type { TypeScript } from './typescript.js'

const CONSOLE_TARGET = /^(?:(?:global|globalThis|window|self)\.)?console(?:\.(?:error|warn)|\[.+\])$/
type HarnessMessageId = keyof typeof harnessSuppression.meta.messages

const FAILURE_EVENTS = new Set(['unhandledRejection', 'uncaughtException', 'warning'])

/** What a setup file does to the console: hides it, or turns calls into failures (zod's fail-on-console). */
export interface SetupFacts {
  findings: RuleFinding[]
  /** Console methods are replaced by functions that throw: output cannot hide a failure. */
  failsOnConsole: boolean
}

/** A harness-suppression finding at `node`, its message formatted from the rule's `messageId`. */
function finding(
  file: { sf: TS.SourceFile; position(pos: number): { line: number; column: number } },
  node: TS.Node,
  messageId: HarnessMessageId,
  data: MessageData,
  help: string,
): RuleFinding {
  const start = file.position(node.getStart(file.sf))
  const end = file.position(node.getEnd())
  const { id, meta } = harnessSuppression
  return {
    ruleId: id,
    messageId,
    severity: meta.defaultSeverity,
    message: formatMessage(id, meta, messageId, data),
    startLine: start.line,
    startColumn: start.column,
    endLine: end.line,
    endColumn: end.column,
    help,
  }
}

function containsThrow(ts: TypeScript, node: TS.Node): boolean {
  if (ts.isThrowStatement(node)) return true
  return ts.forEachChild(node, (child) => (containsThrow(ts, child) ? true : undefined)) === true
}

function text(sf: TS.SourceFile, node: TS.Node): string {
  return node.getText(sf).replace(/\s+/g, '')
}

/**
 * Checks a setup file (vitest/jest `setupFiles`, `setupFilesAfterEnv`, mocha `require`) for
 * suppression. Replacing or mocking console.error/warn counts unless the replacement throws or
 * the file asserts on the console; handlers for unhandledRejection/uncaughtException that do not
 * rethrow, removing those listeners, and `IS_REACT_ACT_ENVIRONMENT = false` always count.
 */
export function checkSetupFile(file: AnalysedFile): SetupFacts {
  const { ts, sf } = file
  const findings: RuleFinding[] = []
  let failsOnConsole = false
  const throwingFunctions = new Set<string>()
  const assertsOnConsole = file.assertions.some((a) => a.actual !== undefined && /console/.test(a.actual.getText(sf)))
  const visitFunctions = (node: TS.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name !== undefined && containsThrow(ts, node)) throwingFunctions.add(node.name.text)
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer !== undefined &&
      (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer)) &&
      containsThrow(ts, node.initializer)
    ) {
      throwingFunctions.add(node.name.text)
    }
    ts.forEachChild(node, visitFunctions)
  }
  visitFunctions(sf)
  const throws = (value: TS.Expression): boolean => {
    if (containsThrow(ts, value)) return true
    const callee = ts.isCallExpression(value) ? value.expression : value
    return ts.isIdentifier(callee) && throwingFunctions.has(callee.text)
  }
  const visit = (node: TS.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = text(sf, node.left)
      if (CONSOLE_TARGET.test(target)) {
        if (throws(node.right)) failsOnConsole = true
        else if (!assertsOnConsole)
          findings.push(
            finding(file, node, 'consoleReplaced', { target }, 'let console.error through, or make it throw (fail on console), or assert on the spy'),
          )
      } else if (/(^|\.)IS_REACT_ACT_ENVIRONMENT$/.test(target) && node.right.kind === ts.SyntaxKind.FalseKeyword) {
        findings.push(finding(file, node, 'reactActOff', {}, 'keep act() warnings on; wrap updates in act() instead'))
      }
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text
      const owner = text(sf, node.expression.expression)
      const first = node.arguments[0]
      const second = node.arguments[1]
      if (
        method === 'spyOn' &&
        first !== undefined &&
        /^(?:(?:global|globalThis|window)\.)?console$/.test(text(sf, first)) &&
        second !== undefined &&
        ts.isStringLiteral(second) &&
        (second.text === 'error' || second.text === 'warn')
      ) {
        const implementation = implementationOf(ts, node)
        if (implementation !== undefined && !throws(implementation) && !assertsOnConsole) {
          findings.push(
            finding(
              file,
              node.parent.parent ?? node,
              'consoleMocked',
              { method: second.text },
              'spy without replacing, or assert expect(console.error).not.toHaveBeenCalled() after each test',
            ),
          )
        }
      } else if (method === 'stubGlobal' && first !== undefined && ts.isStringLiteral(first) && first.text === 'console') {
        findings.push(finding(file, node, 'consoleStubbed', {}, 'do not stub the console globally'))
      } else if (
        /(^|\.)process$/.test(owner) &&
        (method === 'on' || method === 'once' || method === 'prependListener') &&
        first !== undefined &&
        ts.isStringLiteral(first) &&
        FAILURE_EVENTS.has(first.text)
      ) {
        if (first.text !== 'warning' && second !== undefined && !throws(second)) {
          findings.push(
            finding(file, node, 'handlerSwallows', { event: first.text }, 'rethrow in the handler, or remove it and let the runner report the error'),
          )
        }
      } else if (
        /(^|\.)process$/.test(owner) &&
        method === 'removeAllListeners' &&
        first !== undefined &&
        ts.isStringLiteral(first) &&
        FAILURE_EVENTS.has(first.text)
      ) {
        findings.push(finding(file, node, 'listenersRemoved', { event: first.text }, "leave the runner's listeners in place"))
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return { findings, failsOnConsole }
}

/** For `spyOn(console, 'error').mockImplementation(fn)` (any depth of chaining): `fn`, or undefined when not replaced. */
function implementationOf(ts: TypeScript, spy: TS.CallExpression): TS.Expression | undefined {
  let current: TS.Node = spy
  while (ts.isPropertyAccessExpression(current.parent) && ts.isCallExpression(current.parent.parent)) {
    const name = current.parent.name.text
    const call = current.parent.parent
    if (name === 'mockImplementation' || name === 'mockReturnValue' || name === 'mockImplementationOnce') return call.arguments[0] ?? call
    current = call
  }
  return undefined
}

/** Messages whose filtering hides failures rather than noise: React's act() warning, unhandled errors, bare "error". */
const HIDES_FAILURES = /act\(|not wrapped in act|unhandled|uncaught|^\W*(error|warn|warning|exception|fail|failed)\W*$/i

/**
 * Whether a `false` returned by a console/error filter is guarded by a test of the message against
 * a specific literal (`if (log.includes('watcher is ready')) return false`): filtering known noise.
 * A literal that names act() warnings or unhandled errors, or is a bare "error", is not specific.
 */
function guardedBySpecificMessage(ts: TypeScript, node: TS.Node, fn: TS.Node): boolean {
  for (let current: TS.Node = node; current !== fn; current = current.parent) {
    const parent = current.parent
    const condition =
      ts.isIfStatement(parent) && current !== parent.expression
        ? parent.expression
        : ts.isConditionalExpression(parent) && current !== parent.condition
          ? parent.condition
          : ts.isBinaryExpression(parent) && current === parent.right
            ? parent.left
            : undefined
    if (condition === undefined) continue
    const literals: string[] = []
    const collect = (n: TS.Node): void => {
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) literals.push(n.text)
      else if (ts.isRegularExpressionLiteral(n)) literals.push(n.text)
      ts.forEachChild(n, collect)
    }
    collect(condition)
    if (literals.length > 0 && literals.every((l) => !HIDES_FAILURES.test(l))) return true
  }
  return false
}

/** Whether a function-valued config option returns `false` other than for a specific known message (`onConsoleLog: () => false`). */
function returnsFalse(ts: TypeScript, fn: TS.Node): boolean {
  // The nodes standing for a returned false: a `return false`, a false branch of a returned ternary, an arrow's `=> false`.
  const returned: TS.Node[] = []
  const visit = (node: TS.Node): void => {
    if (node !== fn && (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node))) return
    if (ts.isReturnStatement(node) && node.expression !== undefined) falseOf(node.expression, node)
    ts.forEachChild(node, visit)
  }
  const falseOf = (expression: TS.Expression, origin: TS.Node): void => {
    if (expression.kind === ts.SyntaxKind.FalseKeyword) returned.push(origin)
    else if (ts.isConditionalExpression(expression)) {
      if (expression.whenTrue.kind === ts.SyntaxKind.FalseKeyword) returned.push(expression.whenTrue)
      if (expression.whenFalse.kind === ts.SyntaxKind.FalseKeyword) returned.push(expression.whenFalse)
    } else if (ts.isParenthesizedExpression(expression)) falseOf(expression.expression, origin)
  }
  if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) falseOf(fn.body, fn.body)
  else ts.forEachChild(fn, visit)
  return returned.some((node) => !guardedBySpecificMessage(ts, node, fn))
}

/**
 * Checks a runner config (vitest/vite/jest config in JS/TS, or package.json) for options that
 * hide failures: `silent: true` (unless `consoleFailsLoudly`: a setup file makes console calls
 * throw, so there is no output to hide), `dangerouslyIgnoreUnhandledErrors: true`, `onConsoleLog`
 * or `onUnhandledError` returning false; in package.json, the `jest` key and `--silent` in the
 * `test` script.
 */
export function checkRunnerConfig(ts: TypeScript, path: string, textOfFile: string, consoleFailsLoudly: boolean): RuleFinding[] {
  const json = path.endsWith('.json')
  const sf = json ? ts.parseJsonText(path, textOfFile) : ts.createSourceFile(path, textOfFile, ts.ScriptTarget.Latest, true)
  const located = {
    sf,
    position(pos: number) {
      const { line, character } = sf.getLineAndCharacterOfPosition(pos)
      return { line: line + 1, column: character + 1 }
    },
  }
  if (json) setParents(ts, sf)
  const findings: RuleFinding[] = []
  const packageJson = path === 'package.json' || path.endsWith('/package.json')
  const visit = (node: TS.Node, inJest: boolean): void => {
    if (ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node)) {
      const name = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : undefined
      const value = ts.isPropertyAssignment(node) ? node.initializer : node
      const relevant = !packageJson || inJest
      if (relevant && name === 'silent' && value.kind === ts.SyntaxKind.TrueKeyword && !consoleFailsLoudly) {
        findings.push(finding(located, node, 'silent', {}, 'drop silent: true, or make console calls fail in a setup file'))
      } else if (relevant && name === 'dangerouslyIgnoreUnhandledErrors' && value.kind === ts.SyntaxKind.TrueKeyword) {
        findings.push(finding(located, node, 'ignoreUnhandled', {}, 'remove it and fix the unhandled errors'))
      } else if (relevant && (name === 'onConsoleLog' || name === 'onUnhandledError') && returnsFalse(ts, value)) {
        findings.push(
          finding(
            located,
            node,
            'filterReturnsFalse',
            { option: name, dropped: name === 'onConsoleLog' ? 'console output' : 'unhandled errors' },
            `remove the ${name} filter, or filter only known-harmless messages and assert the rest`,
          ),
        )
      } else if (packageJson && name === 'scripts' && ts.isObjectLiteralExpression(value)) {
        for (const script of value.properties) {
          if (!ts.isPropertyAssignment(script) || !ts.isStringLiteral(script.initializer)) continue
          const scriptName = ts.isStringLiteral(script.name) || ts.isIdentifier(script.name) ? script.name.text : ''
          if (!/^test(:|$)/.test(scriptName)) continue
          const command = script.initializer.text
          if (/(^|\s)--silent(=true)?(\s|$)/.test(command) && /\b(vitest|jest)\b/.test(command) && !consoleFailsLoudly) {
            findings.push(finding(located, script, 'scriptSilent', { script: scriptName }, 'drop --silent'))
          }
          if (/--dangerouslyIgnoreUnhandledErrors/.test(command)) {
            findings.push(finding(located, script, 'scriptIgnoresUnhandled', { script: scriptName }, 'drop the flag and fix the unhandled errors'))
          }
        }
      }
      ts.forEachChild(node, (child) => visit(child, inJest || (packageJson && name === 'jest')))
      return
    }
    ts.forEachChild(node, (child) => visit(child, inJest))
  }
  visit(sf, false)
  return findings
}

function setParents(ts: TypeScript, root: TS.Node): void {
  const assign = (node: TS.Node): void => {
    ts.forEachChild(node, (child) => {
      ;(child as { parent: TS.Node }).parent = node
      assign(child)
    })
  }
  assign(root)
}
