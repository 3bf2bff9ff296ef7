// The exports a module exposes to a test (ES and CommonJS) and those a range removed: a table of
// snippets with the exact names, read by the real TypeScript parser.
import { describe, expect, it } from 'vitest'
import { exportedNames, removedExports } from '../../../src/testing/module-exports.js'
import { loadTypeScript } from '../../../src/testing/typescript.js'
import { lines } from '../../helpers/tables.js'

describe('exportedNames', () => {
  it.each<[string, string, string[] | undefined]>([
    ['exports.x and module.exports.x', lines('exports.a = 1', 'module.exports.b = function () {}', "exports['c'] = 3"), ['a', 'b', 'c']],
    ['module.exports = { … } keys', lines('function a() {}', "module.exports = { a, b: 2, c() {}, 'd': 4 }"), ['a', 'b', 'c', 'd']],
    ['exports = module.exports = { … }', 'exports = module.exports = { a: 1 }\n', ['a']],
    ['module.exports = fn has no named export; its later properties do', lines('module.exports = create', 'exports.json = json'), ['json']],
    ["Object.defineProperty(exports, 'x', …)", "Object.defineProperty(exports, 'a', { get: () => b })\n", ['a']],
    [
      'ES declarations, lists, namespaces and default',
      lines(
        'export function a() {}',
        'export const b = 1, { c } = o',
        'export class D {}',
        'export { e as f }',
        "export * as g from './g'",
        'export default 1',
      ),
      ['a', 'b', 'c', 'D', 'f', 'g', 'default'],
    ],
    ["`export * from` names nothing of its own; an assignment to another object's property is no export", lines("export * from './x'", 'app.a = 1'), []],
    ['a syntax error: unknown', 'exports.a = (\n', undefined],
  ])('%s', async (_name, text, names) => {
    const ts = await loadTypeScript()
    const found = exportedNames(ts, 'lib/m.js', text)
    // A set: the order of its names means nothing.
    expect(found === undefined ? undefined : [...found].sort()).toEqual(names?.slice().sort())
  })
})

describe('removedExports', () => {
  it.each<[string, string | null, string | null, string[]]>([
    ['an export dropped, its name kept in the module', lines('var f = g', 'exports.f = f', 'exports.h = 1'), lines('var f = g', 'exports.h = f'), ['f']],
    ['the module deleted: every export', 'exports.f = 1\n', null, ['f']],
    ['the module added: none', null, 'exports.f = 1\n', []],
    ['the version under test does not parse: none', 'exports.f = 1\n', 'exports.f = (\n', []],
  ])('%s', async (_name, before, after, removed) => {
    const ts = await loadTypeScript()
    expect([...removedExports(ts, 'lib/m.js', before, after)]).toEqual(removed)
  })
})
