// Builds dist/ with esbuild: the CLI bin (dist/cli.js, tiny, loads its chunks lazily) and the
// Action (dist/index.js, run by action.yml with no node_modules: everything it needs is bundled,
// TypeScript included as a chunk loaded only when a gate parses a test file), and the ESLint worker
// (dist/eslint-worker.js, started as its own process; the gate finds it next to the bundle).
// dist/ is committed; CI rebuilds it and fails when it differs (the Action convention).
import { build } from 'esbuild'
import { readFileSync, rmSync } from 'node:fs'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true })

await build({
  entryPoints: { cli: 'src/cli/bin.ts', index: 'src/index.ts', 'eslint-worker': 'src/gates/static-analysis/eslint-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  // The target repository's own ESLint is loaded from that repository at run time.
  external: ['eslint'],
  define: { __PROOFGATE_VERSION__: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies call require() for Node built-ins and read __filename
  // (write-file-atomic hashes it into temp names).
  banner: {
    js: [
      "import { createRequire as __pgCreateRequire } from 'node:module';",
      "import { fileURLToPath as __pgFileURLToPath } from 'node:url';",
      "import { dirname as __pgDirname } from 'node:path';",
      'const require = __pgCreateRequire(import.meta.url);',
      'const __filename = __pgFileURLToPath(import.meta.url);',
      'const __dirname = __pgDirname(__filename);',
    ].join(' '),
  },
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
  minifySyntax: true,
})
