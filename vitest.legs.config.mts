import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";
import cli from "./vitest.cli.config.mts";
import main from "./vitest.config.mts";

/**
 * A Node leg (scripts/node-legs.sh, `npm run test:node22` / `test:node24`): in one run, the test-engine suite exactly
 * as `npm test` runs it (vitest.config.mts), and the new-user and packed-package tests of the real-CLI suite
 * (vitest.cli.config.mts), on the leg's Node and @pulumi/pulumi. The versions the leg asked for are checked here, in the process that runs the tests
 * (its workers are forks of this Node).
 */
const asked = { node: process.env.FACILITY_LEG_NODE, sdk: process.env.FACILITY_LEG_SDK };
if (!asked.node || !asked.sdk) throw new Error("vitest.legs.config.mts runs from scripts/node-legs.sh");
const sdk: string = createRequire(import.meta.url)("@pulumi/pulumi/package.json").version;
if (process.version !== asked.node || sdk !== asked.sdk)
  throw new Error(
    `leg asked for Node ${asked.node} with @pulumi/pulumi ${asked.sdk}, runs ${process.version} with ${sdk}`,
  );

const { reporters: _r1, ...engineSuite } = main.test ?? {};
const { reporters: _r2, include: _i, ...cliSuite } = cli.test ?? {};

export default defineConfig({
  test: {
    maxWorkers: 2,
    reporters: ["default"],
    projects: [
      { test: { ...engineSuite, name: `test engine, node ${asked.node}, sdk ${sdk}` } },
      {
        test: {
          ...cliSuite,
          name: `new user on the real CLI, node ${asked.node}, sdk ${sdk}`,
          include: ["test/cli-e2e/new-user.test.ts", "test/cli-e2e/package.test.ts"],
        },
      },
    ],
  },
});
