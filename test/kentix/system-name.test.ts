import { describe, expect, it } from "vitest";
import { SystemName } from "../../providers/kentix";
import { describeSettings } from "./settings-cases";
import { calls, createChecked, failure, lifecycleOf, unchecked, useKentix } from "./support";

const kentix = useKentix();

describeSettings(kentix, {
  resource: SystemName,
  setting: "systemname",
  path: "/api/systemname",
  declared: { name: "HQ AlarmManager" },
  createBody: { name: "HQ AlarmManager" },
  restoreValues: { name: "My AlarmManager" },
  change: [{ name: "HQ" }, { name: "HQ" }],
  drift: [{ name: "Renamed by hand" }, { name: "Renamed by hand" }],
  restoreBody: { name: "My AlarmManager" },
  bad: [
    [{}, ["name"]],
    [{ name: "" }, ["name"]],
    [{ name: "x".repeat(256) }, ["name"]],
    [{ name: 7, deletePolicy: "delete" }, ["name", "deletePolicy"]],
  ],
});

describe("kentix.SystemName specifics", () => {
  it("reads the one-element array the appliance answers, and an unchanged name is not written", async () => {
    const { outs } = await createChecked(SystemName, { connection: kentix.connection, name: "My AlarmManager" });
    expect(calls(kentix.emu)).toEqual(["GET /api/systemname"]);
    expect(outs).toMatchObject({ name: "My AlarmManager", restoreValues: { name: "My AlarmManager" } });
  });

  it("reports the appliance's 422 in its words", async () => {
    const err = await failure(
      lifecycleOf(SystemName).update(
        "systemname",
        { connection: kentix.connection, name: "a" },
        unchecked({ connection: kentix.connection, name: " " }),
      ),
    );
    expect(err.message).toBe("kentix API 422 on PATCH /api/systemname: name: The name field is required.");
  });
});
