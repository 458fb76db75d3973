import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // Both cores (Vitest's default leaves one free): many files wait on child processes.
    maxWorkers: 2,
  },
});
