import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      // Renderer logic with a screen: React components in a DOM (happy-dom) with Testing Library.
      { extends: true, test: { name: 'component', include: ['test/component/**/*.test.tsx'], environment: 'happy-dom', setupFiles: ['test/component/setup.ts'] } },
    ],
  },
});
