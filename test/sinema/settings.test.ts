import { describe, expect, it } from "vitest";
import { calls, createChecked, lifecycle, updateChecked, useSinema } from "./support";

const rc = useSinema();
const lc = (name: string) => lifecycle(`sinema:${name}`);
const SMTP_PW = "smtp-pw-6b2f19";

describe("sinema settings (singletons)", () => {
  it("DNS: writes the declared values over the live ones, restores the previous ones on destroy", async () => {
    const { id, outs } = await createChecked("sinema:DnsSettings", { connection: rc.connection, hostname: "rc.plant.example", dnsPrimary: "10.0.0.53", deletePolicy: "restore" });
    expect(id).toBe("dns");
    expect(calls(rc.emu)).toEqual([
      "GET /system/network/dns",
      "GET /system/network/dns",
      { "POST /system/network/dns": { hostname: "rc.plant.example", externallyResolvable: false, dnsPrimary: "10.0.0.53", dnsSecondary: "", dohActive: false, dnsResolver: "", dnsStamp: "" } },
    ]);
    expect(outs.restoreValues).toEqual({ hostname: "sinemarc.local", dnsPrimary: "192.168.1.1" });
    rc.emu.editSetting("dns", { dnsPrimary: "10.9.9.9" });
    expect((await lc("DnsSettings").read(id, outs)).inputs).toMatchObject({ hostname: "rc.plant.example", dnsPrimary: "10.9.9.9" });
    await lc("DnsSettings").delete(id, outs);
    expect(rc.emu.setting("dns")).toMatchObject({ hostname: "sinemarc.local", dnsPrimary: "192.168.1.1" });
  });

  it("NTP: retains by default, turns NTP off with deletePolicy delete", async () => {
    const ntp = { connection: rc.connection, primaryNtp: "ptbtime1.ptb.de", timezone: "+01:00" };
    const kept = await createChecked("sinema:NtpSettings", ntp);
    rc.emu.clearRequests();
    await lc("NtpSettings").delete(kept.id, kept.outs);
    expect(rc.emu.requests).toEqual([]);
    const off = await createChecked("sinema:NtpSettings", { ...ntp, deletePolicy: "delete" });
    rc.emu.clearRequests();
    await lc("NtpSettings").delete(off.id, off.outs);
    expect(calls(rc.emu)).toEqual(["DELETE /system/dateandtime/ntp"]);
    expect(rc.emu.setting("ntp")).toMatchObject({ primaryNtp: "", timezone: "+01:00" });
    expect((await lc("NtpSettings").check({}, { ...ntp, timezone: "CET" })).failures).toEqual([{ property: "timezone", reason: 'must be an offset from UTC such as "+01:00"' }]);
  });

  it("E-mail: every declared setting travels with every write (the call replaces them all), the password stays write-only", async () => {
    const mail = { connection: rc.connection, enabled: true, method: "relay", lifeInQueue: 300, sender: "rc@plant.example", smtpServer: "smtp.plant.example", smtpPort: 587, tls: "binding", username: "rc", password: SMTP_PW };
    const { id, outs } = await createChecked("sinema:EmailSettings", mail);
    expect(rc.emu.setting("email")).toMatchObject({ enabled: true, method: 1, tls: 2, username: "rc", password: SMTP_PW });
    rc.emu.clearRequests();
    await updateChecked("sinema:EmailSettings", id, outs, { ...mail, lifeInQueue: 600 });
    expect(calls(rc.emu)).toEqual([
      "GET /system/smsandemail/email",
      { "POST /system/smsandemail/email": { method: 1, lifeInQueue: 600, sender: "rc@plant.example", smtpServer: "smtp.plant.example", smtpPort: 587, tls: 2, enabled: true, username: "rc", password: SMTP_PW } },
    ]);
    const read = await lc("EmailSettings").read(id, outs);
    expect(read.inputs).toMatchObject({ password: SMTP_PW, enabled: true });
    await lc("EmailSettings").delete(id, { ...outs, deletePolicy: "disable" });
    expect(rc.emu.setting("email")).toMatchObject({ enabled: false });
    const res = await lc("EmailSettings").check({}, { connection: rc.connection, enabled: true, method: "relay", username: "rc" });
    expect(res.failures?.map((f) => f.property)).toEqual(["smtpServer", "smtpPort", "tls", "password"]);
  });

  it("server information text, auto logout, web server, API and Syslog settings write their documented fields", async () => {
    const info = await createChecked("sinema:ServerInformation", { connection: rc.connection, serverInformationText: "Authorised personnel only", showServerInformationOnLogin: true, showServerInformationOnServer: false, deletePolicy: "delete" });
    await createChecked("sinema:AutoLogout", { connection: rc.connection, wbmAutoLogoutTime: 15 });
    await createChecked("sinema:WebServerSettings", { connection: rc.connection, protocolTls13: "tls13Only", fallBackPort: 6221 });
    await createChecked("sinema:ApiSettings", { connection: rc.connection, tokenExpireTime: 2 });
    await createChecked("sinema:SyslogSettings", { connection: rc.connection, hostname: "rc-plant" });
    expect([rc.emu.setting("autologout"), rc.emu.setting("webserver"), rc.emu.setting("apisettings"), rc.emu.setting("syslogHostname")]).toEqual([
      { wbmAutoLogoutTime: 15 },
      { httpsPort: 443, httpsForwardingPort: 443, blockWebserverAccessFromWan: false, protocolTls13: 1, fallBackPort: 6221 },
      { tokenExpireTime: 2, active: true },
      { hostname: "rc-plant" },
    ]);
    await lc("ServerInformation").delete(info.id, info.outs);
    expect(rc.emu.setting("serverinformation")).toEqual({ showServerInformationOnLogin: false, showServerInformationOnServer: false, serverInformationText: "" });
    const none = await lc("ServerInformation").check({}, { connection: rc.connection, serverInformationText: "x", showServerInformationOnLogin: false, showServerInformationOnServer: false });
    expect(none.failures).toEqual([{ property: "showServerInformationOnLogin", reason: "at least one of showServerInformationOnLogin and showServerInformationOnServer must be true" }]);
  });
});

describe("sinema.SyslogServer lifecycle", () => {
  it("sends the port as a string, reads it back as a number, and replaces on any change", async () => {
    const { id, inputs, outs } = await createChecked("sinema:SyslogServer", { connection: rc.connection, serverIp: "10.0.0.50", port: 514, protocol: "udp" });
    expect(calls(rc.emu)).toEqual(["GET /services/syslog", { "POST /services/syslog": { serverIp: "10.0.0.50", port: "514", protocol: 0 } }, `GET /services/syslog/${id}`]);
    expect(outs.status).toBe("connected");
    expect((await lc("SyslogServer").read(id, outs)).inputs).toEqual(inputs);
    expect(await lc("SyslogServer").diff(id, outs, { ...inputs, protocol: "tcp" })).toEqual({ replaces: ["protocol"], deleteBeforeReplace: true });
  });
});

describe("taking over settings whose secrets cannot be read", () => {
  it("writes the declared write-only values even when every readable value already matches", async () => {
    rc.emu.editSetting("email", { method: 1, smtpServer: "smtp.plant.example", smtpPort: 587, tls: 2, sender: "rc@plant.example" });
    await createChecked("sinema:EmailSettings", { connection: rc.connection, enabled: true, smtpServer: "smtp.plant.example", username: "rc", password: SMTP_PW });
    expect(rc.emu.setting("email")).toMatchObject({ enabled: true, username: "rc", password: SMTP_PW });
  });
});
