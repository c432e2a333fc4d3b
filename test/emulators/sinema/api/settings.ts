/** The settings singletons: GET/POST (some DELETE) of one object each. */
import { factorySettings } from "../store";
import { type Context, checked, fail, ok } from "./shared";

/** Policy 0 ("Default: Pre-configured settings") brings the pre-configured values with it (this emulator's reading). */
const preConfigured = (name: "passwordpolicy" | "bruteforceprevention") => (s: Record<string, unknown>) =>
  s.policy === 0 ? factorySettings()[name] : s;

export function settingRoutes({ setting, route, db }: Context): void {
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
  addressSpaceRoutes({ setting, route, db } as Context);
  // The user log: POST switches tracking; switching on what is on answers 409, as documented.
  route("POST /system/userlog", (req) =>
    checked(req.body, { userLogTracing: { kind: "bool", required: true } }, false, "Invalid settings", (v) => {
      if (v.userLogTracing === true && db.settings.userlog.userLogTracing === true)
        return fail(409, "The function is already active");
      db.settings.userlog = { userLogTracing: v.userLogTracing };
      return ok();
    }),
  );
  route("GET /system/userlog", () => ok(db.settings.userlog));
  // OAuth/OpenID: a POST with all five values turns it on; the GET returns the client secret, as documented.
  setting(
    "oidc",
    "/services/oidcsettings",
    {
      clientId: { kind: "string", required: true, min: 1 },
      clientSecret: { kind: "string", required: true, min: 1 },
      metadataUrl: { kind: "string", required: true, min: 1 },
      providerDescription: { kind: "string", required: true, min: 1 },
      clientRedirectUrl: { kind: "string", required: true, min: 1 },
    },
    (s) => s,
    (v) =>
      String(v.metadataUrl).endsWith("/.well-known/openid-configuration")
        ? {}
        : { metadataUrl: "OpenID configuration could not be retrieved" },
    () => factorySettings().oidc,
    [],
    (s) => ({ ...s, active: true, redirectUrl: "https://rc.plant.example/oidc/callback" }),
  );
}

const ipInt = (ip: unknown) =>
  String(ip)
    .split(".")
    .reduce((n, o) => n * 256 + Number(o), 0);
const dotted = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
const lastOf = (start: unknown, mask: unknown) => (ipInt(start) | (~ipInt(mask) >>> 0)) >>> 0;

/**
 * The address spaces: POST specifies (and, for the virtual subnets, activates), PUT edits the given values,
 * DELETE deactivates (the virtual subnets: 409 when already off; OpenVPN: only the fixed IP address space).
 */
function addressSpaceRoutes({ setting, route, db }: Context): void {
  const vs = "/system/vpnaddressspace/virtualsubnetsettings";
  const vsRules = {
    startAddress: { kind: "ipv4", required: true },
    networkMask: { kind: "ipv4", required: true },
    endAddress: { kind: "ipv4", required: true },
  } as const;
  const vsExtra = (v: Record<string, unknown>) => {
    const s = { ...db.settings.virtualsubnet, ...v };
    const end = ipInt(s.endAddress);
    return end >= ipInt(s.startAddress) && end <= lastOf(s.startAddress, s.networkMask)
      ? {}
      : { endAddress: "must be within the range of the start address and the network mask" };
  };
  // This emulator's reading of "available networks": the /24 networks from the start to the end address.
  const vsView = (s: Record<string, unknown>) => ({
    ...s,
    totalAvailableNetworks: s.networkPoolActive
      ? Math.floor((ipInt(s.endAddress) - ipInt(s.startAddress)) / 256) + 1
      : 0,
  });
  setting("virtualsubnet", vs, vsRules, vsView, vsExtra, undefined, [], (s) => ({ ...s, networkPoolActive: true }));
  route(`PUT ${vs}`, (req) =>
    checked(
      req.body,
      vsRules,
      true,
      "Invalid settings",
      (v) => ((db.settings.virtualsubnet = { ...db.settings.virtualsubnet, ...v }), ok()),
      vsExtra,
    ),
  );
  route(`DELETE ${vs}`, () => {
    if (!db.settings.virtualsubnet.networkPoolActive) return fail(409, "The network address space is already disabled");
    db.settings.virtualsubnet = { ...db.settings.virtualsubnet, networkPoolActive: false };
    return ok();
  });

  const ov = "/system/vpnaddressspace/openvpn";
  const ovRules = {
    tcpStartIp: { kind: "ipv4", required: true },
    tcpNetmask: { kind: "ipv4", required: true },
    udpStartIp: { kind: "ipv4", required: true },
    udpNetmask: { kind: "ipv4", required: true },
    fixedIpProtocol: { kind: "int", values: [1, 2] },
    fixedIpLocation: { kind: "int", values: [1, 2] },
    fixedIpLength: { kind: "int", min: 1 },
  } as const;
  // "Activate fixed IP address space" is only activated when all three optional values are specified.
  const ovStored = (s: Record<string, unknown>) => s;
  const ovView = (s: Record<string, unknown>) => ({
    ...s,
    tcpEndIp: dotted(lastOf(s.tcpStartIp, s.tcpNetmask)),
    udpEndIp: dotted(lastOf(s.udpStartIp, s.udpNetmask)),
  });
  const fixedGiven = (v: Record<string, unknown>) =>
    v.fixedIpProtocol !== undefined && v.fixedIpLocation !== undefined && v.fixedIpLength !== undefined;
  route(`GET ${ov}`, () => ok(ovView(db.settings.openvpnaddressspace)));
  for (const method of ["POST", "PUT"] as const)
    route(`${method} ${ov}`, (req) =>
      checked(req.body, ovRules, method === "PUT", "Invalid settings", (v) => {
        const next = { ...db.settings.openvpnaddressspace, ...v };
        db.settings.openvpnaddressspace = ovStored({
          ...next,
          fixedIpActive: fixedGiven(method === "POST" ? v : next),
        });
        return ok();
      }),
    );
  route(`DELETE ${ov}`, () => {
    db.settings.openvpnaddressspace = { ...db.settings.openvpnaddressspace, fixedIpActive: false };
    return ok();
  });
}
