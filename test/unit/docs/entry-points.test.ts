// package.json entry fields -> (target, entry) pairs: the entry a public path is named by.
import { describe, expect, it } from 'vitest'
import { entryTargets } from '../../../src/docs/entry-points.js'

describe('entryTargets', () => {
  it.each([
    ['string exports', { exports: './dist/index.mjs' }, [{ target: './dist/index.mjs', entry: '.' }]],
    [
      'conditions-only exports',
      { exports: { import: { types: './dist/a.d.mts', default: './dist/a.mjs' }, require: './lib/a.cjs' } },
      [
        { target: './dist/a.d.mts', entry: '.' },
        { target: './dist/a.mjs', entry: '.' },
        { target: './lib/a.cjs', entry: '.' },
      ],
    ],
    [
      'subpaths, patterns and package.json left out, a target listed once',
      {
        exports: {
          '.': './dist/index.mjs',
          './utils': { import: './dist/utils.mjs' },
          './locales/*': './dist/locales/*.mjs',
          './package.json': './package.json',
        },
        module: './dist/index.mjs',
      },
      [
        { target: './dist/index.mjs', entry: '.' },
        { target: './dist/utils.mjs', entry: './utils' },
      ],
    ],
    [
      'main, typings and bin by name',
      { main: './index.js', typings: './index.d.ts', bin: { tool: './bin/tool.js' } },
      [
        { target: './index.js', entry: 'main' },
        { target: './index.d.ts', entry: 'types' },
        { target: './bin/tool.js', entry: 'bin tool' },
      ],
    ],
    [
      'a string bin; without exports or main, Node resolves the package to index.js',
      { bin: './cli.js' },
      [
        { target: './index.js', entry: 'main (index.js by default)', implicit: true },
        { target: './cli.js', entry: 'bin' },
      ],
    ],
    [
      "express: no entry field at all (require('express') loads index.js)",
      { name: 'express', files: ['index.js', 'lib/'] },
      [{ target: './index.js', entry: 'main (index.js by default)', implicit: true }],
    ],
  ])('%s', (_name, manifest, expected) => {
    expect(entryTargets(manifest)).toEqual(expected)
  })
})
