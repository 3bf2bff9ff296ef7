import { readFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }

// Two projects: `unit` (test/unit: no processes, no git, no build; seconds) and `e2e`
// (test/integration: the CLI, the Action and hooks against real temp repositories, spawning git,
// ESLint, tsc and test runners). `npm test` runs both; `npm run test:unit` only the first.
export default defineConfig({
  // The version the bundle gets (scripts/build.mjs): the CLI driven in-process prints what users see.
  define: { __PROOFGATE_VERSION__: JSON.stringify(pkg.version) },
  test: {
    pool: 'forks',
    // Integration tests spawn git, ESLint, tsc and vitest in temp repositories; both projects inherit these.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      // isolate: false — unit files share one module graph per worker (TypeScript and the analysers load
      // once, not 61 times): 40 s → 9 s on 2 cores. Unit tests hold no module state (no vi.mock, no env writes).
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], setupFiles: ['test/helpers/no-processes.ts'], isolate: false },
      },
      { extends: true, test: { name: 'e2e', include: ['test/integration/**/*.test.ts'] } },
    ],
  },
})
