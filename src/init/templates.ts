// The text `proofgate init` writes: a commented .proofgate.yml stating the detected setup, the
// workflow for the Action with the detected package manager's install step, and the .gitignore
// lines for .proofgate/. Pure functions of a Setup, so a second run produces the same bytes.
import { INSTALL_PROOFGATE } from '../hooks/install/types.js'
import { COMMITTED_STATE_FILES, STATE_DIR_NAME } from '../util/state.js'
import { VERSION } from '../version.js'
import type { LinterName, PackageManagerName, Setup } from './detect.js'

/** What a package manager installs proofgate from today (it is not on the npm registry yet): its git tag. */
export const PROOFGATE_SPEC = INSTALL_PROOFGATE.replace(/^npm install -D /, '')

const LINTER_LABEL: Record<LinterName, string> = {
  'eslint-flat': 'ESLint, flat config',
  eslintrc: 'ESLint, eslintrc',
  biome: 'Biome',
  oxlint: 'oxlint',
}

const HOOK_LABEL = { husky: 'husky', lefthook: 'lefthook', 'hooks-path': 'core.hooksPath', git: 'git hooks directory' } as const

/** The detected setup as `label  value (source)` lines, for the config's comments and init's output. */
export function describeSetup(setup: Setup): Array<[string, string]> {
  const pm = setup.packageManager
  return [
    ['package manager', `${pm.name === 'yarn-classic' ? 'yarn 1' : pm.name} (${pm.source})`],
    ['test runner', setup.runner === null ? 'none found (the tests gate skips)' : `${setup.runner.runner} (${setup.runner.source})`],
    ['linter', setup.linters.length === 0 ? 'none found' : setup.linters.map((l) => `${LINTER_LABEL[l.name]} (${l.source})`).join(', ')],
    ['TypeScript', setup.typescript ? 'tsconfig.json (static-analysis runs tsc)' : 'no tsconfig.json'],
    ['git hooks', `${HOOK_LABEL[setup.hooks.manager]} (${setup.hooks.target})`],
  ]
}

/** The commented `.proofgate.yml`: only keys the schema accepts, each at its default, the setup in comments. */
export function renderConfig(setup: Setup): string {
  const detected = describeSetup(setup).map(([label, value]) => `#   ${`${label}:`.padEnd(17)}${value}`)
  return [
    `# proofgate configuration, written by \`proofgate init\` (proofgate ${VERSION}).`,
    '# Every key is optional and shown at its default; `npx proofgate config print` shows all of them,',
    "# docs/configuration.md explains each. The base branch's copy of this file is the one that applies",
    "# to a change: loosening it in a pull request needs a reviewer's approval.",
    '# yaml-language-server: $schema=node_modules/proofgate/schema/proofgate.schema.json',
    '#',
    '# Detected by proofgate init:',
    ...detected,
    '',
    '# Which findings count: those on the lines a change adds (pre-existing ones only inform).',
    'filter-mode: added',
    '',
    'gates:',
    "  # The repository's own linter and TypeScript, on the changed files.",
    '  static-analysis:',
    '    mode: blocking',
    `  # The test suite, run with the detected runner (${setup.runner === null ? 'none found' : setup.runner.runner}); auto keeps detecting.`,
    '  tests:',
    '    mode: blocking',
    '    runner: auto',
    '  # Opt in to line coverage of the added lines.',
    '  coverage:',
    '    mode: off',
    '',
    '# Commands that must exit 0 on the tree under test, e.g.:',
    '# proof:',
    `#   - { name: build, run: ${runScript(setup.packageManager.name)} build, timeout: 300 }`,
    'proof: []',
    '',
    'hooks:',
    '  pre-push:',
    '    tags: false',
    '',
  ].join('\n')
}

function runScript(pm: PackageManagerName): string {
  return pm === 'npm' ? 'npm run' : pm === 'yarn-classic' ? 'yarn' : pm
}

/** The workflow steps that set up the package manager and install the dependencies (frozen lockfile when there is one). */
function installSteps(setup: Setup): string[] {
  const node = ['      - uses: actions/setup-node@v5', '        with: { node-version: 24 }']
  const { name, lockfile, field } = setup.packageManager
  switch (name) {
    case 'pnpm':
      return [
        '      - uses: pnpm/action-setup@v4',
        // Without a packageManager field the action needs the version; 10 is an assumption to check.
        ...(field ? [] : ['        with: { version: 10 }   # or set "packageManager" in package.json']),
        ...node,
        `      - run: pnpm install${lockfile ? ' --frozen-lockfile' : ''}`,
      ]
    case 'yarn':
      return [...node, '      - run: corepack enable', `      - run: yarn install${lockfile ? ' --immutable' : ''}`]
    case 'yarn-classic':
      return [...node, `      - run: yarn install${lockfile ? ' --frozen-lockfile' : ''}`]
    case 'bun':
      return [...node, '      - uses: oven-sh/setup-bun@v2', `      - run: bun install${lockfile ? ' --frozen-lockfile' : ''}`]
    case 'npm':
      return [...node, `      - run: ${lockfile ? 'npm ci' : 'npm install'}`]
  }
}

/** `.github/workflows/proofgate.yml`: the README's workflow with the detected install step. */
export function renderWorkflow(setup: Setup): string {
  return [
    `# Written by \`proofgate init\` (proofgate ${VERSION}); docs/action.md has every input and output.`,
    'name: proofgate',
    'on: pull_request',
    'permissions:',
    '  contents: read',
    '  checks: write          # the check run',
    '  pull-requests: write   # the sticky comment, and reading reviews (approvals)',
    'jobs:',
    '  proofgate:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '        with:',
    '          fetch-depth: 0   # the whole history: the base and the merge-base are there',
    "      # The repository's own linter and test runner come from its dependencies.",
    ...installSteps(setup),
    '      - uses: proofgate/proofgate@v0',
    '        id: proofgate',
    '',
  ].join('\n')
}

/** The root `.gitignore` lines: proofgate's run state is never committed; waivers and the like are. */
export const GITIGNORE_LINES: readonly string[] = [
  `${STATE_DIR_NAME}/*`,
  // `.proofgate/*` ignores `.proofgate/checklist/` itself: re-including the directory brings its held-out.json back.
  ...COMMITTED_STATE_FILES.map((name) => (name.includes('/') ? `!${STATE_DIR_NAME}/${name.slice(0, name.indexOf('/'))}/` : `!${STATE_DIR_NAME}/${name}`)),
]
export const GITIGNORE_HEADER = '# proofgate: run state is never committed; waivers, checklist and counter-evidence are'

/** The command that adds proofgate to devDependencies with `pm`. */
export function addCommand(pm: PackageManagerName): string {
  switch (pm) {
    case 'pnpm':
      return `pnpm add -D ${PROOFGATE_SPEC}`
    case 'yarn':
    case 'yarn-classic':
      return `yarn add -D ${PROOFGATE_SPEC}`
    case 'bun':
      return `bun add -d ${PROOFGATE_SPEC}`
    case 'npm':
      return `npm install -D ${PROOFGATE_SPEC}`
  }
}
