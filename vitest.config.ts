import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests spawn git, ESLint, tsc and vitest in temp repositories.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
