// The compiler options a tsconfig inherits through `extends`, read from an in-memory tree: strings,
// arrays, names without .json, nested chains, cycles and packages that cannot be read.
import { beforeAll, describe, expect, it } from 'vitest'
import { inheritedCompilerOptions } from '../../../src/integrity/tsconfig-extends.js'
import { loadTypeScript, type TypeScript } from '../../../src/testing/typescript.js'

let ts: TypeScript
beforeAll(async () => {
  ts = await loadTypeScript()
})

const json = (value: unknown): string => JSON.stringify(value)

async function resolve(path: string, tree: Record<string, unknown>): Promise<unknown> {
  const read = (p: string): Promise<string | null> => Promise.resolve(p in tree ? json(tree[p]) : null)
  return inheritedCompilerOptions(ts, path, json(tree[path]), read)
}

describe('inheritedCompilerOptions', () => {
  it('a relative string: the parent options, each with the file it comes from', async () => {
    expect(
      await resolve('packages/a/tsconfig.json', {
        'tsconfig.json': { compilerOptions: { strict: true } },
        'packages/a/tsconfig.json': { extends: '../../tsconfig.json', compilerOptions: { outDir: 'dist' } },
      }),
    ).toEqual({ options: { strict: true }, from: { strict: 'tsconfig.json' }, unread: [] })
  })

  it('an array, later entries winning; a name without .json; a nested chain', async () => {
    expect(
      await resolve('a/tsconfig.json', {
        'base.json': { compilerOptions: { strict: false, checkJs: true } },
        'strict.json': { extends: './base', compilerOptions: { strict: true } },
        'a/tsconfig.json': { extends: ['../base', '../strict'] },
      }),
    ).toEqual({ options: { strict: true, checkJs: true }, from: { strict: 'strict.json', checkJs: 'base.json' }, unread: [] })
  })

  it('a package, a missing file, an absolute path and a cycle are unread', async () => {
    expect(
      await resolve('tsconfig.json', {
        'tsconfig.json': { extends: ['@tsconfig/strictest', './missing.json', '/etc/tsconfig.json', './loop.json'] },
        'loop.json': { extends: './tsconfig.json', compilerOptions: { noUnusedLocals: true } },
      }),
    ).toEqual({
      options: { noUnusedLocals: true },
      from: { noUnusedLocals: 'loop.json' },
      unread: ['@tsconfig/strictest', './missing.json', '/etc/tsconfig.json', './tsconfig.json'],
    })
  })

  it('a path above the repository root is unread', async () => {
    expect(await resolve('tsconfig.json', { 'tsconfig.json': { extends: '../outside/tsconfig.json' } })).toEqual({
      options: {},
      from: {},
      unread: ['../outside/tsconfig.json'],
    })
  })
})
