import { defineConfig } from 'vitest/config'

// One run over every package and the cross-package tests in test/. The packaging
// tests are a project of their own: only they build and pack the packages first.
const jsonReport = process.env.VITEST_JSON_REPORT

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'workspace',
          include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/fixtures/**', 'test/packaging/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'packaging',
          include: ['test/packaging/**/*.test.ts'],
          globalSetup: ['test/packaging/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
})
