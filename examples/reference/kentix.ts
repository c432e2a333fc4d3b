// Reference snippets for the Kentix kinds that examples/kentix-access does not declare. Not a program: no test and
// no `pulumi up` runs this file; `tsc -p tsconfig.json` type-checks it and scripts/gen-docs.ts embeds each region in
// the kind's reference page (docs/reference/kentix). Every region stands on its own after the declarations above it.
import * as pulumi from "@pulumi/pulumi";
import * as kentix from "pulumi-facility/kentix";

const config = new pulumi.Config();
const site = kentix.connection({ url: config.require("kentixUrl"), profile: "hq" });
// Objects the snippets refer to.
const building = new kentix.AlarmGroup("building", { connection: site, name: "Building A" });
const soc = new kentix.Webhook("soc", {
  connection: site,
  name: "SOC",
  url: "https://soc.example/hook",
  requestType: "POST",
  contentType: "application/json",
});

// #region kentix:AccessManager
// Devices are added on the hardware; the program configures one, selected by its name (or by accessManagerId).
new kentix.AccessManager("entrance-manager", {
  connection: site,
  name: "AccessManager", // no accessManagerId: the one device with this name
  isActive: true,
  alarmGroupId: building.id,
  webhookIds: [soc.id],
  relayActionArm: "none", // no external alarm system to switch on bookings
  deletePolicy: "restore", // destroy writes back the values the device had before
});
// #endregion kentix:AccessManager

// #region kentix:AlarmManager
// Devices are taught in on the hardware; the program configures one, selected by its id (or by name alone).
new kentix.AlarmManager("main-hall-manager", {
  connection: site,
  alarmManagerId: "2",
  name: "AlarmManager main hall", // with the id: renames the device
  alarmDelay: 30,
  alarmGroupId: building.id,
  rackId: null, // not in a rack
  intrusion: { active: true }, // only the keys declared are managed
});
// #endregion kentix:AlarmManager

// #region kentix:MultiSensor
new kentix.MultiSensor("server-room-sensor", {
  connection: site,
  name: "MultiSensor TI", // no multiSensorId: the one sensor with this name
  alarmGroupId: building.id,
  monitoring: { temperature: { min: 15, max: 28 } },
  irEmissivity: 0.95, // MultiSensor-TI only
  deletePolicy: "restore", // destroy writes back the values the sensor had before
});
// #endregion kentix:MultiSensor
