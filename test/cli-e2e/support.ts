/** Shared parts of the real-CLI suite: a CLI engine per example, the CLI's printed output, and request counts. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "vitest";
import { CliEngine, type ConfigValue } from "../engine";
import type { CliResult } from "../engine/cli";
import { plaintextSecrets } from "../secrets";

export const ROOT = path.resolve(__dirname, "../..");

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function exampleEngine(o: {
  example: string;
  project: string;
  stack?: string;
  tmp: string;
  config: Record<string, ConfigValue>;
  env?: Record<string, string>;
}): CliEngine {
  const stack = o.stack ?? "dev";
  return new CliEngine({
    dir: path.join(ROOT, "examples", o.example),
    program: "index.ts",
    project: o.project,
    stack,
    statePath: path.join(o.tmp, `${stack}.json`),
    config: o.config,
    env: o.env,
  });
}

/** Everything the CLI printed, checked for plaintext secrets. */
export function printed(r: CliResult): string {
  const text = r.stdout + r.stderr;
  expect(plaintextSecrets(text)).toEqual([]);
  return text;
}

/** The command succeeded; on failure the assertion shows what the CLI printed. */
export function ok(r: CliResult): string {
  const text = printed(r);
  expect(r.code, text.slice(-4000)).toBe(0);
  return text;
}

/** `__provider` of every dynamic resource in a real `pulumi stack export`: a plain string of at most 2 KB. */
export function providerSizes(exported: string): number[] {
  const doc = JSON.parse(exported) as { deployment: { resources?: { inputs?: Record<string, unknown> }[] } };
  const sizes: number[] = [];
  for (const r of doc.deployment.resources ?? []) {
    const p = r.inputs?.__provider;
    if (p === undefined) continue;
    expect(typeof p).toBe("string");
    sizes.push(Buffer.byteLength(p as string));
  }
  return sizes;
}
