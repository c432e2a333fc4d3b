// A Primis site: the licence seat the automation itself uses, two controlled areas held in their states, and
// one schedule link (create-only, acknowledged). The mobile user's credentials and the stable device id come
// from `pulumi config set --secret primis:hq.email/password …` and `pulumi config set primis:hq.phoneId …`.
import * as pulumi from "@pulumi/pulumi";
import * as primis from "pulumi-facility/primis";

const config = new pulumi.Config();
const address = { url: config.require("primisUrl"), profile: "hq", caCertPem: config.get("primisCaCertPem") };
const site = primis.connection(address);

// The seat the provider uses: the profile's own phoneId, so destroy releases it. Never a generated id:
// every distinct phoneId takes a mobile-device licence seat.
// #region primis:DeviceRegistration
const seat = new primis.DeviceRegistration("automation-seat", {
  connection: site,
  phoneId: new pulumi.Config("primis").require("hq.phoneId"),
});
// #endregion primis:DeviceRegistration

// Codes other than 11 (open) are site-specific: the guide's table is truncated, so they are declared with
// the read value they produce, confirmed on this site.
// #region primis:ControlledAreaState
new primis.ControlledAreaState(
  "lobby",
  {
    connection: site,
    controlledAreaId: "130000000001",
    state: { code: 13, reads: "LOCKDOWN" },
    deletePolicy: "restore",
  },
  { dependsOn: seat },
);
// #endregion primis:ControlledAreaState
const dock = new primis.ControlledAreaState(
  "loading-dock",
  { connection: site, controlledAreaId: "130000000003", state: { code: 12, reads: "secure" }, deletePolicy: "restore" },
  { dependsOn: seat },
);

// Primis cannot read, update or delete schedule links: declared only with the acknowledgement.
// #region primis:ControlledAreaSchedule
new primis.ControlledAreaSchedule(
  "lobby-hours",
  {
    connection: site,
    acknowledgeUnmanaged: true,
    scheduleId: "7",
    zones: [{ controlledAreaId: "130000000001", onAction: 1, offAction: 1 }],
  },
  { dependsOn: seat },
);
// #endregion primis:ControlledAreaSchedule

// Read-only lists are data functions, not resources.
export const areaNames = primis.listControlledAreas(address, { admin: true }).then((areas) => areas.map((a) => a.name));
export const dockWarning = dock.warning;
