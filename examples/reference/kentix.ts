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

// #region kentix:Camera
new kentix.Camera("gate-camera", {
  connection: site,
  name: "Camera", // no cameraId: the one camera with this name
  location: "outdoor",
  protocol: "https",
  username: "kentix",
  password: config.requireSecret("gateCameraPassword"), // a secret, read back by the appliance in clear
  imageCount: 10, // write-only: the appliance never shows it
  prebufferCount: 4, // outdoor cameras only; counts toward imageCount
});
// #endregion kentix:Camera

// #region kentix:SiteManager
new kentix.SiteManager("site-manager", {
  connection: site,
  name: "SiteManager", // no siteManagerId: the one SiteManager with this name
  alarmGroupId: building.id,
  rackId: null,
});
// #endregion kentix:SiteManager

// #region kentix:NetworkSensor
// A check of a server's SSH port every 60 (the documentation states no unit).
new kentix.NetworkSensor("ssh-check", {
  connection: site,
  networkSensorId: "2",
  name: "SSH jump host",
  address: "10.0.0.22",
  serviceType: "port",
  port: 22,
  serviceInterval: 60,
  alarmGroupId: building.id,
});
// #endregion kentix:NetworkSensor

// #region kentix:Outlet
// Outlet ids come from the SmartPDU overview; an outlet is selected by id only (there is no outlet listing).
new kentix.Outlet("server-a-psu1", { connection: site, outletId: "1", name: "Server A PSU 1", switchDual: true });
// #endregion kentix:Outlet

// #region kentix:SnmpSensor
new kentix.SnmpSensor("ups-load", {
  connection: site,
  name: "SNMP UPS load", // no snmpSensorId: the one SNMP-Sensor with this name
  oid: ".1.3.6.1.2.1.33.1.4.4.1.5.1",
  sendCycle: 60,
  settings: { max: 80 }, // only the keys declared are managed
});
// #endregion kentix:SnmpSensor

// #region kentix:SmartMeter
new kentix.SmartMeter("rack-a-meter", {
  connection: site,
  name: "Algodue 1-phasig", // no smartMeterId: the one SmartMeter with this name
  alarmGroupId: building.id,
  rcmAcAssignment: "armed-active",
  rcmAcMax: 30,
  supplyLine: "a",
});
// #endregion kentix:SmartMeter

// #region kentix:SmartPdu
// The PDU's variant (pduType) is stated where its own fields are set: check refuses the other variant's fields,
// and create fails, before any write, if the PDU on the appliance is of another type.
new kentix.SmartPdu("rack-a-pdu", {
  connection: site,
  name: "KentixPDU", // no smartPduId: the one PDU with this name
  pduType: "smartPdu",
  alarmGroupId: building.id,
  webhookIds: [soc.id],
  usesSignedIntegers: false,
  rcmAddress: "100",
});
// #endregion kentix:SmartPdu

// #region kentix:IoModule
new kentix.IoModule("rack-a-io", {
  connection: site,
  ioModuleId: "2",
  moduleType: "modbusTcp", // port exists on the Modbus/TCP module (type 123) only
  port: 502,
  alarmGroupId: building.id,
  output: { relay: false },
});
// #endregion kentix:IoModule

// #region kentix:SystemName
new kentix.SystemName("name", { connection: site, name: "HQ AlarmManager" });
// #endregion kentix:SystemName

// #region kentix:LocaleSettings
new kentix.LocaleSettings("locale", { connection: site, language: "de", temperatureUnit: "C" });
// #endregion kentix:LocaleSettings

// #region kentix:DateTimeSettings
new kentix.DateTimeSettings("clock", {
  connection: site,
  automatic: true, // set the clock by NTP
  ntpServer1: "ntp1.example.net",
  ntpServer2: "ntp2.example.net",
  timezone: "Europe/Berlin",
  deletePolicy: "restore", // destroy writes back the values found before
});
// #endregion kentix:DateTimeSettings

// #region kentix:EmailSettings
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
// #endregion kentix:EmailSettings

// #region kentix:LdapSettings
const ldapStaff = new kentix.UserGroup("ldap-staff", { connection: site, name: "Staff (LDAP)" });
new kentix.LdapSettings("directory", {
  connection: site,
  isActive: true,
  security: "ssl",
  address: "ldap.example.com",
  port: 636,
  baseDn: "dc=example,dc=com",
  bindDn: "cn=kentix,ou=services,dc=example,dc=com",
  bindPassword: config.requireSecret("ldapBindPassword"),
  userGroup1Id: ldapStaff.id, // members of directory group 1 get this usergroup
  userGroup1Path: "cn=staff,ou=groups,dc=example,dc=com",
  usernameAttribute: "sAMAccountName",
  syncInterval: 21600, // every 6 hours
});
// #endregion kentix:LdapSettings

// #region kentix:SnmpSettings
new kentix.SnmpSettings("snmp", { connection: site, isActive: true, trapReceiverActive: false });
// #endregion kentix:SnmpSettings

// #region kentix:VdsSettings
new kentix.VdsSettings("vds", {
  connection: site,
  isActive: true, // required
  connectionIdentifier: "HQ-0815",
  key: config.requireSecret("vdsKey"), // the 32-digit AES key
  authenticationMode: "encrypted",
  address1: "198.51.100.10",
  port1: 5000,
  address2: "198.51.100.11",
  port2: 5000,
  sendConnectionLoss: true,
  deletePolicy: "disable", // destroy stops the transmission
});
// #endregion kentix:VdsSettings

// #region kentix:AutoBackupSettings
new kentix.AutoBackupSettings("backups", {
  connection: site,
  isActive: true,
  time: "02:30",
  type: "networkDrive", // the SMB fields apply only to a network drive
  address: "192.0.2.20",
  share: "backups",
  path: "/kentix/hq",
  username: "kentix-backup",
  password: config.requireSecret("smbPassword"),
  deleteAfterDays: 7,
  sendNotification: true,
});
// #endregion kentix:AutoBackupSettings

// #region kentix:SmsGatewaySettings
new kentix.SmsGatewaySettings("sms-gateway", {
  connection: site,
  isActive: true,
  password: config.requireSecret("smsGatewayPassword"),
});
// #endregion kentix:SmsGatewaySettings

// #region kentix:GsmSettings
// The SIM's PIN and PUK are actions on the appliance, not settings.
new kentix.GsmSettings("cellular", { connection: site, isActive: true });
// #endregion kentix:GsmSettings

// #region kentix:NetworkSettings
// Guarded: the addressing fields need the acknowledgement, and check refuses a static address that is not the host
// of the connection's url (the provider would lose the appliance in the middle of the run).
const lan = kentix.connection({ url: "https://192.0.2.5", profile: "hq" });
new kentix.NetworkSettings("network", {
  connection: lan,
  dhcpActive: false,
  staticActive: true,
  staticAddress: "192.0.2.5", // the address the provider reaches the appliance at
  staticNetmask: "255.255.255.0",
  gateway: "192.0.2.1",
  dns1: "192.0.2.53",
  dns2: "", // none
  acknowledgeConnectionLoss: true,
});
// #endregion kentix:NetworkSettings

// #region kentix:SatelliteSettings
// Re-parents the device: it becomes a satellite of the manager at managerAddress and is then reached through it.
new kentix.SatelliteSettings("satellite-role", {
  connection: site,
  isActive: true,
  managerAddress: "192.0.2.1",
  acknowledgeReparenting: true,
});
// #endregion kentix:SatelliteSettings

// #region kentix:Rack
// The appliance creates a rack from its name and group only; the provider writes the rest right after.
new kentix.Rack("rack-a1", {
  connection: site,
  name: "Rack A1",
  groupId: building.id,
  description: "Server room, row A",
  isActive: true,
});
// #endregion kentix:Rack

// #region kentix:EventProfile
// Alarm groups name an event profile in eventId; this one applies to the building group.
new kentix.EventProfile("after-hours", {
  connection: site,
  name: "After hours",
  type: "group",
  groupIds: [building.id],
});
// #endregion kentix:EventProfile

// #region kentix:SnmpCredential
// An SNMPv3 trap receiver: the passwords come from stack config as secrets.
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
  sendAlarmStateChangeTrap: true,
});
// #endregion kentix:SnmpCredential

// #region kentix:VdsLine
// With VdsSettings: fire alarms go out on VdS line 1, tampering on line 2.
new kentix.VdsLine("vds-fire", { connection: site, line: 1, alarmType: "fire" });
new kentix.VdsLine("vds-tamper", { connection: site, line: 2, alarmType: "tampering" });
// #endregion kentix:VdsLine

// #region kentix:Report
new kentix.Report("weekly-report", { connection: site, name: "Weekly summary", type: "sum", interval: "weekly" });
// #endregion kentix:Report
