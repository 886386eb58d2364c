import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30000,
    hookTimeout: 30000,
    // CLI tests spawn the real binary; two cores here.
    pool: 'forks',
  },
});
