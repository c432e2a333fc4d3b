/** The settings singletons: GET/POST (some DELETE) of one object each. */
import { factorySettings } from "../store";
import type { Context } from "./shared";

/** Policy 0 ("Default: Pre-configured settings") brings the pre-configured values with it (this emulator's reading). */
const preConfigured = (name: "passwordpolicy" | "bruteforceprevention") => (s: Record<string, unknown>) =>
  s.policy === 0 ? factorySettings()[name] : s;

export function settingRoutes({ setting }: Context): void {
  setting(
    "dns",
    "/system/network/dns",
    {
      hostname: { kind: "string", required: true, min: 1 },
      externallyResolvable: { kind: "bool" },
      dnsPrimary: { kind: "ipv4" },
      dnsSecondary: { kind: "string" },
      dohActive: { kind: "bool", required: true },
      dnsResolver: { kind: "string" },
      dnsStamp: { kind: "string" },
    },
    (s) => s,
    (v) => (v.dohActive && (!v.dnsResolver || !v.dnsStamp) ? { dnsResolver: "required when dohActive is true" } : {}),
  );
  setting(
    "ntp",
    "/system/dateandtime/ntp",
    {
      primaryNtp: { kind: "string", required: true, min: 1 },
      secondNtp: { kind: "string" },
      timezone: { kind: "string", required: true, min: 1 },
    },
    (s) => s,
    (v) => (/^[+-]\d{2}:\d{2}$/.test(String(v.timezone)) ? {} : { timezone: 'must be "+/- HH:MM"' }),
    () => ({ primaryNtp: "", secondNtp: "" }),
  );
  setting(
    "email",
    "/system/smsandemail/email",
    {
      method: { kind: "int", required: true, values: [1, 2] },
      enabled: { kind: "bool", required: true },
      lifeInQueue: { kind: "int", required: true, min: 1 },
      sender: { kind: "string", required: true, min: 1 },
      smtpServer: { kind: "string" },
      smtpPort: { kind: "int", min: 1, max: 65535 },
      tls: { kind: "int", values: [1, 2] },
      username: { kind: "string" },
      password: { kind: "string" },
    },
    ({ enabled: _e, username: _u, password: _p, ...readable }) => readable, // enabled, username and password are not readable
    (v) =>
      v.method === 1 && (!v.smtpServer || v.smtpPort === undefined || v.tls === undefined)
        ? { smtpServer: "smtpServer, smtpPort and tls are required for delivery via relay" }
        : {},
    undefined,
    ["username", "password"], // a POST replaces the configuration: credentials not sent are cleared
  );
  setting(
    "webserver",
    "/system/network/webserver",
    {
      httpsPort: { kind: "int", required: true, min: 1, max: 65535 },
      httpsForwardingPort: { kind: "int", required: true, min: 1, max: 65535 },
      blockWebserverAccessFromWan: { kind: "bool" },
      protocolTls13: { kind: "int", values: [0, 1, 2] },
      fallBackPort: { kind: "int", min: 1, max: 65535 },
    },
    (s) => s,
  );
  setting(
    "autologout",
    "/system/settings/autologout",
    { wbmAutoLogoutTime: { kind: "int", required: true, min: 1 } },
    (s) => s,
  );
  setting(
    "serverinformation",
    "/system/settings/serverinformation",
    {
      showServerInformationOnLogin: { kind: "bool", required: true },
      showServerInformationOnServer: { kind: "bool", required: true },
      serverInformationText: { kind: "string", required: true, min: 1 },
    },
    (s) => s,
    (v) =>
      v.showServerInformationOnLogin || v.showServerInformationOnServer
        ? {}
        : { showServerInformationOnLogin: "at least one show parameter must be enabled" },
    () => ({ showServerInformationOnLogin: false, showServerInformationOnServer: false, serverInformationText: "" }),
  );
  setting(
    "apisettings",
    "/services/apisettings",
    {
      startTrial: { kind: "bool" },
      active: { kind: "bool", required: true },
      tokenExpireTime: { kind: "int", min: 1 },
    },
    ({ startTrial: _s, ...s }) => s,
  );
  const count = { kind: "int", min: 0 } as const;
  setting(
    "passwordpolicy",
    "/security/general/passwordpolicy",
    {
      policy: { kind: "int", values: [0, 1] },
      minPasswordLength: count,
      minNumericCharacter: count,
      minSpecialCharacter: count,
      minLowercaseLetter: count,
      minUppercaseLetter: count,
    },
    (s) => s,
    undefined,
    undefined,
    [],
    preConfigured("passwordpolicy"),
  );
  setting(
    "bruteforceprevention",
    "/security/general/bruteforceprevention",
    {
      policy: { kind: "int", required: true, values: [0, 1] },
      failedLoginsBeforeBlocked: count,
      ipAddressBlockPeriod: count,
      disableInsteadOfBlock: { kind: "int", values: [0, 1] },
      failedTokenRequestsBeforeBlocked: count,
    },
    ({ policy }) => ({ policy }), // the GET returns only the policy
    undefined,
    undefined,
    [],
    preConfigured("bruteforceprevention"),
  );
  setting(
    "snmp",
    "/services/snmpsettings",
    {
      enabled: { kind: "bool" },
      supportSNMPv1AndSNMPv2: { kind: "bool" },
      interface: { kind: "int", values: [0, 1, 2] },
      authenticationMethod: { kind: "int", values: [0, 1] },
      securityLevel: { kind: "int", values: [0, 1, 2] },
      port: { kind: "int", min: 1, max: 65535 },
      encryptionMethod: { kind: "int", values: [0, 1] },
      username: { kind: "string" },
    },
    (s) => s,
    undefined,
    () => factorySettings().snmp,
  );
  setting(
    "backup",
    "/system/backup/settings",
    {
      maxNrOfBackups: count,
      interval: { kind: "int", values: [0, 1, 2, 3, 4] },
      time: { kind: "string" },
      codingKey: { kind: "string" },
    },
    ({ codingKey: _k, ...readable }) => readable, // the coding key is never returned
    (v) =>
      v.time === undefined || /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(String(v.time))
        ? {}
        : { time: "must be hh:mm:ss" },
  );
  const port = { kind: "int", min: 1, max: 65535 } as const;
  setting(
    "openvpn",
    "/security/openvpn",
    {
      status: { kind: "int", required: true, values: [0, 1] },
      tcp: port,
      udp: port,
      keepAlive: count,
      timeout: count,
      key: { kind: "int", values: [1, 2, 3, 4] },
      cipher: { kind: "int", values: [1, 2, 3, 4, 5] },
      hash: { kind: "int", values: [1, 2, 3] },
      tls: { kind: "int", values: [0, 1, 2] },
      interface: { kind: "int", values: [0, 1, 2] },
    },
    (s) => s,
  );
}
