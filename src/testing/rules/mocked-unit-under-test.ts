// mocked-unit-under-test: the test replaces the module it imports and asserts on — a module mock
// of the unit, or a spy that replaces one of its exports — so it checks the mock, not the code.
import type * as TS from 'typescript'
import { importKey, mentions, moduleStem, onlyUnit, replacingSpies, testStem } from './modules.js'
import { defineRule, type RuleReport, type TestFileFacts } from './rule.js'
import { snippet } from './shared.js'

type MessageId = 'moduleMocked' | 'exportReplaced'

/** Module mocks (`vi.mock('./sum')`) of the unit under test, when the test asserts on a name it imports from it. */
function mockedModules({ file, ts, modules }: TestFileFacts, stem: string, report: (r: RuleReport<MessageId>) => void): void {
  const { imported, mocked } = modules()
  for (const [key, mock] of mocked) {
    const use = imported.get(key)
    if (use === undefined || use.names.size === 0) continue
    if (moduleStem(key) !== stem && imported.size !== 1) continue
    const names = mock.partial ? [...use.names].filter((n) => mock.replacedKeys.has(n)) : [...use.names]
    const name = names.find((n) => file.assertions.some((a) => a.actual !== undefined && mentions(ts, a.actual, n)))
    if (name === undefined) continue
    report({
      messageId: 'moduleMocked',
      data: { api: mock.api, specifier: mock.specifier, name },
      node: mock.node,
      help: "mock the unit's dependencies, never the unit itself",
    })
  }
}

/** Spies replacing an export of the unit's module (see {@link replacingSpies}) before an assertion on a binding from it. */
function spiedUnits({ file, env, ts, modules }: TestFileFacts, stem: string, report: (r: RuleReport<MessageId>) => void): void {
  const { imported } = modules()
  for (const spy of replacingSpies(file)) {
    const fact = file.imports.find((i) => !i.typeOnly && i.names.includes(spy.object) && (i.kind === 'import' || i.kind === 'require' || i.kind === 'dynamic'))
    if (fact === undefined) continue
    const classified = env.classify(file.path, fact.specifier)
    if (classified.kind !== 'source') continue
    const key = importKey(file, fact.specifier, classified)
    if (moduleStem(key) !== stem && imported.size !== 1 && onlyUnit(imported) !== key) continue
    const names = [...(imported.get(key)?.names ?? [])]
    // The assertion reads a binding of the module, or the replaced member itself (`program.opts()` after a spy on `Command.prototype.opts`).
    const asserted = file.assertions.some(
      (a) => a.actual !== undefined && a.pos > spy.node.pos && [...names, spy.key].some((n) => mentions(ts, a.actual as TS.Node, n)),
    )
    if (!asserted) continue
    report({
      messageId: 'exportReplaced',
      data: { spy: snippet(file, spy.node, 60), key: spy.key, specifier: fact.specifier },
      node: spy.node,
      help: "spy on the unit's dependencies, or spy without replacing (vi.spyOn(mod, fn) alone calls through)",
    })
  }
}

export const mockedUnitUnderTest = defineRule({
  id: 'mocked-unit-under-test',
  meta: {
    description: 'The test mocks the very module it imports and asserts on (a module mock, or a spy replacing one of its exports)',
    defaultSeverity: 'critical',
    messages: {
      moduleMocked: "`{{api}}('{{specifier}}')` replaces the module this test imports and asserts on (`{{name}}`): the test checks the mock, not the code",
      exportReplaced:
        "`{{spy}}` replaces `{{key}}` of the module under test ('{{specifier}}'), which the test asserts on: the test checks the mock, not the code",
    },
  },
  check(facts, report) {
    if (!facts.parsed || facts.tests.length === 0) return
    const stem = testStem(facts.file.path)
    mockedModules(facts, stem, report)
    spiedUnits(facts, stem, report)
  },
})
