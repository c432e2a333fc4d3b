import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/cli-e2e/**", "**/node_modules/**"], // the real-CLI suite: npm run test:cli
    pool: "forks",
    // Most time is spent waiting on child processes (engine, plugin) and emulators: two workers on two cores.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
