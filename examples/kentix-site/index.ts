// A server room on one Kentix appliance, alongside examples/kentix-access: its alarm group and rack, the MultiSensor
// that watches it, the SmartPDU outlets of its servers, alarm transmission to a monitoring centre (VdS), SNMP for the
// network management system, and the system settings an integrator sets on every new appliance.
// `npm run build`, then `pulumi up` in this folder; test/e2e/kentix-site.test.ts runs it through the test engine.
// Devices and outlets are hardware: the program configures them and destroy never deletes them; the settings are
// one per appliance and destroy leaves them (or writes back what was there before, where a kind says `restore`).
import * as pulumi from "@pulumi/pulumi";
import * as kentix from "pulumi-facility/kentix";

const config = new pulumi.Config();

// Addressing and trust only; the token comes from `pulumi config set --secret kentix:hq.token ...`
// or KENTIX_HQ_TOKEN, never from state.
const address = { url: config.require("kentixUrl"), profile: "hq", caCertPem: config.get("kentixCaCertPem") };
const site = kentix.connection(address);

// The server room: an alarm group, and the rack its servers are in (the appliance creates a rack from its name and
// group; the provider writes the rest right after).
const serverRoom = new kentix.AlarmGroup("server-room", { connection: site, name: "Server room", armDelay: 60 });
const rack = new kentix.Rack("rack-a1", {
  connection: site,
  name: "Rack A1",
  groupId: serverRoom.id,
  description: "Server room, row A",
  isActive: true,
});

// The MultiSensor in the rack, selected by its name: temperature limits for the room; destroy writes back what the
// sensor had before.
new kentix.MultiSensor("rack-sensor", {
  connection: site,
  name: "MultiSensor TI", // no multiSensorId: the one sensor with this name
  alarmGroupId: serverRoom.id,
  rackId: rack.id,
  monitoring: { temperature: { min: 15, max: 28 } },
  deletePolicy: "restore",
});

// The SmartPDU in the rack, selected by its name: in the room's alarm group and the rack; destroy writes back what
// the PDU had before. Its variant (pduType) is stated because a SmartPDU-only field is set.
new kentix.SmartPdu("rack-pdu", {
  connection: site,
  name: "KentixPDU", // no smartPduId: the one PDU with this name
  pduType: "smartPdu",
  alarmGroupId: serverRoom.id,
  rackId: rack.id,
  usesSignedIntegers: false,
  deletePolicy: "restore",
});

// The SmartPDU's outlets, selected by their ids (there is no outlet listing): named after what they feed; server
// A's two power supplies switch together.
new kentix.Outlet("server-a-psu1", { connection: site, outletId: "1", name: "Server A PSU 1", switchDual: true });
new kentix.Outlet("server-a-psu2", { connection: site, outletId: "2", name: "Server A PSU 2", switchDual: true });

// Alarm transmission to the monitoring centre: the VdS 2465 connection (its AES key a secret, from
// `pulumi config set --secret vdsKey ...`) and which alarms go out on which line. Destroy stops the transmission.
new kentix.VdsSettings("vds", {
  connection: site,
  isActive: true,
  connectionIdentifier: "HQ-0815",
  key: config.requireSecret("vdsKey"),
  authenticationMode: "encrypted",
  address1: "198.51.100.10",
  port1: 5000,
  sendConnectionLoss: true,
  deletePolicy: "disable",
});
new kentix.VdsLine("vds-fire", { connection: site, line: 1, alarmType: "fire" });
new kentix.VdsLine("vds-tamper", { connection: site, line: 2, alarmType: "tampering" });

// SNMP: the agent on, and SNMPv3 traps to the network management system (the passwords are secrets).
new kentix.SnmpSettings("snmp", { connection: site, isActive: true, trapReceiverActive: false });
new kentix.SnmpCredential("nms-traps", {
  connection: site,
  name: "NMS traps",
  version: "v3",
  mode: "sendTraps",
  address: "192.0.2.10",
  port: 162,
  username: "kentix",
  authenticationProtocol: "hmacSha",
  authenticationPassword: config.requireSecret("snmpAuthPassword"),
  privacyProtocol: "aes128",
  privacyPassword: config.requireSecret("snmpPrivPassword"),
  sendAlarmTrap: true,
});

// The system settings of a new appliance: its name, language, clock and the mail server alarms go out through.
new kentix.SystemName("name", { connection: site, name: "HQ server room" });
new kentix.LocaleSettings("locale", { connection: site, language: "de", temperatureUnit: "C" });
new kentix.DateTimeSettings("clock", {
  connection: site,
  automatic: true, // set the clock by NTP
  ntpServer1: "ntp1.example.net",
  ntpServer2: "ntp2.example.net",
  timezone: "Europe/Berlin",
  deletePolicy: "restore", // destroy writes back the values found before
});
new kentix.EmailSettings("smtp", {
  connection: site,
  isActive: true,
  sender: "alarms@example.com",
  address: "smtp.example.com",
  port: 587,
  security: "starttls",
  username: "alarms",
  password: config.requireSecret("smtpPassword"), // write-only: the appliance never returns it
});
