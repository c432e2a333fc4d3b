import { describe, expect, it } from "vitest";
import { applyConditionals } from "../../providers/core/resource/conditional";
import { type ConditionalGroup, REQUIRED } from "../../providers/core/resource/spec";

/** Runs the conditional groups over a copy of the inputs: the completed inputs and the failures. */
function run(groups: ConditionalGroup[], inputs: Record<string, unknown>) {
  const out = { ...inputs };
  const failures: [string, string][] = [];
  applyConditionals(groups, out, (p, r) => failures.push([p, r]));
  return { out, failures };
}

describe("conditional groups on an enum flag (a value, or one of several values, makes the group apply)", () => {
  const groups: ConditionalGroup[] = [
    { flag: "version", activeWhen: "v3", defaults: { username: REQUIRED, level: "auth" } },
    { flag: "mode", activeWhen: ["send", "poll"], defaults: { address: REQUIRED, port: 161 } },
  ];

  it("completes the members while the flag has the value, and requires those without a default", () => {
    expect(run(groups, { version: "v3", username: "u", mode: "poll", address: "10.0.0.1" })).toEqual({
      out: { version: "v3", username: "u", level: "auth", mode: "poll", address: "10.0.0.1", port: 161 },
      failures: [],
    });
    expect(run(groups, { version: "v3", mode: "send" }).failures).toEqual([
      ["username", "is required while version is v3"],
      ["address", "is required while mode is send or poll"],
    ]);
  });

  it("refuses a member while the flag has another value, naming the values that make it apply", () => {
    expect(run(groups, { version: "v2", username: "u", mode: "provide", port: 162 }).failures).toEqual([
      ["username", "has no effect while version is v2; set version: v3 to use it"],
      ["port", "has no effect while mode is provide; set mode: send or poll to use it"],
    ]);
    expect(run(groups, { version: "v2", mode: "provide" })).toEqual({
      out: { version: "v2", mode: "provide" },
      failures: [],
    });
  });

  it("implies a single-valued flag from a member, and requires a flag with several values", () => {
    expect(run(groups, { username: "u" }).out).toMatchObject({ version: "v3", level: "auth" });
    expect(run(groups, { port: 10161 }).failures).toEqual([
      ["mode", "is required when port is set (they apply while mode is send or poll)"],
    ]);
  });

  it("keeps the boolean flags' behaviour: a member implies the flag, the other value refuses it", () => {
    const flag: ConditionalGroup[] = [{ flag: "inherit", activeWhen: false, defaults: { delay: 0 } }];
    expect(run(flag, { delay: 30 }).out).toEqual({ inherit: false, delay: 30 });
    expect(run(flag, { inherit: true, delay: 30 }).failures).toEqual([
      ["delay", "has no effect while inherit is true; set inherit: false to use it"],
    ]);
  });
});
