import * as fs from "node:fs";
import { expect } from "vitest";
import type { Engine } from "../engine";
import { plaintextSecrets } from "../secrets";

/**
 * The contracts every state file must meet: no secret of the suite (or any of `extra`) in plaintext, and a
 * `__provider` that is a plain string (a secret envelope would mean a captured secret) of at most 2 KB.
 */
export function expectCleanState(engine: Engine, extra: string[] = []): string {
  const text = fs.readFileSync(engine.statePath, "utf8");
  expect(plaintextSecrets(text)).toEqual([]);
  expect(extra.filter((s) => text.includes(s))).toEqual([]);
  for (const r of engine.readState()!.deployment.resources ?? []) {
    const provider = (r.inputs as Record<string, unknown> | undefined)?.__provider;
    expect(typeof provider === "string" || provider === undefined).toBe(true);
    if (typeof provider === "string") expect(Buffer.byteLength(provider)).toBeLessThanOrEqual(2048);
  }
  return text;
}
