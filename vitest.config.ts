import { defineConfig } from 'vitest/config';

/**
 * Three groups, one after the other:
 *   - most files, two at a time (one per core: most are CPU-bound comparisons over the corpus);
 *   - Chromium end to end on files (each its own server and browser), two at a time, after the
 *     CPU-bound files so that their waits do not compete with them;
 *   - files that share the machine's network: live captures on lo and in network namespaces
 *     (they count the packets they see), the live-capture load test, and the app capturing live;
 *     one at a time, with nothing else running (a browser talking to its server is traffic on lo).
 */
const LIVE = ['test/electron/capture/**/*.test.ts', 'test/electron/engine/live.test.ts', 'test/e2e/live-capture.test.ts'];
const BROWSER = ['test/e2e/**/*.test.ts'];

const shared = {
  testTimeout: 60_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    maxWorkers: 2,
    // tshark answers from records (test/tshark-oracle): the same oracle, without its start-up cost.
    globalSetup: ['test/tshark-oracle/global-setup.ts'],
    projects: [
      { test: { ...shared, name: 'parallel', include: ['test/**/*.test.ts'], exclude: [...LIVE, ...BROWSER], sequence: { groupOrder: 0 } } },
      { test: { ...shared, name: 'browser', include: BROWSER, exclude: LIVE, sequence: { groupOrder: 1 } } },
      { test: { ...shared, name: 'live', include: LIVE, fileParallelism: false, sequence: { groupOrder: 2 } } },
    ],
  },
});
