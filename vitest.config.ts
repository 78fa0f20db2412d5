import { defineConfig } from 'vitest/config';

/**
 * Test files that share the machine's network or a browser: live captures on lo and in network
 * namespaces (they count the packets they see), the live-capture load test, and Chromium end to
 * end. They run one at a time, after the others, which run two at a time (one per core: most are
 * CPU-bound comparisons over the corpus).
 */
const SEQUENTIAL = ['test/electron/capture/**/*.test.ts', 'test/electron/engine/live.test.ts', 'test/e2e/**/*.test.ts'];

const shared = {
  testTimeout: 60_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      { test: { ...shared, name: 'parallel', include: ['test/**/*.test.ts'], exclude: SEQUENTIAL, sequence: { groupOrder: 0 } } },
      { test: { ...shared, name: 'sequential', include: SEQUENTIAL, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
