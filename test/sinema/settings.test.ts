import { describe, expect, it } from "vitest";
import {
  API,
  calls,
  createChecked,
  errorFields,
  failingProperties,
  lifecycleOf,
  refreshDiff,
  secretPaths,
  expectNoOpUp,
  type FieldsOf,
  type PlainArgs,
  unchecked,
  updateChecked,
  useSinema,
} from "./support";
import {
  ApiSettings,
  AutoLogout,
  BackupSettings,
  BruteForcePrevention,
  DnsSettings,
  EmailSettings,
  NtpSettings,
  OidcSettings,
  OpenVpnAddressSpace,
  OpenVpnServerSettings,
  PasswordPolicy,
  ServerInformation,
  SnmpSettings,
  SyslogServer,
  SyslogSettings,
  UserLogSettings,
  VirtualSubnetAddressSpace,
  WebServerSettings,
} from "../../providers/sinema";
import type { Resource } from "../support/lifecycle";

type Props = Record<string, unknown>;

const rc = useSinema();
const lc = lifecycleOf;
const SMTP_PW = "smtp-pw-6b2f19";
const BACKUP_KEY = "backup-key-3e7a51";
const OIDC_SECRET = "oidc-client-secret-9d04c7";
const OIDC = {
  clientId: "sinema-rc",
  clientSecret: OIDC_SECRET,
  metadataUrl: "https://idp.plant.example/realms/plant/.well-known/openid-configuration",
  providerDescription: "Plant SSO",
  clientRedirectUrl: "https://rc.plant.example/oidc/client",
};

describe("sinema settings (singletons)", () => {
  it("DNS: writes the declared values over the live ones, restores the previous ones on destroy", async () => {
    const { id, outs } = await createChecked(DnsSettings, {
      connection: rc.connection,
      hostname: "rc.plant.example",
      dnsPrimary: "10.0.0.53",
      deletePolicy: "restore",
    });
    expect(id).toBe("dns");
    // One read serves both the values to restore and the base of the read-modify-write.
    expect(calls(rc.emu)).toEqual([
      "GET /system/network/dns",
      {
        "POST /system/network/dns": {
          hostname: "rc.plant.example",
          externallyResolvable: false,
          dnsPrimary: "10.0.0.53",
          dnsSecondary: "",
          dohActive: false,
          dnsResolver: "",
          dnsStamp: "",
        },
      },
    ]);
    expect(outs.restoreValues).toEqual({ hostname: "sinemarc.local", dnsPrimary: "192.168.1.1" });
    rc.emu.editSetting("dns", { dnsPrimary: "10.9.9.9" });
    expect((await lc(DnsSettings).read(id, outs)).inputs).toMatchObject({
      hostname: "rc.plant.example",
      dnsPrimary: "10.9.9.9",
    });
    await lc(DnsSettings).delete(id, outs);
    expect(rc.emu.setting("dns")).toMatchObject({ hostname: "sinemarc.local", dnsPrimary: "192.168.1.1" });
  });

  it("NTP: retains by default, turns NTP off with deletePolicy delete", async () => {
    const ntp = { connection: rc.connection, primaryNtp: "ptbtime1.ptb.de", timezone: "+01:00" };
    const kept = await createChecked(NtpSettings, ntp);
    rc.emu.clearRequests();
    await lc(NtpSettings).delete(kept.id, kept.outs);
    expect(rc.emu.requests).toEqual([]);
    const off = await createChecked(NtpSettings, { ...ntp, deletePolicy: "delete" });
    rc.emu.clearRequests();
    await lc(NtpSettings).delete(off.id, off.outs);
    expect(calls(rc.emu)).toEqual(["DELETE /system/dateandtime/ntp"]);
    expect(rc.emu.setting("ntp")).toMatchObject({ primaryNtp: "", timezone: "+01:00" });
    expect((await lc(NtpSettings).check({}, { ...ntp, timezone: "CET" })).failures).toEqual([
      { property: "timezone", reason: 'must be an offset from UTC such as "+01:00"' },
    ]);
  });

  it("E-mail: every declared setting travels with every write (the call replaces them all), the password stays write-only", async () => {
    const mail: PlainArgs<typeof EmailSettings> = {
      connection: rc.connection,
      enabled: true,
      method: "relay",
      lifeInQueue: 300,
      sender: "rc@plant.example",
      smtpServer: "smtp.plant.example",
      smtpPort: 587,
      tls: "binding",
      username: "rc",
      password: SMTP_PW,
    };
    const { id, outs } = await createChecked(EmailSettings, mail);
    expect(rc.emu.setting("email")).toMatchObject({
      enabled: true,
      method: 1,
      tls: 2,
      username: "rc",
      password: SMTP_PW,
    });
    rc.emu.clearRequests();
    await updateChecked(EmailSettings, id, outs, { ...mail, lifeInQueue: 600 });
    expect(calls(rc.emu)).toEqual([
      "GET /system/smsandemail/email",
      {
        "POST /system/smsandemail/email": {
          method: 1,
          lifeInQueue: 600,
          sender: "rc@plant.example",
          smtpServer: "smtp.plant.example",
          smtpPort: 587,
          tls: 2,
          enabled: true,
          username: "rc",
          password: SMTP_PW,
        },
      },
    ]);
    const read = await lc(EmailSettings).read(id, outs);
    expect(read.inputs).toMatchObject({ password: SMTP_PW, enabled: true });
    await lc(EmailSettings).delete(id, { ...outs, deletePolicy: "disable" });
    expect(rc.emu.setting("email")).toMatchObject({ enabled: false });
    const res = await lc(EmailSettings).check(
      {},
      { connection: rc.connection, enabled: true, method: "relay", username: "rc" },
    );
    expect(res.failures?.map((f) => f.property)).toEqual(["smtpServer", "smtpPort", "tls", "password"]);
  });

  it("server information text, auto logout, web server, API and Syslog settings write their documented fields", async () => {
    const info = await createChecked(ServerInformation, {
      connection: rc.connection,
      serverInformationText: "Authorised personnel only",
      showServerInformationOnLogin: true,
      showServerInformationOnServer: false,
      deletePolicy: "delete",
    });
    await createChecked(AutoLogout, { connection: rc.connection, wbmAutoLogoutTime: 15 });
    await createChecked(WebServerSettings, {
      connection: rc.connection,
      protocolTls13: "tls13Only",
      fallBackPort: 6221,
    });
    await createChecked(ApiSettings, { connection: rc.connection, tokenExpireTime: 2 });
    await createChecked(SyslogSettings, { connection: rc.connection, hostname: "rc-plant" });
    expect([
      rc.emu.setting("autologout"),
      rc.emu.setting("webserver"),
      rc.emu.setting("apisettings"),
      rc.emu.setting("syslogHostname"),
    ]).toEqual([
      { wbmAutoLogoutTime: 15 },
      {
        httpsPort: 443,
        httpsForwardingPort: 443,
        blockWebserverAccessFromWan: false,
        protocolTls13: 1,
        fallBackPort: 6221,
      },
      { tokenExpireTime: 2, active: true },
      { hostname: "rc-plant" },
    ]);
    await lc(ServerInformation).delete(info.id, info.outs);
    expect(rc.emu.setting("serverinformation")).toEqual({
      showServerInformationOnLogin: false,
      showServerInformationOnServer: false,
      serverInformationText: "",
    });
    const none = await lc(ServerInformation).check(
      {},
      {
        connection: rc.connection,
        serverInformationText: "x",
        showServerInformationOnLogin: false,
        showServerInformationOnServer: false,
      },
    );
    expect(none.failures).toEqual([
      {
        property: "showServerInformationOnLogin",
        reason: "at least one of showServerInformationOnLogin and showServerInformationOnServer must be true",
      },
    ]);
  });
});

describe("sinema.SyslogServer lifecycle", () => {
  it("sends the port as a string, reads it back as a number, and replaces on any change", async () => {
    const { id, inputs, outs } = await createChecked(SyslogServer, {
      connection: rc.connection,
      serverIp: "10.0.0.50",
      port: 514,
      protocol: "udp",
    });
    expect(calls(rc.emu)).toEqual([
      "GET /services/syslog",
      { "POST /services/syslog": { serverIp: "10.0.0.50", port: "514", protocol: 0 } },
      `GET /services/syslog/${id}`,
    ]);
    expect(outs.status).toBe("connected");
    expect((await lc(SyslogServer).read(id, outs)).inputs).toEqual(inputs);
    expect(await lc(SyslogServer).diff(id, outs, { ...inputs, protocol: "tcp" })).toEqual({
      replaces: ["protocol"],
      deleteBeforeReplace: true,
    });
  });
});

describe("taking over settings whose secrets cannot be read", () => {
  it("writes the declared write-only values even when every readable value already matches", async () => {
    rc.emu.editSetting("email", {
      method: 1,
      smtpServer: "smtp.plant.example",
      smtpPort: 587,
      tls: 2,
      sender: "rc@plant.example",
    });
    await createChecked(EmailSettings, {
      connection: rc.connection,
      enabled: true,
      smtpServer: "smtp.plant.example",
      username: "rc",
      password: SMTP_PW,
    });
    expect(rc.emu.setting("email")).toMatchObject({ enabled: true, username: "rc", password: SMTP_PW });
  });
});

type Setting = Parameters<typeof rc.emu.setting>[0];
/** The same value as the server stores it and as the program declares it. */
const same = <T extends Props>(v: T) => [v, v] as const;
interface SettingsCase<R extends Resource = Resource> {
  /** The resource class's name, which titles the tests. */
  kind: string;
  resource: R;
  setting: Setting;
  path: string;
  declared: FieldsOf<R>;
  /** An out-of-band edit (as the server stores it) and the inputs refresh then reports. */
  drift: readonly [Props, Partial<PlainArgs<R>>];
  /** One changed input and what the write carries for it. */
  change: readonly [Partial<PlainArgs<R>>, Props];
  /** Input that check refuses (bad on purpose, so not typed as the args), and the properties it names. */
  invalid: readonly [Props, string[]];
  /** Settings the server holds before (default: the factory settings). */
  previous?: Props;
}
/** A case whose declarations are typed as its resource's args. */
const kase = <R extends Resource>(resource: R, c: NoInfer<Omit<SettingsCase<R>, "kind" | "resource">>) =>
  ({ kind: resource.name, resource, ...c }) as unknown as SettingsCase;
const MAIL: FieldsOf<typeof EmailSettings> = {
  enabled: true,
  method: "relay",
  sender: "rc@plant.example",
  smtpServer: "smtp.plant.example",
  smtpPort: 587,
  tls: "binding",
  username: "rc",
  password: SMTP_PW,
};
const SETTINGS: SettingsCase[] = [
  kase(DnsSettings, {
    setting: "dns",
    path: "/system/network/dns",
    declared: { hostname: "rc.plant.example", dnsPrimary: "10.0.0.53" },
    drift: same({ hostname: "rc2.plant.example" }),
    change: same({ dnsPrimary: "10.0.0.54" }),
    invalid: [{ dohActive: true }, ["dnsResolver", "dnsStamp"]],
  }),
  kase(NtpSettings, {
    setting: "ntp",
    path: "/system/dateandtime/ntp",
    declared: { primaryNtp: "ptbtime1.ptb.de", timezone: "+01:00" },
    drift: same({ timezone: "+02:00" }),
    change: same({ primaryNtp: "ptbtime2.ptb.de" }),
    invalid: [{ secondNtp: "not a host!" }, ["secondNtp"]],
  }),
  kase(EmailSettings, {
    setting: "email",
    path: "/system/smsandemail/email",
    declared: MAIL,
    drift: [
      { smtpServer: "smtp.evil.example", tls: 1 },
      { smtpServer: "smtp.evil.example", tls: "opportunistic" },
    ],
    change: same({ lifeInQueue: 600 }),
    invalid: [{ smtpPort: 0, tls: "always" }, ["smtpPort", "tls"]],
  }),
  kase(WebServerSettings, {
    setting: "webserver",
    path: "/system/network/webserver",
    declared: { protocolTls13: "tls13Only", fallBackPort: 6221 },
    drift: [{ protocolTls13: 0 }, { protocolTls13: "tls12Only" }],
    change: same({ fallBackPort: 6222 }),
    invalid: [{ httpsPort: 70000, protocolTls13: "tls14" }, ["httpsPort", "protocolTls13"]],
  }),
  kase(AutoLogout, {
    setting: "autologout",
    path: "/system/settings/autologout",
    declared: { wbmAutoLogoutTime: 15 },
    drift: same({ wbmAutoLogoutTime: 60 }),
    change: same({ wbmAutoLogoutTime: 20 }),
    invalid: [{ wbmAutoLogoutTime: 0 }, ["wbmAutoLogoutTime"]],
  }),
  kase(ServerInformation, {
    setting: "serverinformation",
    path: "/system/settings/serverinformation",
    declared: {
      serverInformationText: "Authorised personnel only",
      showServerInformationOnLogin: true,
      showServerInformationOnServer: false,
    },
    drift: same({ showServerInformationOnServer: true }),
    change: [
      { serverInformationText: "Sessions are logged" },
      {
        serverInformationText: "Sessions are logged",
        showServerInformationOnLogin: true,
        showServerInformationOnServer: false,
      },
    ],
    invalid: [{ serverInformationText: "" }, ["serverInformationText"]],
    previous: { serverInformationText: "Old notice", showServerInformationOnLogin: true },
  }),
  kase(ApiSettings, {
    setting: "apisettings",
    path: "/services/apisettings",
    declared: { tokenExpireTime: 2 },
    drift: same({ tokenExpireTime: 7 }),
    change: [{ tokenExpireTime: 3 }, { tokenExpireTime: 3, active: true }],
    invalid: [{ tokenExpireTime: 1.5 }, ["tokenExpireTime"]],
  }),
  kase(SyslogSettings, {
    setting: "syslogHostname",
    path: "/services/syslog/hostname",
    declared: { hostname: "rc-plant" },
    drift: same({ hostname: "rc-other" }),
    change: same({ hostname: "rc-plant-2" }),
    invalid: [{ hostname: "" }, ["hostname"]],
  }),
  kase(PasswordPolicy, {
    setting: "passwordpolicy",
    path: "/security/general/passwordpolicy",
    declared: { policy: "userDefined", minPasswordLength: 12, minSpecialCharacter: 2 },
    drift: [
      { policy: 0, minPasswordLength: 8 },
      { policy: "default", minPasswordLength: 8 },
    ],
    change: same({ minUppercaseLetter: 2 }),
    invalid: [{ minPasswordLength: -1, policy: "strict" }, ["policy", "minPasswordLength"]],
  }),
  kase(BruteForcePrevention, {
    setting: "bruteforceprevention",
    path: "/security/general/bruteforceprevention",
    declared: { policy: "userDefined", failedLoginsBeforeBlocked: 3, ipAddressBlockPeriod: 600 },
    drift: [{ policy: 0 }, { policy: "default" }],
    change: [{ failedLoginsBeforeBlocked: 4 }, { policy: 1, failedLoginsBeforeBlocked: 4, ipAddressBlockPeriod: 600 }],
    invalid: [{ policy: "strict", failedLoginsBeforeBlocked: 1.5 }, ["policy", "failedLoginsBeforeBlocked"]],
  }),
  kase(SnmpSettings, {
    setting: "snmp",
    path: "/services/snmpsettings",
    declared: {
      enabled: true,
      supportSNMPv1AndSNMPv2: false,
      interface: "lan",
      securityLevel: "authPriv",
      username: "nms",
    },
    drift: [{ supportSNMPv1AndSNMPv2: true, encryptionMethod: 0 }, { supportSNMPv1AndSNMPv2: true }],
    change: [{ interface: "wanAndLan" }, { interface: 2 }],
    invalid: [{ port: 0, securityLevel: "authOnly" }, ["securityLevel", "port"]],
  }),
  kase(BackupSettings, {
    setting: "backup",
    path: "/system/backup/settings",
    declared: { maxNrOfBackups: 10, interval: "daily", time: "02:30:00", codingKey: BACKUP_KEY },
    drift: [{ interval: 2 }, { interval: "everySunday" }],
    change: [{ time: "03:00:00" }, { maxNrOfBackups: 10, interval: 1, time: "03:00:00", codingKey: BACKUP_KEY }],
    invalid: [{ time: "2:30", interval: "hourly" }, ["interval", "time"]],
  }),
  kase(OpenVpnServerSettings, {
    setting: "openvpn",
    path: "/security/openvpn",
    declared: { udp: 1195, cipher: "aes256", hash: "sha512", tls: "tls12" },
    drift: [{ cipher: 1 }, { cipher: "aes128" }],
    change: [{ udp: 1196 }, { udp: 1196, status: 1 }],
    invalid: [{ tcp: 0, key: "dh512" }, ["tcp", "key"]],
  }),
  kase(UserLogSettings, {
    setting: "userlog",
    path: "/system/userlog",
    declared: { userLogTracing: true },
    drift: same({ userLogTracing: false }),
    change: same({ userLogTracing: false }),
    invalid: [{ userLogTracing: "yes" }, ["userLogTracing"]],
  }),
  kase(OidcSettings, {
    setting: "oidc",
    path: "/services/oidcsettings",
    declared: OIDC,
    drift: same({ providerDescription: "Old SSO" }),
    change: [{ providerDescription: "Plant login" }, { ...OIDC, providerDescription: "Plant login" }],
    invalid: [{ clientId: "", metadataUrl: "https://idp.plant.example/" }, ["clientId", "metadataUrl"]],
  }),
  kase(VirtualSubnetAddressSpace, {
    setting: "virtualsubnet",
    path: "/system/vpnaddressspace/virtualsubnetsettings",
    declared: { startAddress: "10.200.0.0", networkMask: "255.255.0.0", endAddress: "10.200.255.0" },
    drift: same({ endAddress: "10.200.127.0" }),
    change: [
      { endAddress: "10.200.200.0" },
      { startAddress: "10.200.0.0", networkMask: "255.255.0.0", endAddress: "10.200.200.0" },
    ],
    invalid: [
      { startAddress: "10.200.0", networkMask: "255.0.255.0", endAddress: "10.201.0.0" },
      ["startAddress", "networkMask"],
    ],
  }),
  kase(OpenVpnAddressSpace, {
    setting: "openvpnaddressspace",
    path: "/system/vpnaddressspace/openvpn",
    declared: {
      tcpStartIp: "172.30.0.0",
      tcpNetmask: "255.255.0.0",
      udpStartIp: "172.31.0.0",
      udpNetmask: "255.255.0.0",
      fixedIpProtocol: "udp",
      fixedIpLocation: "last",
      fixedIpLength: 50,
    },
    drift: [{ fixedIpLength: 20 }, { fixedIpLength: 20 }],
    change: [{ fixedIpLength: 100 }, { udpStartIp: "172.31.0.0", fixedIpLength: 100 }],
    invalid: [{ tcpNetmask: "255.0.255.0", fixedIpLength: 0 }, ["tcpNetmask", "fixedIpLength"]],
  }),
];
const declare = (c: SettingsCase, extra: Props = {}) => ({
  connection: rc.connection,
  ...c.declared,
  ...extra,
});
const writes = () => calls(rc.emu).filter((c) => typeof c !== "string");
const restorable = SETTINGS.filter((c) => lc(c.resource).deletePolicies.includes("restore"));

describe.each(SETTINGS)("sinema.$kind (settings) lifecycle", (c) => {
  it("reports an out-of-band edit as drift of that property, to be corrected in place", async () => {
    const { id, outs } = await createChecked(c.resource, declare(c));
    rc.emu.editSetting(c.setting, c.drift[0]);
    rc.emu.clearRequests();
    const { inputs, diff } = await refreshDiff(c.resource, id, outs);
    expect(inputs).toMatchObject(c.drift[1]);
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
    expect(writes()).toEqual([]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(c.resource, declare(c), rc.emu));

  it("writes one changed setting with exactly one write", async () => {
    const { id, outs } = await createChecked(c.resource, declare(c));
    rc.emu.clearRequests();
    await updateChecked(c.resource, id, outs, declare(c, c.change[0]));
    expect(writes()).toEqual([{ [`POST ${c.path}`]: expect.objectContaining(c.change[1]) }]);
    expect(rc.emu.setting(c.setting)).toMatchObject(c.change[1]);
  });

  it("retains the settings on destroy by default, sending nothing", async () => {
    const { id, outs } = await createChecked(c.resource, declare(c));
    const applied = rc.emu.setting(c.setting);
    rc.emu.clearRequests();
    await lc(c.resource).delete(id, outs);
    expect(rc.emu.requests).toEqual([]);
    expect(rc.emu.setting(c.setting)).toEqual(applied);
  });

  it("fails invalid input in check with the property path, before any request", async () => {
    expect(await failingProperties(c.resource, unchecked(declare(c, c.invalid[0])))).toEqual(c.invalid[1]);
    expect(rc.emu.requests).toEqual([]);
  });
});

describe.each(restorable)("sinema.$kind (settings) with deletePolicy restore", (c) => {
  it("writes back the settings found before on destroy", async () => {
    if (c.previous) rc.emu.editSetting(c.setting, c.previous);
    const before = rc.emu.setting(c.setting);
    const { id, outs } = await createChecked(c.resource, declare(c, { deletePolicy: "restore" }));
    expect(rc.emu.setting(c.setting)).not.toEqual(before);
    await lc(c.resource).delete(id, outs);
    expect(rc.emu.setting(c.setting)).toEqual(before);
  });
});

describe("sinema restore of settings that were not configured before", () => {
  // The settings write refuses "nothing" (the text and the primary NTP server are required), so restore deletes.
  it("deletes the server information text on destroy when there was none, instead of a write the server refuses", async () => {
    const factory = rc.emu.setting("serverinformation");
    expect(factory.serverInformationText).toBe("");
    const declared: PlainArgs<typeof ServerInformation> = {
      connection: rc.connection,
      serverInformationText: "Authorised personnel only",
      showServerInformationOnLogin: true,
      showServerInformationOnServer: false,
      deletePolicy: "restore",
    };
    const { id, outs } = await createChecked(ServerInformation, declared);
    rc.emu.clearRequests();
    await lc(ServerInformation).delete(id, outs);
    expect(calls(rc.emu)).toEqual(["DELETE /system/settings/serverinformation"]);
    expect(rc.emu.setting("serverinformation")).toEqual(factory);
  });

  it("turns NTP off again on destroy when it was off, and writes the servers back when it was on", async () => {
    rc.emu.editSetting("ntp", { primaryNtp: "", secondNtp: "" });
    const declared: PlainArgs<typeof NtpSettings> = {
      connection: rc.connection,
      primaryNtp: "ptbtime1.ptb.de",
      timezone: "+01:00",
      deletePolicy: "restore",
    };
    const off = await createChecked(NtpSettings, declared);
    rc.emu.clearRequests();
    await lc(NtpSettings).delete(off.id, off.outs);
    expect(calls(rc.emu)).toEqual(["DELETE /system/dateandtime/ntp"]);
    expect(rc.emu.setting("ntp")).toMatchObject({ primaryNtp: "", secondNtp: "" });

    rc.emu.editSetting("ntp", { primaryNtp: "pool.ntp.org", timezone: "+00:00" });
    const on = await createChecked(NtpSettings, declared);
    rc.emu.clearRequests();
    await lc(NtpSettings).delete(on.id, on.outs);
    expect(calls(rc.emu).map((c) => (typeof c === "string" ? c : Object.keys(c as object)[0]))).toEqual([
      "GET /system/dateandtime/ntp",
      "POST /system/dateandtime/ntp",
    ]);
    expect(rc.emu.setting("ntp")).toMatchObject({ primaryNtp: "pool.ntp.org", timezone: "+00:00" });
  });
});

describe("sinema settings whose write requires a property the program left out", () => {
  // The POST requires primaryNtp and timezone (NTP), hostname and dohActive (DNS); a write carries the live values,
  // so leaving one out works while the server has it. Where it has none, the error names it before any write.
  it("NTP: a declaration without primaryNtp on a server with NTP off fails naming primaryNtp, without a write", async () => {
    rc.emu.editSetting("ntp", { primaryNtp: "", secondNtp: "" });
    const err = await createChecked(NtpSettings, { connection: rc.connection, timezone: "+01:00" }).catch((e) => e);
    expect(err.message).toBe(
      "primaryNtp: the server requires primaryNtp in every write of these settings, and it has no value to keep (NTP is off on the server): declare primaryNtp",
    );
    expect(calls(rc.emu)).toEqual(["GET /system/dateandtime/ntp"]);
    expect(rc.emu.setting("ntp")).toMatchObject({ primaryNtp: "", timezone: "+00:00" });
  });

  it("NTP and DNS: a declaration without the required properties is written where the server holds them", async () => {
    await createChecked(NtpSettings, { connection: rc.connection, secondNtp: "ptbtime2.ptb.de" });
    await createChecked(DnsSettings, { connection: rc.connection, dnsPrimary: "10.0.0.53" });
    expect(rc.emu.setting("ntp")).toMatchObject({ primaryNtp: "pool.ntp.org", secondNtp: "ptbtime2.ptb.de" });
    expect(rc.emu.setting("dns")).toMatchObject({ hostname: "sinemarc.local", dohActive: false });
  });

  it("DNS: a declaration without hostname on a server that has none fails naming hostname, without a write", async () => {
    rc.emu.editSetting("dns", { hostname: "" });
    const err = await createChecked(DnsSettings, { connection: rc.connection, dnsPrimary: "10.0.0.53" }).catch(
      (e) => e,
    );
    expect(err.message).toMatch(/^hostname: .*no host name is set on the server\): declare hostname$/);
    expect(calls(rc.emu)).toEqual(["GET /system/network/dns"]);
  });
});

const FACTORY_OPENVPN = {
  status: 1,
  tcp: 5443,
  udp: 1194,
  keepAlive: 20,
  timeout: 120,
  key: 3,
  cipher: 3,
  hash: 2,
  tls: 2,
  interface: 0,
};
describe("sinema security settings", () => {
  it("BruteForcePrevention: disabling accounts instead of blocking needs acknowledgeLockoutRisk, which check explains and which is never sent", async () => {
    const declared: PlainArgs<typeof BruteForcePrevention> = {
      connection: rc.connection,
      policy: "userDefined",
      failedLoginsBeforeBlocked: 5,
      disableInsteadOfBlock: true,
    };
    const res = await lc(BruteForcePrevention).check({}, declared);
    expect(res.failures).toHaveLength(1);
    expect(res.failures![0].property).toBe("acknowledgeLockoutRisk");
    expect(res.failures![0].reason).toMatch(/disable the API user this provider logs in with/);
    expect(rc.emu.requests).toEqual([]);
    const { outs } = await createChecked(BruteForcePrevention, { ...declared, acknowledgeLockoutRisk: true });
    expect(calls(rc.emu)).toEqual([
      "GET /security/general/bruteforceprevention",
      {
        "POST /security/general/bruteforceprevention": {
          policy: 1,
          failedLoginsBeforeBlocked: 5,
          disableInsteadOfBlock: 1,
        },
      },
    ]);
    expect(rc.emu.setting("bruteforceprevention")).toMatchObject({ policy: 1, disableInsteadOfBlock: 1 });
    // Destroy with `disable` puts the pre-configured rule back.
    await lc(BruteForcePrevention).delete("bruteforceprevention", { ...outs, deletePolicy: "disable" });
    expect(rc.emu.setting("bruteforceprevention")).toMatchObject({ policy: 0 });
  });

  it("BruteForcePrevention: the limits cannot be read, so taking over writes them even when the policy matches", async () => {
    rc.emu.editSetting("bruteforceprevention", { policy: 1 });
    await createChecked(BruteForcePrevention, {
      connection: rc.connection,
      policy: "userDefined",
      ipAddressBlockPeriod: 900,
    });
    expect(rc.emu.setting("bruteforceprevention")).toMatchObject({ policy: 1, ipAddressBlockPeriod: 900 });
  });

  it("SnmpSettings: deletePolicy delete removes the SNMP settings with the DELETE call", async () => {
    const factory = rc.emu.setting("snmp");
    const { id, outs } = await createChecked(SnmpSettings, {
      connection: rc.connection,
      enabled: true,
      port: 1161,
      deletePolicy: "delete",
    });
    expect(rc.emu.setting("snmp")).toMatchObject({ enabled: true, port: 1161 });
    rc.emu.clearRequests();
    await lc(SnmpSettings).delete(id, outs);
    expect(calls(rc.emu)).toEqual(["DELETE /services/snmpsettings"]);
    expect(rc.emu.setting("snmp")).toEqual(factory);
  });

  it("OpenVpnServerSettings: turning OpenVPN off needs acknowledgeConnectionLoss, which check explains and which is never sent", async () => {
    const off: PlainArgs<typeof OpenVpnServerSettings> = { connection: rc.connection, status: "deactivated" };
    const res = await lc(OpenVpnServerSettings).check({}, off);
    expect(res.failures?.map((f) => f.property)).toEqual(["acknowledgeConnectionLoss"]);
    expect(res.failures![0].reason).toMatch(/every device and user tunnel ends/);
    expect(rc.emu.requests).toEqual([]);
    await createChecked(OpenVpnServerSettings, { ...off, acknowledgeConnectionLoss: true });
    expect(writes()).toEqual([{ "POST /security/openvpn": { ...FACTORY_OPENVPN, status: 0 } }]);
  });

  it("BackupSettings: the coding key is a write-only secret that travels with every write and stays out of errors", async () => {
    const declared = { connection: rc.connection, interval: "daily", codingKey: BACKUP_KEY } as const;
    const { id, outs } = await createChecked(BackupSettings, declared);
    expect(rc.emu.setting("backup")).toMatchObject({ interval: 1, codingKey: BACKUP_KEY });
    expect(secretPaths(outs, BACKUP_KEY)).toEqual(["codingKey"]);
    const read = await lc(BackupSettings).read(id, outs);
    expect(read.inputs).toMatchObject({ codingKey: BACKUP_KEY, interval: "daily" });
    rc.emu.inject({
      method: "POST",
      path: `${API}/system/backup/settings`,
      kind: "status",
      status: 422,
      body: { detail: "Invalid settings", errors: { codingKey: `${BACKUP_KEY} is too weak` } },
    });
    const err = await updateChecked(BackupSettings, id, outs, { ...declared, interval: "everySaturday" }).catch(
      (e) => e,
    );
    expect(err.message).toContain("codingKey: [redacted] is too weak");
    expect(secretPaths(errorFields(err), BACKUP_KEY)).toEqual([]);
    await lc(BackupSettings).delete(id, { ...outs, deletePolicy: "disable" });
    expect(rc.emu.setting("backup")).toMatchObject({ interval: 0 });
  });

  it("OidcSettings: the client secret is a secret output, a changed one shows as drift, and delete removes the provider", async () => {
    const declared = { connection: rc.connection, ...OIDC, deletePolicy: "delete" } as const;
    const { id, outs } = await createChecked(OidcSettings, declared);
    expect(rc.emu.setting("oidc")).toMatchObject({ ...OIDC, active: true });
    expect(secretPaths(outs, OIDC_SECRET)).toEqual(["clientSecret"]);
    rc.emu.editSetting("oidc", { clientSecret: "rotated-at-the-idp-55e1" });
    const { inputs, diff } = await refreshDiff(OidcSettings, id, outs);
    expect(inputs).toMatchObject({ clientSecret: "rotated-at-the-idp-55e1" });
    expect(diff.changes).not.toBe(false);
    rc.emu.clearRequests();
    await lc(OidcSettings).delete(id, outs);
    expect(calls(rc.emu)).toEqual(["DELETE /services/oidcsettings"]);
    expect(rc.emu.setting("oidc")).toMatchObject({ active: false, clientSecret: "" });
  });

  it("BackupSettings: a time the server prints with spaces reads as the same time", async () => {
    const { id, outs } = await createChecked(BackupSettings, { connection: rc.connection, time: "02:30:00" });
    rc.emu.editSetting("backup", { time: "02: 30: 00" });
    const { inputs, diff } = await refreshDiff(BackupSettings, id, outs);
    expect(inputs).toMatchObject({ time: "02:30:00" });
    expect(diff.changes).toBe(false);
  });

  it("PasswordPolicy and BruteForcePrevention: limits need policy userDefined", async () => {
    const pw = await lc(PasswordPolicy).check({}, { connection: rc.connection, minPasswordLength: 12 });
    expect(pw.failures).toEqual([
      {
        property: "minPasswordLength",
        reason: 'applies only with policy "userDefined"; declare policy: "userDefined"',
      },
    ]);
    const bf = await failingProperties(
      BruteForcePrevention,
      unchecked({ connection: rc.connection, policy: "default", ipAddressBlockPeriod: 60 }),
    );
    expect(bf).toEqual(["ipAddressBlockPeriod"]);
    expect(rc.emu.requests).toEqual([]);
  });
});

describe("sinema.EmailSettings secrets", () => {
  it("keeps the SMTP password to its own output, and out of error messages", async () => {
    const mail = { connection: rc.connection, ...MAIL };
    const { id, outs } = await createChecked(EmailSettings, mail);
    expect(secretPaths(outs, SMTP_PW)).toEqual(["password"]);
    expect(secretPaths((await lc(EmailSettings).read(id, outs)).props, SMTP_PW)).toEqual(["password"]);
    rc.emu.inject({
      method: "POST",
      path: `${API}/system/smsandemail/email`,
      kind: "status",
      status: 422,
      body: { detail: "Invalid settings", errors: { password: `${SMTP_PW} is refused by the relay` } },
    });
    const err = await updateChecked(EmailSettings, id, outs, { ...mail, lifeInQueue: 600 }).catch((e) => e);
    expect(err.message).toBe(
      "sinema API 422 on POST /api/v1/system/smsandemail/email: Invalid settings; password: [redacted] is refused by the relay",
    );
    expect(secretPaths(errorFields(err), SMTP_PW)).toEqual([]);
  });
});
