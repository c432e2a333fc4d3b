// Access control on one Kentix appliance: its two door locks configured. `npm run build`, then `pulumi up` in
// this folder. No test deploys this program yet (the reference pages embed its regions; tsc checks it).
import * as pulumi from "@pulumi/pulumi";
import * as kentix from "pulumi-facility/kentix";

const config = new pulumi.Config();

// Addressing and trust only; the token comes from `pulumi config set --secret kentix:hq.token ...`
// or KENTIX_HQ_TOKEN, never from state.
const address = { url: config.require("kentixUrl"), profile: "hq", caCertPem: config.get("kentixCaCertPem") };
const site = kentix.connection(address);

// #region kentix:DoorLock
// Locks are taught in on the hardware; the program configures them, selected by id or by name.
new kentix.DoorLock("front-door", {
  connection: site,
  doorLockId: kentix.doorLockByName(address, "Frontdoor"),
  coupleTime: 5,
  logLevel: "noUserData",
  reedWarningActive: true,
  reedWarningDelay: 120,
});
new kentix.DoorLock("server-room-door", {
  connection: site,
  doorLockId: "2",
  armLevel: "zone",
  doubleAuthMode: "on",
  deletePolicy: "restore", // destroy writes back the values the lock had before
});
// #endregion kentix:DoorLock
