// Reference snippets for the SINEMA RC kinds that examples/sinema does not declare. Not a program: no test and no
// `pulumi up` runs this file; `tsc -p tsconfig.json` type-checks it and scripts/gen-docs.ts embeds each region in
// the kind's reference page (docs/reference/sinema). Every region stands on its own after the declarations above it.
import * as pulumi from "@pulumi/pulumi";
import * as sinema from "pulumi-facility/sinema";

const config = new pulumi.Config();
const rc = sinema.connection({ url: config.require("sinemaUrl"), profile: "plant" });
// Objects the snippets refer to, as examples/sinema declares them.
const engineers = new sinema.ParticipantGroup("engineers", { connection: rc, name: "Engineers" });
const line1 = new sinema.Device("line-1", {
  connection: rc,
  name: "Line 1 router",
  password: config.requireSecret("devicePassword"),
  type: "M800",
  connectionType: "permanent",
});
const line1Lan = new sinema.Subnet("line-1-lan", {
  connection: rc,
  deviceId: line1.id,
  name: "LAN",
  network: "192.168.11.0/24",
  natMode: "none",
});

// #region sinema:Node
new sinema.Node("line-1-plc", {
  connection: rc,
  subnetId: line1Lan.id,
  name: "PLC",
  nodeIp: "192.168.10.20",
  groups: [engineers.id],
});
// #endregion sinema:Node

// #region sinema:StaticRoute
new sinema.StaticRoute("plant-net", {
  connection: rc,
  destinationNetwork: "10.50.0.0",
  networkMask: "255.255.0.0",
  gateway: "192.168.1.254",
  interface: "lan1",
});
// #endregion sinema:StaticRoute

// #region sinema:SyslogServer
new sinema.SyslogServer("siem", { connection: rc, serverIp: "10.0.0.50", port: 514, protocol: "udp" });
// #endregion sinema:SyslogServer

// #region sinema:SmsGatewayProvider
new sinema.SmsGatewayProvider("sms", {
  connection: rc,
  name: "Plant SMS",
  address: "4917012345678@sms.example",
  text: "$MSG",
});
// #endregion sinema:SmsGatewayProvider

// #region sinema:ApiSettings
new sinema.ApiSettings("api", { connection: rc, tokenExpireTime: 1 });
// #endregion sinema:ApiSettings

// #region sinema:AutoLogout
new sinema.AutoLogout("logout", { connection: rc, wbmAutoLogoutTime: 15 });
// #endregion sinema:AutoLogout

// #region sinema:EmailSettings
new sinema.EmailSettings("mail", {
  connection: rc,
  enabled: true,
  method: "relay",
  lifeInQueue: 300,
  sender: "rc@plant.example",
  smtpServer: "smtp.plant.example",
  smtpPort: 587,
  tls: "binding",
  username: "rc@plant.example",
  password: config.requireSecret("smtpPassword"),
});
// #endregion sinema:EmailSettings

// #region sinema:NtpSettings
new sinema.NtpSettings("ntp", {
  connection: rc,
  primaryNtp: "ptbtime1.ptb.de",
  secondNtp: "ptbtime2.ptb.de",
  timezone: "+01:00",
});
// #endregion sinema:NtpSettings

// #region sinema:ServerInformation
new sinema.ServerInformation("notice", {
  connection: rc,
  serverInformationText: "Authorised personnel only. Sessions are logged.",
  showServerInformationOnLogin: true,
  showServerInformationOnServer: false,
});
// #endregion sinema:ServerInformation

// #region sinema:BackupSettings
new sinema.BackupSettings("backup", {
  connection: rc,
  maxNrOfBackups: 14,
  interval: "daily",
  time: "02:30:00",
  codingKey: config.requireSecret("backupCodingKey"),
});
// #endregion sinema:BackupSettings

// #region sinema:SnmpSettings
new sinema.SnmpSettings("snmp", {
  connection: rc,
  enabled: true,
  supportSNMPv1AndSNMPv2: false,
  interface: "lan",
  securityLevel: "authPriv",
  authenticationMethod: "sha",
  encryptionMethod: "aes",
  username: "nms",
});
// #endregion sinema:SnmpSettings

// #region sinema:SyslogSettings
new sinema.SyslogSettings("syslog", { connection: rc, hostname: "sinemarc-plant" });
// #endregion sinema:SyslogSettings

// #region sinema:WebServerSettings
new sinema.WebServerSettings("web", { connection: rc, protocolTls13: "auto", fallBackPort: 6220 });
// #endregion sinema:WebServerSettings

// #region sinema:VirtualSubnetAddressSpace
// The pool of virtual subnets for 1:1 NAT; a subnet passes the space so check refuses a virtual address outside it.
const virtualSubnets = new sinema.VirtualSubnetAddressSpace("virtual-subnets", {
  connection: rc,
  startAddress: "10.200.0.0",
  networkMask: "255.255.0.0",
  endAddress: "10.200.127.0",
});
new sinema.Subnet("line-1-cell", {
  connection: rc,
  deviceId: line1.id,
  name: "Cell",
  network: "192.168.20.0/24",
  natMode: "oneToOne",
  virtualIp: "10.200.20.0",
  virtualIpSpace: {
    startAddress: virtualSubnets.startAddress,
    networkMask: virtualSubnets.networkMask,
    endAddress: virtualSubnets.endAddress,
  },
});
// #endregion sinema:VirtualSubnetAddressSpace

// #region sinema:OpenVpnAddressSpace
// TCP and UDP tunnel addresses; the last 50 UDP addresses are fixed ones, and a device's fixed address is checked
// against the UDP space.
const vpnSpaces = new sinema.OpenVpnAddressSpace("vpn-spaces", {
  connection: rc,
  tcpStartIp: "172.30.0.0",
  tcpNetmask: "255.255.0.0",
  udpStartIp: "172.31.0.0",
  udpNetmask: "255.255.0.0",
  fixedIpProtocol: "udp",
  fixedIpLocation: "last",
  fixedIpLength: 50,
});
new sinema.Device("line-2", {
  connection: rc,
  name: "Line 2 router",
  password: config.requireSecret("line2Password"),
  type: "M800",
  connectionType: "permanent",
  fixedVpnAddress: "172.31.255.250",
  fixedVpnAddressSpace: { startAddress: vpnSpaces.udpStartIp, networkMask: vpnSpaces.udpNetmask },
});
// #endregion sinema:OpenVpnAddressSpace

// #region sinema:OidcSettings
new sinema.OidcSettings("sso", {
  connection: rc,
  clientId: "sinema-rc",
  clientSecret: config.requireSecret("oidcClientSecret"),
  metadataUrl: "https://idp.plant.example/realms/plant/.well-known/openid-configuration",
  providerDescription: "Plant SSO",
  clientRedirectUrl: "https://rc.plant.example/oidc/client",
});
// #endregion sinema:OidcSettings

// #region sinema:UserLogSettings
new sinema.UserLogSettings("user-log", { connection: rc, userLogTracing: true, deletePolicy: "restore" });
// #endregion sinema:UserLogSettings
