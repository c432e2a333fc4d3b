import { defineConfig } from "vitest/config";

/**
 * `npm run test:cli`: the end-to-end suite on the real Pulumi CLI (FACILITY_ENGINE=cli), built by
 * `npm run pulumi:install`. The same test/e2e files as `npm test` runs on the test engine, plus test/cli-e2e,
 * which needs what only the CLI has (exit codes, --expect-no-changes, --target, config set --secret, npm pack).
 */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts", "test/cli-e2e/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 2,
    env: { FACILITY_ENGINE: "cli" },
    setupFiles: ["test/support/journal.setup.ts"],
    // One CLI command starts Go, the language host, ts-node and the plugin: deadlines with headroom for a loaded machine.
    testTimeout: 900_000,
    hookTimeout: 600_000,
    reporters: ["default"],
  },
});
