import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests (test/browser) set their own, longer timeouts for starting Chromium.
    testTimeout: 10_000,
  },
});
