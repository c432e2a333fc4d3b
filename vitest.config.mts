import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/cli-e2e/**", "**/node_modules/**"], // the real-CLI suite: npm run test:cli
    pool: "forks",
    // Files share a worker process: the providers, zod and the SDK are imported once per worker, not once per file
    // (that import was most of the suite's time). What the runtime keeps per process is reset after each file
    // (test/support/process-state.setup.ts); a file that needs a fresh process starts one (the engine tests do).
    isolate: false,
    // Most time is spent waiting on child processes (engine, plugin) and emulators: two workers on two cores.
    maxWorkers: 2,
    // Hang guards, not speed limits: a test takes what the machine gives it (a loaded 2-core machine runs the
    // engine tests several times slower), and the engine's own deadlines (plugin start-up, each RPC) count
    // fair-share time and fail a hang far sooner. No test asserts a duration.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Kills what an operation that outlived its test left running, after each file (test/engine/reap.setup.ts).
    setupFiles: [
      "test/support/process-state.setup.ts",
      "test/engine/reap.setup.ts",
      "test/support/request-log.setup.ts",
      "test/support/journal.setup.ts",
    ],
    reporters: ["default"],
  },
});
