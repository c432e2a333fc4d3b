import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AccessSettings } from "../../providers/kentix";
import { ACCESS_SETTINGS_DEFAULTS } from "../emulators/kentix";
import {
  calls,
  createChecked,
  expectNoOpUp,
  failingProperties,
  failure,
  lifecycleOf,
  refreshDiff,
  unchecked,
  updateChecked,
  useKentix,
} from "./support";

const kentix = useKentix();
const kind = AccessSettings;
const lc = () => lifecycleOf(kind);
const declared = () => ({
  connection: kentix.connection,
  pinLength: 6,
  memoryDepth: 90,
  rfidMode: "customToken" as const,
});

describe("kentix.AccessSettings lifecycle (a singleton)", () => {
  it("reads the settings, keeps the values they had, and writes the declared ones that differ, numbers as strings", async () => {
    const { id, outs } = await createChecked(kind, { ...declared(), busProtocol: "v1" });
    expect(id).toBe("access");
    expect(calls(kentix.emu)).toEqual([
      "GET /api/accesssettings",
      { "PATCH /api/accesssettings": { pinlength: "6", memorydepth: "90", mode: 2 } },
    ]);
    expect(kentix.emu.setting("accesssettings")).toEqual({
      ...ACCESS_SETTINGS_DEFAULTS,
      pinlength: 6,
      memorydepth: 90,
      mode: 2,
    });
    expect(outs).toMatchObject({
      pinLength: 6,
      memoryDepth: 90,
      rfidMode: "customToken",
      busProtocol: "v1",
      restoreValues: { pinLength: 4, memoryDepth: 1, rfidMode: "kentixToken", busProtocol: "v1" },
    });
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(kind, { ...declared(), externalEvaluation: false, busProtocol: "v2" }, kentix.emu));

  it("writes one changed field with one PATCH and leaves the fields it does not declare", async () => {
    const { id, outs } = await createChecked(kind, declared());
    kentix.emu.editSetting("accesssettings", { bus_protocol: "v2" }); // not declared: never drift, never written
    kentix.emu.clearRequests();
    await updateChecked(kind, id, outs, { ...declared(), pinLength: 8 });
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/accesssettings": { pinlength: "8" } }]);
    expect(kentix.emu.setting("accesssettings")).toMatchObject({ pinlength: 8, memorydepth: 90, bus_protocol: "v2" });
  });

  it("refresh shows a declared setting changed out of band (external evaluation read as 0/1)", async () => {
    const { id, outs } = await createChecked(kind, { ...declared(), externalEvaluation: false });
    kentix.emu.editSetting("accesssettings", { external_evaluation: true, memorydepth: 0, bus_protocol: "v2" });
    const { inputs, diff } = await refreshDiff(kind, id, outs);
    expect(inputs).toMatchObject({ externalEvaluation: true, memoryDepth: 0, pinLength: 6 });
    expect(inputs).not.toHaveProperty("busProtocol");
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
  });

  it("destroy retains the settings by default (no request) and restores the values found at create on request", async () => {
    const kept = await createChecked(kind, declared());
    kentix.emu.clearRequests();
    await lc().delete(kept.id, kept.outs);
    expect(kentix.emu.requests).toEqual([]);
    expect(kentix.emu.setting("accesssettings")).toMatchObject({ pinlength: 6 });
    expect(lc().deletePolicies).toEqual(["retain", "restore"]);

    kentix.emu.reset();
    const restored = await createChecked(kind, { ...declared(), deletePolicy: "restore" });
    kentix.emu.clearRequests();
    await lc().delete(restored.id, restored.outs);
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/accesssettings": { pinlength: "4", memorydepth: "1", mode: 1 } }]);
    expect(kentix.emu.setting("accesssettings")).toEqual(ACCESS_SETTINGS_DEFAULTS);
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    const bad = (extra: Record<string, unknown>) =>
      failingProperties(kind, unchecked({ connection: kentix.connection, ...extra }));
    expect(await bad({ pinLength: 3 })).toEqual(["pinLength"]);
    expect(await bad({ pinLength: "6" })).toEqual(["pinLength"]);
    expect(await bad({ memoryDepth: 721, rfidMode: 2 })).toEqual(["memoryDepth", "rfidMode"]);
    expect(await bad({ busProtocol: "v3", deletePolicy: "delete" })).toEqual(["busProtocol", "deletePolicy"]);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer().filter((n) => n < 4 || n > 10),
          fc.double({ min: 4.01, max: 9.99 }),
        ),
        async (n) => {
          expect(await bad({ pinLength: n })).toEqual(["pinLength"]);
        },
      ),
      { numRuns: 50 },
    );
    expect(kentix.emu.requests).toEqual([]);
  });

  it("reports the appliance's 422 in its words", async () => {
    const err = await failure(
      lc().update(
        "access",
        { connection: kentix.connection },
        unchecked({ connection: kentix.connection, pinLength: 11 }),
      ),
    );
    expect(err.message).toBe(
      "kentix API 422 on PATCH /api/accesssettings: pinlength: The pinlength must be between 4 and 10.",
    );
  });
});
