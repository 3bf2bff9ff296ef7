// no-source-under-test: a file that declares tests but uses nothing of the repository — no source
// import, package name, bin or path of a repository file.
import { defineRule } from './rule.js'

export const noSourceUnderTest = defineRule({
  id: 'no-source-under-test',
  meta: {
    description: 'The file declares tests but uses nothing of the repository (no source import, package name, bin or source path)',
    defaultSeverity: 'high',
    messages: {
      importsNothing: 'The file declares {{tests}} but uses no code of this repository: it imports nothing',
      importsOnly: 'The file declares {{tests}} but uses no code of this repository: it imports only {{libraries}}',
    },
  },
  check({ file, env, parsed, tests, modules }, report) {
    if (!parsed || tests.length === 0 || modules().usesRepository) return
    if (file.pathLiterals.some((p) => env.isRepositoryPath(file.path, p))) return
    const libraries = [...new Set(file.imports.map((i) => i.specifier))]
    report({
      messageId: libraries.length === 0 ? 'importsNothing' : 'importsOnly',
      data: {
        tests: `${tests.length} test${tests.length === 1 ? '' : 's'}`,
        libraries: `${libraries.slice(0, 4).join(', ')}${libraries.length > 4 ? ', …' : ''}`,
      },
      node: tests[0]!.node.expression,
      help: 'import the module under test (or spawn its bin); a test of doubles and literals proves nothing',
    })
  },
})
