import { describe, expect, it } from "vitest";
import { SatelliteSettings } from "../../providers/kentix";
import { describeSettings } from "./settings-cases";
import { calls, createChecked, lifecycleOf, unchecked, updateChecked, useKentix } from "./support";

const kentix = useKentix();
const lc = lifecycleOf(SatelliteSettings);

describeSettings(kentix, {
  resource: SatelliteSettings,
  setting: "satellite",
  path: "/api/satellite",
  declared: { isActive: true, managerAddress: "192.0.2.50", acknowledgeReparenting: true },
  createBody: { is_active: true, manager_address: "192.0.2.50" },
  restoreValues: { isActive: false, managerAddress: "", acknowledgeReparenting: true },
  change: [{ managerAddress: "192.0.2.51" }, { manager_address: "192.0.2.51" }],
  drift: [{ manager_address: "192.0.2.99" }, { managerAddress: "192.0.2.99" }],
  restoreBody: { is_active: false, manager_address: "" },
  bad: [
    [{ isActive: true, managerAddress: "192.0.2.50" }, ["acknowledgeReparenting"]],
    [{ isActive: true, acknowledgeReparenting: true }, ["managerAddress"]],
    [{ isActive: false, deletePolicy: "restore" }, ["acknowledgeReparenting"]],
    [{ managerAddress: "", deletePolicy: "delete" }, ["managerAddress", "deletePolicy"]],
  ],
});

describe("kentix.SatelliteSettings specifics", () => {
  it("leaving the satellite role needs no acknowledgement, and one equal to the live role writes nothing", async () => {
    const alone = { connection: kentix.connection, isActive: false };
    const { id, outs } = await createChecked(SatelliteSettings, alone);
    expect(calls(kentix.emu)).toEqual(["GET /api/satellite"]);
    expect(outs).toMatchObject({ isActive: false, deviceName: "AccessManager" });
    // The acknowledgement is never sent: adding it is no request.
    await updateChecked(SatelliteSettings, id, outs, { ...alone, acknowledgeReparenting: true });
    expect(calls(kentix.emu)).toEqual(["GET /api/satellite"]);
  });

  it("check explains the re-parenting, and refuses the device as its own manager, before any request", async () => {
    const res = await lc.checkRaw({}, unchecked({ connection: kentix.connection, managerAddress: "192.0.2.50" }));
    expect(res.failures).toEqual([
      {
        property: "acknowledgeReparenting",
        reason: expect.stringMatching(
          /^managerAddress: it re-parents the device: .*this appliance's own API .* may stop answering/,
        ),
      },
    ]);
    const self = await lc.checkRaw(
      {},
      unchecked({ connection: kentix.connection, managerAddress: "127.0.0.1", acknowledgeReparenting: true }),
    );
    expect(self.failures).toEqual([
      {
        property: "managerAddress",
        reason:
          "is the device this provider configures (the host of connection.url): a device cannot be its own manager",
      },
    ]);
    expect(kentix.emu.requests).toEqual([]);
  });

  it("the appliance's 422 for a satellite without a manager reaches the program in its words", async () => {
    const { id, outs } = await createChecked(SatelliteSettings, { connection: kentix.connection, isActive: false });
    kentix.emu.editSetting("satellite", { manager_address: "" });
    const err = await lc
      .update(id, outs, unchecked({ connection: kentix.connection, isActive: true, acknowledgeReparenting: true }))
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(err?.message).toBe(
      "kentix API 422 on PATCH /api/satellite: manager_address: The manager address field is required when is active is true.",
    );
  });
});
