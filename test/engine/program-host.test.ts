/**
 * The program host's resource monitor answers what current SDKs ask it: @pulumi/pulumi 3.276 calls
 * getDeploymentInfo for the monitor's features before the first resource (older SDKs probe supportsFeature).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TestEngine } from "./index";

const root = path.resolve(__dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-host-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Asks the monitor the way the SDK's awaitFeatureSupport does and returns the answer as stack outputs.
const program = `"use strict";
const { createRequire } = require("node:module");
const pulumi = require("@pulumi/pulumi");
const sdk = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const { Empty } = sdk("google-protobuf/google/protobuf/empty_pb");
const { ResourceMonitorFeature } = sdk("./proto/resource_pb");
const names = Object.fromEntries(Object.entries(ResourceMonitorFeature).map(([k, v]) => [v, k]));
module.exports = async () => {
  const monitor = pulumi.runtime.getMonitor();
  const info = await new Promise((resolve, reject) => monitor.getDeploymentInfo(new Empty(), (err, resp) => (err ? reject(err) : resolve(resp))));
  return { project: info.getProject(), stack: info.getStack(), dryRun: info.getDryrun(), features: info.getSupportedfeaturesList().map((f) => names[f]).sort() };
};
`;

describe("program host monitor", () => {
  it("answers getDeploymentInfo with the project, stack, run kind and the features it supports", async () => {
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(path.join(root, "node_modules", "@pulumi"), path.join(dir, "node_modules", "@pulumi"), "dir");
    fs.writeFileSync(path.join(dir, "index.js"), program);
    const r = await new TestEngine({ dir, program: "index.js", project: "monitor", stack: "dev" }).up();
    expect(r.errors).toEqual([]);
    expect(r.outputs).toEqual({
      project: "monitor",
      stack: "dev",
      dryRun: false,
      features: [
        "RESOURCE_MONITOR_FEATURE_ALIAS_SPECS",
        "RESOURCE_MONITOR_FEATURE_DELETED_WITH",
        "RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES",
        "RESOURCE_MONITOR_FEATURE_SECRETS",
      ],
    });
  });
});
