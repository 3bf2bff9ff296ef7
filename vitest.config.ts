import { defineConfig } from 'vitest/config'

// Two projects: `unit` (test/unit: no processes, no git, no build; seconds) and `e2e`
// (test/integration: the CLI, the Action and hooks against real temp repositories, spawning git,
// ESLint, tsc and test runners). `npm test` runs both; `npm run test:unit` only the first.
export default defineConfig({
  test: {
    pool: 'forks',
    // Integration tests spawn git, ESLint, tsc and vitest in temp repositories; both projects inherit these.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], setupFiles: ['test/helpers/no-processes.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/integration/**/*.test.ts'] } },
    ],
  },
})
