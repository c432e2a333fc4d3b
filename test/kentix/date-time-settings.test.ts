import { describe, expect, it } from "vitest";
import { DateTimeSettings } from "../../providers/kentix";
import { describeSettings } from "./settings-cases";
import { calls, createChecked, useKentix } from "./support";

const kentix = useKentix();

describeSettings(kentix, {
  resource: DateTimeSettings,
  setting: "datetime",
  path: "/api/datetime",
  declared: {
    automatic: true,
    ntpServer1: "ntp1.example.net",
    ntpServer2: "ntp2.example.net",
    timezone: "Europe/Zurich",
  },
  createBody: { ntp1: "ntp1.example.net", ntp2: "ntp2.example.net", timezone: "Europe/Zurich" },
  restoreValues: {
    automatic: true,
    ntpServer1: "0.pool.ntp.org",
    ntpServer2: "1.pool.ntp.org",
    timezone: "Europe/Berlin",
  },
  change: [{ automatic: false }, { auto: false }],
  drift: [
    { timezone: "UTC", auto: false },
    { timezone: "UTC", automatic: false },
  ],
  restoreBody: { auto: true, ntp1: "0.pool.ntp.org", ntp2: "1.pool.ntp.org", timezone: "Europe/Berlin" },
  bad: [
    [{ timezone: "CET+1" }, ["timezone"]],
    [{ ntpServer1: "", automatic: "yes" }, ["automatic", "ntpServer1"]],
  ],
});

describe("kentix.DateTimeSettings specifics", () => {
  it("sends an object, which the appliance answers as an object (the documentation prints an array)", async () => {
    await createChecked(DateTimeSettings, { connection: kentix.connection, timezone: "America/New_York" });
    expect(calls(kentix.emu)).toEqual([
      "GET /api/datetime",
      { "PATCH /api/datetime": { timezone: "America/New_York" } },
    ]);
    expect(kentix.emu.setting("datetime")).toMatchObject({ timezone: "America/New_York", auto: true });
  });
});
