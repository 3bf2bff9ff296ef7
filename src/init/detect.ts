// What `proofgate init` finds in a repository: package manager, test runner (the tests gate's own
// detection), linters, TypeScript and the hook manager (install's own locate). Reads only.
import { existsSync } from 'node:fs'
import { relative, sep } from 'node:path'
import { detectRunner, readPackageInfo, type Detection, type PackageInfo } from '../gates/tests/detect.js'
import { locate } from '../hooks/install/locate.js'
import type { HookManager } from '../hooks/install/types.js'
import { join } from 'node:path'

/** The package managers init writes an install step for. */
export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'yarn-classic' | 'bun'

/** One detected tool and the file or field that told. */
export interface Found<T extends string> {
  name: T
  /** What decided it: `package-lock.json`, `packageManager field`, `eslint.config.js`… */
  source: string
}

export type LinterName = 'eslint-flat' | 'eslintrc' | 'biome' | 'oxlint'

/** Everything {@link detectSetup} found. */
export interface Setup {
  /** The repository root (absolute). */
  root: string
  /** `field`: package.json's `packageManager` named it (pnpm/action-setup reads its version there). */
  packageManager: Found<PackageManagerName> & { lockfile: boolean; field: boolean }
  runner: Detection | null
  /** Every linter config found, in the order ESLint flat, eslintrc, Biome, oxlint. */
  linters: Array<Found<LinterName>>
  /** `tsconfig.json` at the root. */
  typescript: boolean
  hooks: { manager: HookManager; target: string }
  /** proofgate is in package.json's dependencies or devDependencies. */
  proofgateInstalled: boolean
  /** Things worth saying that stopped no detection (a package.json that does not parse). */
  notes: string[]
}

type Manifest = PackageInfo & { packageManager?: unknown; eslintConfig?: unknown }

const LOCKFILES: Array<[string, PackageManagerName]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
]

/** yarn 2+ ("berry") writes `.yarnrc.yml`; yarn 1 does not, and takes other install flags. */
function yarnFlavour(root: string, version: string | undefined): PackageManagerName {
  if (version !== undefined) return /^1\./.test(version) ? 'yarn-classic' : 'yarn'
  return existsSync(join(root, '.yarnrc.yml')) ? 'yarn' : 'yarn-classic'
}

function detectPackageManager(root: string, pkg: Manifest): Setup['packageManager'] {
  const lock = LOCKFILES.find(([file]) => existsSync(join(root, file)))
  // Corepack's field names the manager and its version: `pnpm@9.1.0`.
  const field = typeof pkg.packageManager === 'string' ? /^(npm|pnpm|yarn|bun)@([^\s+]+)/.exec(pkg.packageManager) : null
  if (field !== null) {
    const name = field[1] === 'yarn' ? yarnFlavour(root, field[2]) : (field[1] as PackageManagerName)
    return { name, source: `packageManager ${pkg.packageManager as string}`, lockfile: lock !== undefined, field: true }
  }
  if (lock !== undefined) return { name: lock[1] === 'yarn' ? yarnFlavour(root, undefined) : lock[1], source: lock[0], lockfile: true, field: false }
  return { name: 'npm', source: 'no lockfile; npm assumed', lockfile: false, field: false }
}

const ESLINT_FLAT = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts']
const ESLINTRC = ['.eslintrc.js', '.eslintrc.cjs', '.eslintrc.yaml', '.eslintrc.yml', '.eslintrc.json', '.eslintrc']

function detectLinters(root: string, pkg: Manifest): Array<Found<LinterName>> {
  const found: Array<Found<LinterName>> = []
  const first = (names: readonly string[]): string | undefined => names.find((name) => existsSync(join(root, name)))
  const flat = first(ESLINT_FLAT)
  if (flat !== undefined) found.push({ name: 'eslint-flat', source: flat })
  const rc = first(ESLINTRC) ?? (pkg.eslintConfig !== undefined ? 'package.json "eslintConfig"' : undefined)
  if (rc !== undefined) found.push({ name: 'eslintrc', source: rc })
  const biome = first(['biome.json', 'biome.jsonc'])
  if (biome !== undefined) found.push({ name: 'biome', source: biome })
  const oxlint = first(['.oxlintrc.json'])
  if (oxlint !== undefined) found.push({ name: 'oxlint', source: oxlint })
  return found
}

function hasDependency(pkg: PackageInfo, name: string): boolean {
  return [pkg.dependencies, pkg.devDependencies].some((deps) => deps !== undefined && deps !== null && typeof deps === 'object' && name in deps)
}

/**
 * Detects the setup of the repository around `cwd` (anywhere in a work tree).
 * @throws ProofgateError PG_NOT_A_GIT_REPO (from install's locate), PG_HOOK_CONFLICT for a lefthook
 *   config in TOML or JSON (proofgate edits only YAML ones).
 */
export async function detectSetup(cwd: string): Promise<Setup> {
  const located = await locate(cwd)
  const root = located.repo.root
  const notes: string[] = []
  let pkg: Manifest = {}
  try {
    pkg = readPackageInfo(root) as Manifest
  } catch (error) {
    notes.push(`${(error as Error).message}; detection went on without it`)
  }
  let runner: Detection | null = null
  try {
    runner = detectRunner(root, pkg)
  } catch (error) {
    notes.push(`test runner: ${(error as Error).message}`)
  }
  const { location } = located
  const target = location.manager === 'lefthook' ? location.file : location.dir
  const shown = relative(root, target).split(sep).join('/')
  return {
    root,
    packageManager: detectPackageManager(root, pkg),
    runner,
    linters: detectLinters(root, pkg),
    typescript: existsSync(join(root, 'tsconfig.json')),
    hooks: { manager: location.manager, target: shown.startsWith('..') || shown === '' ? target : shown },
    proofgateInstalled: hasDependency(pkg, 'proofgate'),
    notes,
  }
}
