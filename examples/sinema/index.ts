// A plant's remote access on one SINEMA RC server: three line routers with their LANs, an engineers group that
// may reach the lines (line 1's PLCs on two ports only), two users and a role, and the server hardened (password
// policy, Brute Force Prevention, OpenVPN ciphers).
// `npm run build`, then run it with the Pulumi CLI (`pulumi up` in this folder) or through the test engine
// (test/e2e/sinema.test.ts) against the emulator.
import * as pulumi from "@pulumi/pulumi";
import * as sinema from "pulumi-facility/sinema";

const config = new pulumi.Config();

// Addressing and trust only; the login comes from `pulumi config set --secret sinema:plant.username|password`
// (or SINEMA_PLANT_USERNAME / SINEMA_PLANT_PASSWORD), never from state.
const rc = sinema.connection({
  url: config.require("sinemaUrl"),
  profile: "plant",
  caCertPem: config.get("sinemaCaCertPem"),
  certFingerprint: config.get("sinemaCertFingerprint"),
});

// #region sinema:ParticipantGroup
const engineers = new sinema.ParticipantGroup("engineers", {
  connection: rc,
  name: "Engineers",
  description: "Service engineers",
});
const lines = new sinema.ParticipantGroup("lines", { connection: rc, name: "Production lines" });
// #endregion sinema:ParticipantGroup
// #region sinema:CommunicationRelation
new sinema.CommunicationRelation("engineers-to-lines", {
  connection: rc,
  sourceGroupId: engineers.id,
  destinationGroupId: lines.id,
});
// #endregion sinema:CommunicationRelation

const devicePassword = config.requireSecret("devicePassword");
export const deviceIds = [1, 2, 3].map((n) => {
  // #region sinema:Device
  const device = new sinema.Device(`line-${n}`, {
    connection: rc,
    name: `Line ${n} router`,
    password: devicePassword,
    type: "M800",
    connectionType: "permanent",
    location: n === 1 ? (config.get("line1Location") ?? "Hall 3") : "Hall 3",
    enabled: true,
    groups: [lines.id],
    connectionParameters: [{ ipAddress: "203.0.113.10", port: 1194, protocol: "UDP" }],
  });
  // #endregion sinema:Device
  // #region sinema:Subnet
  const lan = new sinema.Subnet(`line-${n}-lan`, {
    connection: rc,
    deviceId: device.id,
    name: "LAN",
    network: `192.168.${10 + n}.0/24`,
    natMode: "none",
    groups: [lines.id],
  });
  // #endregion sinema:Subnet
  // Least privilege on line 1: engineers reach its PLCs over S7 (102) and Modbus (502) only, and may ping them.
  if (n === 1) {
    // #region sinema:SubnetPortGroup
    new sinema.SubnetPortGroup("line-1-plc-ports", {
      connection: rc,
      subnetId: lan.id,
      name: "PLC access",
      icmpEnabled: true,
      ports: { tcp: "102, 502" },
      groups: [engineers.id],
    });
    // #endregion sinema:SubnetPortGroup
  }
  return device.id;
});

// #region sinema:Role
const operations = new sinema.Role("operations", {
  connection: rc,
  name: "Operations",
  rights: { global: ["manageDevices", "seeLogfileMessages"], group: ["manageOwnRemoteConnections"] },
  passwordExpire: 90,
  groups: [engineers.id],
});
// #endregion sinema:Role

// #region sinema:User
new sinema.User("alice", {
  connection: rc,
  username: "alice",
  password: config.requireSecret("alicePassword"),
  firstName: "Alice",
  email: "alice@plant.example",
  enabled: true,
  roles: [operations.id],
  groups: [engineers.id],
});
// #endregion sinema:User

new sinema.User("bob", {
  connection: rc,
  username: "bob",
  password: config.requireSecret("bobPassword"),
  enabled: true,
  groups: [engineers.id],
});

// A setting that always exists: destroy writes back what was there before.
// #region sinema:DnsSettings
new sinema.DnsSettings("dns", {
  connection: rc,
  hostname: "rc.plant.example",
  dnsPrimary: "10.0.0.53",
  deletePolicy: "restore",
});
// #endregion sinema:DnsSettings

// Hardening: a stricter password policy, Brute Force Prevention and strong OpenVPN ciphers. Destroy puts back what
// was there before.
// #region sinema:PasswordPolicy
new sinema.PasswordPolicy("password-policy", {
  connection: rc,
  policy: "userDefined",
  minPasswordLength: 12,
  minNumericCharacter: 1,
  minSpecialCharacter: 1,
  minLowercaseLetter: 1,
  minUppercaseLetter: 1,
  deletePolicy: "restore",
});
// #endregion sinema:PasswordPolicy
// #region sinema:BruteForcePrevention
new sinema.BruteForcePrevention("brute-force", {
  connection: rc,
  policy: "userDefined",
  failedLoginsBeforeBlocked: 5,
  ipAddressBlockPeriod: 900,
  // disableInsteadOfBlock: true would need acknowledgeLockoutRisk: true (it can disable the API user itself).
  deletePolicy: "disable",
});
// #endregion sinema:BruteForcePrevention
// #region sinema:OpenVpnServerSettings
new sinema.OpenVpnServerSettings("openvpn", {
  connection: rc,
  cipher: "aes256",
  hash: "sha512",
  tls: "tls12",
  key: "dh4096",
  deletePolicy: "restore",
});
// #endregion sinema:OpenVpnServerSettings
