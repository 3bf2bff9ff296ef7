// RuleTester-style tables for lint-config-weakened: two versions of an ESLint config or tsconfig,
// the file's own settings only, with the exact rule id, severity, line and column of each finding.
import { beforeAll, describe, expect, it } from 'vitest'
import { compareLintConfig, compareLintConfigs, lintConfigKind } from '../../../src/integrity/lint-config.js'
import { loadTypeScript, type TypeScript } from '../../../src/testing/typescript.js'
import { lines, versionTable, type VersionCase } from '../../helpers/tables.js'

let ts: TypeScript
beforeAll(async () => {
  ts = await loadTypeScript()
})

interface Case extends VersionCase {
  path: string
}

function table(cases: Case[]): void {
  versionTable(cases, (c) => compareLintConfig(ts, c.path, c.old, c.new))
}

const FLAT = lines(
  "import js from '@eslint/js'",
  "import tseslint from 'typescript-eslint'",
  'export default tseslint.config(',
  "  { ignores: ['dist/**'] },",
  '  js.configs.recommended,',
  '  ...tseslint.configs.recommended,',
  "  { rules: { 'no-console': 'error', eqeqeq: ['error', 'always'], 'no-debugger': 'warn' } },",
  ')',
)

describe('ESLint flat config', () => {
  table([
    { name: 'unchanged', path: 'eslint.config.js', old: FLAT, new: FLAT, errors: [] },
    {
      name: 'reformatted with the same rules, numbers for names',
      path: 'eslint.config.js',
      old: FLAT,
      new: lines(
        "import js from '@eslint/js'",
        "import tseslint from 'typescript-eslint'",
        '',
        'export default tseslint.config(',
        '  { ignores: ["dist/**"] },',
        '  js.configs.recommended,',
        '  ...tseslint.configs.recommended,',
        '  {',
        '    rules: {',
        "      eqeqeq: [2, 'always'],",
        "      'no-debugger': 1,",
        "      'no-console': 'error',",
        '    },',
        '  },',
        ')',
      ),
      errors: [],
    },
    {
      name: 'a rule raised from warn to error and a new error rule',
      path: 'eslint.config.js',
      old: FLAT,
      new: FLAT.replace("'no-debugger': 'warn'", "'no-debugger': 'error', curly: 'error'"),
      errors: [],
    },
    {
      name: 'a rule downgraded and another turned off',
      path: 'eslint.config.js',
      old: FLAT,
      new: FLAT.replace("'no-console': 'error'", "'no-console': 'warn'").replace("eqeqeq: ['error', 'always']", "eqeqeq: 'off'"),
      errors: [
        ['lint-config-weakened', 'high', 7, 14],
        ['lint-config-weakened', 'high', 7, 36],
      ],
      messages: ['ESLint rule no-console downgraded from error to warn (eslint.config.js).', 'ESLint rule eqeqeq downgraded from error to off'],
    },
    {
      name: 'a new off override for tests',
      path: 'eslint.config.mjs',
      old: FLAT,
      new: FLAT.replace(')\n', "  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },\n)\n"),
      errors: [['lint-config-weakened', 'high', 8, 34]],
      messages: ['ESLint rule @typescript-eslint/no-explicit-any turned off in a new entry'],
    },
    {
      name: 'a first ESLint config at the root loosens nothing',
      path: 'eslint.config.js',
      old: null,
      new: FLAT.replace(')\n', "  { files: ['test/**'], rules: { 'no-console': 'off' } },\n)\n"),
      errors: [],
    },
    {
      name: 'a first nested ESLint config still counts (its ignores too)',
      path: 'packages/a/eslint.config.js',
      old: null,
      new: FLAT.replace(')\n', "  { files: ['test/**'], rules: { 'no-console': 'off' } },\n)\n"),
      errors: [
        ['lint-config-weakened', 'high', 4, 15],
        ['lint-config-weakened', 'high', 8, 34],
      ],
    },
    {
      name: 'a rule removed (no line)',
      path: 'eslint.config.js',
      old: FLAT,
      new: FLAT.replace("'no-console': 'error', ", ''),
      errors: [['lint-config-weakened', 'high', undefined, undefined]],
      messages: ['ESLint rule no-console removed from the config (it was error)'],
    },
    {
      name: 'a rule removed where another entry still sets it',
      path: 'eslint.config.js',
      old: FLAT.replace(')\n', "  { files: ['src/**'], rules: { 'no-console': 'error' } },\n)\n"),
      new: FLAT,
      errors: [],
    },
    {
      name: 'ignores added, globalIgnores added; a negated ignore is not',
      path: 'eslint.config.js',
      old: FLAT,
      new: FLAT.replace("{ ignores: ['dist/**'] }", "{ ignores: ['dist/**', 'src/legacy/**', '!src/keep.js'] }").replace(
        ')\n',
        "  globalIgnores(['scripts/**']),\n)\n",
      ),
      errors: [
        ['lint-config-weakened', 'high', 4, 26],
        ['lint-config-weakened', 'high', 8, 18],
      ],
      messages: ['"src/legacy/**" added to the ESLint ignores'],
    },
    {
      name: 'a shared config dropped',
      path: 'eslint.config.js',
      old: FLAT,
      new: FLAT.replace('  ...tseslint.configs.recommended,\n', ''),
      errors: [['lint-config-weakened', 'high', undefined, undefined]],
      messages: ['Shared config ...tseslint.configs.recommended no longer used'],
    },
    {
      name: 'a severity that is not a literal (medium)',
      path: 'eslint.config.js',
      old: FLAT,
      new: FLAT.replace("'no-console': 'error'", "'no-console': level"),
      errors: [['lint-config-weakened', 'medium', 7, 14]],
    },
    {
      name: 'a file that does not parse (medium)',
      path: 'eslint.config.js',
      old: FLAT,
      new: 'export default [{ rules: { ',
      errors: [['lint-config-weakened', 'medium', undefined, undefined]],
    },
  ])
})

describe('eslintrc and .eslintignore', () => {
  table([
    {
      name: '.eslintrc.json with comments, unchanged rules',
      path: '.eslintrc.json',
      old: '{ "rules": { "semi": "error" } }',
      new: '{\n  // keep\n  "rules": { "semi": 2 },\n}',
      errors: [],
    },
    {
      name: '.eslintrc.json: a rule downgraded in overrides',
      path: '.eslintrc.json',
      old: JSON.stringify({ overrides: [{ files: ['*.ts'], rules: { semi: ['error'] } }] }),
      new: JSON.stringify({ overrides: [{ files: ['*.ts'], rules: { semi: ['warn'] } }] }),
      errors: [['lint-config-weakened', 'high', 1, 42]],
    },
    {
      name: '.eslintrc.yml: ignorePatterns and extends',
      path: '.eslintrc.yml',
      old: lines('extends:', '  - eslint:recommended', 'rules:', '  no-console: error'),
      new: lines('ignorePatterns: ["generated/"]', 'rules:', '  no-console: off'),
      errors: [
        ['lint-config-weakened', 'high', 1, 18],
        ['lint-config-weakened', 'high', 3, 3],
        ['lint-config-weakened', 'high', undefined, undefined],
      ],
    },
    {
      name: '.eslintrc.cjs: module.exports',
      path: '.eslintrc.cjs',
      old: lines("module.exports = { rules: { 'no-var': 2 } }"),
      new: lines("module.exports = { rules: { 'no-var': 0 } }"),
      errors: [['lint-config-weakened', 'high', 1, 29]],
    },
    {
      name: 'a bare .eslintrc in YAML',
      path: '.eslintrc',
      old: lines('rules:', '  eqeqeq: 2'),
      new: lines('rules:', '  eqeqeq: 1'),
      errors: [['lint-config-weakened', 'high', 2, 3]],
    },
    {
      name: '.eslintignore: lines added, comments and negations not',
      path: '.eslintignore',
      old: lines('dist'),
      new: lines('# generated', 'dist', '  src/old/**', '!src/old/keep.js'),
      errors: [['lint-config-weakened', 'high', 3, 3]],
    },
  ])
})

const TSCONFIG = lines(
  '{',
  '  // strict on purpose',
  '  "compilerOptions": {',
  '    "strict": true,',
  '    "noUncheckedIndexedAccess": true,',
  '    "checkJs": true',
  '  }',
  '}',
)

describe('tsconfig', () => {
  table([
    {
      name: 'unchanged, reformatted',
      path: 'tsconfig.json',
      old: TSCONFIG,
      new: '{ "compilerOptions": { "checkJs": true, "noUncheckedIndexedAccess": true, "strict": true, }, }',
      errors: [],
    },
    {
      name: 'a family flag written out under strict',
      path: 'tsconfig.json',
      old: TSCONFIG,
      new: TSCONFIG.replace('"strict": true,', '"strict": true, "noImplicitAny": true,'),
      errors: [],
    },
    {
      name: 'strict turned off: one finding, not one per family flag',
      path: 'tsconfig.json',
      old: TSCONFIG,
      new: TSCONFIG.replace('"strict": true', '"strict": false'),
      errors: [['lint-config-weakened', 'high', 4, 5]],
      messages: ['`compilerOptions.strict` turned off (true → false)'],
    },
    {
      name: 'a family flag turned off under strict',
      path: 'tsconfig.build.json',
      old: TSCONFIG,
      new: TSCONFIG.replace('"strict": true,', '"strict": true, "strictNullChecks": false,'),
      errors: [['lint-config-weakened', 'high', 4, 21]],
    },
    {
      name: 'noUncheckedIndexedAccess removed, checkJs off, allowUnreachableCode on',
      path: 'packages/a/tsconfig.json',
      old: TSCONFIG,
      new: TSCONFIG.replace('    "noUncheckedIndexedAccess": true,\n', '').replace('"checkJs": true', '"checkJs": false, "allowUnreachableCode": true'),
      errors: [
        ['lint-config-weakened', 'high', 5, 5],
        ['lint-config-weakened', 'high', 5, 23],
        ['lint-config-weakened', 'high', undefined, undefined],
      ],
      messages: [
        '`compilerOptions.checkJs` turned off (true → false)',
        '`compilerOptions.allowUnreachableCode` set to true',
        '`compilerOptions.noUncheckedIndexedAccess` removed (was true)',
      ],
    },
    {
      name: 'not JSON (medium)',
      path: 'tsconfig.json',
      old: TSCONFIG,
      new: '{ "compilerOptions": ',
      errors: [['lint-config-weakened', 'medium', undefined, undefined]],
    },
  ])
})

describe('compareLintConfigs: the ESLint files of a directory together', () => {
  const brief = (files: Parameters<typeof compareLintConfigs>[1]): unknown[] =>
    compareLintConfigs(ts, files).map((f) => [f.ruleId, f.severity, `${f.path}:${f.startLine ?? ''}`])

  it('an .eslintrc and .eslintignore migrated to eslint.config.mjs loosen nothing', () => {
    expect(
      brief([
        {
          path: '.eslintrc',
          oldText: JSON.stringify({ extends: ['unjs', 'plugin:@typescript-eslint/recommended'], rules: { 'no-undef': 0, eqeqeq: 2 } }),
          newText: null,
        },
        { path: '.eslintignore', oldText: lines('dist', '/coverage/'), newText: null },
        {
          path: 'eslint.config.mjs',
          oldText: null,
          newText: lines(
            "import unjs from 'eslint-config-unjs'",
            "import tseslint from 'typescript-eslint'",
            "export default unjs({ ignores: ['**/dist/**', 'coverage'], rules: { 'no-undef': 0, eqeqeq: 'error' } }, ...tseslint.configs.recommended)",
          ),
        },
      ]),
    ).toEqual([])
  })

  it('a migration that drops a rule and a shared config, and adds an ignore, reports each on its own file', () => {
    expect(
      brief([
        { path: 'pkg/.eslintrc.json', oldText: JSON.stringify({ extends: ['airbnb'], rules: { eqeqeq: 'error' } }), newText: null },
        { path: 'pkg/eslint.config.js', oldText: null, newText: lines("export default [{ ignores: ['src/legacy/**'] }, { rules: {} }]") },
        { path: 'tsconfig.json', oldText: '{ "compilerOptions": { "strict": true } }', newText: '{ "compilerOptions": {} }' },
      ]),
    ).toEqual([
      ['lint-config-weakened', 'high', 'pkg/.eslintrc.json:'],
      ['lint-config-weakened', 'high', 'pkg/.eslintrc.json:'],
      ['lint-config-weakened', 'high', 'pkg/eslint.config.js:1'],
      ['lint-config-weakened', 'high', 'tsconfig.json:'],
    ])
  })

  it('files in different directories are compared separately', () => {
    expect(
      brief([
        { path: 'a/.eslintrc.json', oldText: JSON.stringify({ rules: { eqeqeq: 'error' } }), newText: null },
        { path: 'b/eslint.config.js', oldText: null, newText: lines("export default [{ rules: { eqeqeq: 'error' } }]") },
      ]),
    ).toEqual([['lint-config-weakened', 'high', 'a/.eslintrc.json:']])
  })
})

const BIOME = lines(
  '{',
  '  "files": { "includes": ["**", "!dist"] },',
  '  "linter": {',
  '    "rules": {',
  '      "recommended": true,',
  '      "suspicious": { "noDebugger": "error", "noConsole": { "level": "warn" } }',
  '    }',
  '  }',
  '}',
)

describe('Biome config (biome.json)', () => {
  table([
    { name: 'unchanged', path: 'biome.json', old: BIOME, new: BIOME, errors: [] },
    {
      name: 'a rule downgraded, a rule turned off in a new entry, an exclusion added, the recommended set dropped',
      path: 'biome.json',
      old: BIOME,
      new: lines(
        '{',
        '  "files": { "includes": ["**", "!dist", "!src/legacy"] },',
        '  "linter": {',
        '    "rules": {',
        '      "recommended": false,',
        '      "suspicious": { "noDebugger": "warn", "noConsole": { "level": "warn" } },',
        '      "correctness": { "noUnusedVariables": "off" }',
        '    }',
        '  }',
        '}',
      ),
      errors: [
        ['lint-config-weakened', 'high', 2, 14],
        ['lint-config-weakened', 'high', 6, 23],
        ['lint-config-weakened', 'high', 7, 24],
        ['lint-config-weakened', 'high', undefined, undefined],
      ],
      messages: [
        '"src/legacy" added to the Biome ignores: Biome no longer checks the files it matches (biome.json).',
        'Biome rule lint/suspicious/noDebugger downgraded from error to warn (biome.json).',
        'Biome rule lint/correctness/noUnusedVariables turned off in a new entry (biome.json).',
        "Shared config Biome's recommended rules (`linter.rules.recommended`) no longer used",
      ],
    },
    {
      name: 'the linter disabled',
      path: 'biome.json',
      old: '{ "linter": { "enabled": true } }\n',
      new: '{ "linter": { "enabled": false } }\n',
      errors: [['lint-config-weakened', 'high', undefined, undefined]],
      messages: ['Shared config the Biome linter (`linter.enabled`) no longer used'],
    },
    { name: 'a first biome.json at the root loosens nothing', path: 'biome.json', old: null, new: BIOME, errors: [] },
  ])
})

describe('oxlint config (.oxlintrc.json)', () => {
  table([
    {
      name: 'a rule downgraded, a category turned off, an ignore pattern added',
      path: '.oxlintrc.json',
      old: '{ "rules": { "no-debugger": "error" }, "ignorePatterns": ["dist"] }\n',
      new: lines('{', '  "categories": { "correctness": "off" },', '  "rules": { "no-debugger": "warn" },', '  "ignorePatterns": ["dist", "src/**"]', '}'),
      errors: [
        ['lint-config-weakened', 'high', 2, 19],
        ['lint-config-weakened', 'high', 3, 14],
        ['lint-config-weakened', 'high', 4, 3],
      ],
      messages: [
        'oxlint rule category correctness turned off in a new entry (.oxlintrc.json).',
        'oxlint rule no-debugger downgraded from error to warn (.oxlintrc.json).',
        '"src/**" added to the oxlint ignores: oxlint no longer checks the files it matches (.oxlintrc.json).',
      ],
    },
  ])
})

describe('lintConfigKind', () => {
  it.each([
    ['eslint.config.ts', 'eslint-flat'],
    ['.eslintrc', 'eslintrc'],
    ['.eslintrc.yaml', 'eslintrc'],
    ['.eslintignore', 'eslintignore'],
    ['biome.json', 'biome'],
    ['packages/a/biome.jsonc', 'biome'],
    ['.oxlintrc.json', 'oxlint'],
    ['tsconfig.base.json', 'tsconfig'],
    ['tsconfig-build.json', 'tsconfig'],
    ['src/tsconfig.ts', undefined],
    ['node_modules/x/tsconfig.json', undefined],
  ])('%s → %s', (path, kind) => {
    expect(lintConfigKind(path)).toBe(kind)
  })
})
