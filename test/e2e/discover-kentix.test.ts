/**
 * `facility discover` of a fully populated Kentix appliance: every kind registered for Kentix configured by hand
 * (access control, devices, collections, settings). The program it writes names every kind (or the kind is in
 * NOT_DISCOVERED below, with why), `up` adopts the whole site with zero writes and no drift, and `facility drift`
 * over the adopted stack reports every kind in sync. Replaces the three partial round trips (alarm groups and webhooks,
 * access, devices).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "../../providers/kentix";
import { models } from "../../providers/core/resource/registry";
import { tlsFixture } from "../emulators/common";
import * as kentixEmulator from "../emulators/kentix";
import { CAMERA_DEFAULTS, type KentixCollection, type KentixEmulator, startKentix } from "../emulators/kentix";
import { COLLECTIONS } from "../emulators/kentix/api";
import { type ConfigValue, createEngine } from "../engine";
import { plaintextSecrets, SECRETS } from "../secrets";
import { facility, scratchDir } from "./facility";

/**
 * Kinds registered for Kentix that `facility discover` does not declare, each with the reason. A new kind is
 * either discovered (the test fails until the program declares it) or named here.
 */
const NOT_DISCOVERED: Record<string, string> = {
  // The SmartAPI lists no outlets (their ids come from the SmartPDU overview); a program selects one by its id.
  Outlet: "no listing: an outlet's id comes from the SmartPDU overview",
};

/** Values of the config keys the discovered program looks up (its secrets), by the key's ending. */
const CONFIG_VALUES: [RegExp, string | boolean][] = [
  [/^camera\w*Password$/, CAMERA_DEFAULTS.passsword],
  [/^snmpCredential\w*Community$/, SECRETS.kentixSnmpCommunity],
  [/^vdsSettingsKey$/, SECRETS.kentixVdsKey],
  [/^smsGatewaySettingsPassword$/, SECRETS.kentixSmsGatewayPassword],
  [/^ldapSettingsBindPassword$/, SECRETS.kentixLdapBindPassword],
  [/^communicationKeyCommunicationKey$/, SECRETS.kentixCommunicationKey],
  [/^userGuardRfidUid$/, SECRETS.kentixUserCard],
  [/^userGuardPin$/, SECRETS.kentixUserPin],
  [/^webhookSocBearerToken$/, SECRETS.socToken],
  [/AcknowledgeConnectionLoss$/, true], // a guarded kind's acknowledgement, which the appliance cannot return
];

let emu: KentixEmulator;
let statePath: string;
const hardware = new Set<string>(); // the device collections seeded (the API cannot create or delete them)
let dir: string; // inside the repository, so the program resolves pulumi-facility as a user's project does
const WEEK = `${"0000000FFFFFFFFFFFF00000".repeat(5)}${"0".repeat(48)}`;

beforeAll(async () => {
  emu = await startKentix({ tokens: [SECRETS.kentixToken], https: "ca" });
  dir = scratchDir("discover-kentix-");
  statePath = path.join(dir, "adopt.json");
  // Hardware taught in on the appliance: every SEEDED_<COLLECTION> the emulator exports, so a new device kind's
  // seeded pair is found here without a change.
  for (const [name, devices] of Object.entries(kentixEmulator)) {
    const collection = name.replace(/^SEEDED_/, "").toLowerCase() as KentixCollection;
    if (!name.startsWith("SEEDED_") || !(collection in COLLECTIONS)) continue;
    hardware.add(collection);
    for (const device of devices as Record<string, unknown>[]) emu.insert(collection, device);
  }

  // Access control configured by hand: holidays, office hours, a lock on them, a level profile, users.
  const zone = emu.insert("alarmgroups", { name: "HQ" });
  const hook = emu.insert("webhooks", {
    name: "SOC",
    url: "https://soc.example/hook",
    request_type: 0,
    content_type: 1,
    authentication_mode: 2,
    username: SECRETS.socToken,
  });
  // An alarm-group tree with a webhook relation and notification limits (the brownfield site of the first round trip).
  const building = emu.insert("alarmgroups", { name: "Building A", arm_delay: 60, inherit_arm: false });
  emu.insert("alarmgroups", {
    name: "Server room",
    group_id: building.id,
    webhooks: [{ webhook_id: hook.id, event: 3, trigger_on_alarm: true, trigger_on_warning: false }],
  });
  emu.insert("alarmgroups", {
    name: "Lobby",
    group_id: building.id,
    limit_notifications_fire: true,
    notification_count_fire_alarm: 5,
    notification_count_fire_warning: true,
  });
  emu.insert("usergroups", { name: "Guards" });
  const holidays = emu.insert("exceptiondays", { name: "Holidays", days: [{ date: "2026-12-24" }] });
  const office = emu.insert("timeprofiles", {
    name: "Office hours",
    flagstring: WEEK.toLowerCase(),
    exceptionday_profile_id: holidays.id,
  });
  emu.edit("doorlocks", 1, { timeprofile_id: office.id, timeprofile_mode: 1, coupletime: 5 });
  emu.insert("levelprofiles", { name: "Staff", timeprofile_id: office.id, doorlocks: [1, 2] });
  emu.insert("users", {
    username: "guard",
    fullname: "Night guard",
    pin: SECRETS.kentixUserPin,
    rfid_uid: SECRETS.kentixUserCard,
    alarmgroups: [zone.id],
    armdisarm_mode: 2,
  });
  emu.insert("users", { username: "visitor", is_active: false });
  // Devices tied to the group, a rack and the webhook.
  const rack = emu.insert("racks", { name: "Rack A1", group_id: zone.id, description: "Row A" });
  emu.edit("accessmanagers", 1, {
    group_id: zone.id,
    webhooks: [hook.id],
    relais_action_arm: "channel1",
    ext_arm_doorlocks: [2],
    external: { mode: 1 },
    ios: [{ id: 1, mode: "input" }],
  });
  emu.edit("multisensors", 5, { group_id: zone.id, rack_id: rack.id });
  emu.edit("outlets", 1, { name: "Server A PSU 1", switch_dual: true });
  // Collections of the rest of the site.
  emu.insert("eventprofiles", { name: "After hours", type: "group", groups: [zone.id] });
  emu.insert("vdslines", { line: 1, alarmtype: "fire" });
  emu.insert("reports", { name: "Weekly summary", type: 1, interval_mode: 2 });
  emu.insert("snmpcredentials", {
    name: "NMS",
    version: 2,
    mode: 2,
    address: "192.0.2.10",
    port: 162,
    community: SECRETS.kentixSnmpCommunity,
  });
  // Settings set by hand, secrets among them.
  emu.editSetting("communicationkey", { "communication-key": SECRETS.kentixCommunicationKey });
  emu.editSetting("accesssettings", { pinlength: 6 });
  emu.editSetting("systemname", { name: "HQ" });
  emu.editSetting("locale", { language: "de" });
  emu.editSetting("datetime", { ntp1: "ntp1.example.net" });
  emu.editSetting("email", {
    is_active: true,
    sender: "alarms@example.com",
    address: "smtp.example.com",
    username: "alarms",
    password: SECRETS.kentixSmtpPassword,
  });
  emu.editSetting("ldap", {
    is_active: true,
    address: "ldap.example.com",
    binddn_password: SECRETS.kentixLdapBindPassword,
  });
  emu.editSetting("snmp", { is_active: true });
  emu.editSetting("vds", {
    is_active: true,
    connection_identifier: "HQ-0815",
    key: SECRETS.kentixVdsKey,
    address1: "198.51.100.10",
  });
  emu.editSetting("autobackup", { is_active: true, time: "02:30" });
  emu.editSetting("smsgateway", { is_active: true, password: SECRETS.kentixSmsGatewayPassword });
  emu.editSetting("gsm", { is_active: true });
});
afterAll(async () => {
  await emu.close();
  if (!process.env.KEEP_DISCOVERY) fs.rmSync(dir, { recursive: true, force: true });
});

describe("facility discover (a fully populated Kentix appliance)", () => {
  it("declares every Kentix kind, and up adopts the whole site with zero writes and no drift", async () => {
    const ca = path.join(dir, "ca.pem");
    fs.writeFileSync(ca, tlsFixture("ca.pem"));
    process.env.KENTIX_HQ_TOKEN = SECRETS.kentixToken;
    emu.clearRequests();
    const args = ["--vendor", "kentix", "--url", emu.httpsUrl!, "--profile", "hq", "--ca-cert", ca, "--out", dir];
    const res = await facility("discover", ...args, "--project", "kentix");
    delete process.env.KENTIX_HQ_TOKEN;
    expect(res.code).toBe(0);
    expect(emu.writes()).toEqual([]);
    const program = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    const kinds = [...models.keys()].filter((k) => k.startsWith("kentix:")).map((k) => k.split(":")[1]!);
    const declared = kinds.filter((k) => program.includes(`new kentix.${k}(`));
    expect(kinds.filter((k) => !declared.includes(k) && !(k in NOT_DISCOVERED))).toEqual([]);
    expect(Object.keys(NOT_DISCOVERED).filter((k) => declared.includes(k) || !kinds.includes(k))).toEqual([]);
    expect(plaintextSecrets(program + res.stdout + res.stderr)).toEqual([]);
    // What the two earlier partial round trips (access control, AccessManagers) checked of the program's shape:
    // the week as readable ranges (the raw string left out), references as code, secrets as config lookups,
    // discovered devices declared by id, read-only fields never declared, the appliance's "no card" (0) left out.
    expect(program).toMatch(
      /weekly: \[\s*\{\s*days: \[\s*"mon",\s*"tue",\s*"wed",\s*"thu",\s*"fri",?\s*\],\s*from: "07:00",\s*to: "19:00",?\s*\},?\s*\]/,
    );
    expect(program).not.toContain("flagstring:");
    expect(program).toMatch(/exceptionDayProfileId: exceptionDayProfileHolidays\.id/);
    expect(program).toMatch(/timeProfileId: timeProfileOfficeHours\.id/);
    expect(program).toContain('pin: config.requireSecret("userGuardPin")');
    expect(program).toMatch(/alarmgroups: \[\s*alarmGroupHq\.id,?\s*\]/);
    expect(program.match(/rfidUid/g)).toHaveLength(1);
    expect(program).toMatch(/accessManagerId: "1"/);
    expect(program).toMatch(/alarmGroupId: alarmGroupHq\.id/);
    expect(program).toMatch(/webhookIds: \[\s*webhookSoc\.id,?\s*\]/);
    expect(program).toMatch(/extArmDoorLockIds: \[\s*doorLock\w+\.id,?\s*\]/);
    expect(program).toMatch(/rackId: rackRackA1\.id/);
    expect(program).not.toMatch(/macAddress|mac_adress/);
    // The alarm-group tree: parents and webhooks as references, each declared before what refers to it.
    expect(program).toContain('bearerToken: config.requireSecret("webhookSocBearerToken")');
    expect(program).toMatch(/parentId: alarmGroupBuildingA\.id/);
    expect(program).toMatch(/webhookId: webhookSoc\.id/);
    expect(program.indexOf("const webhookSoc =")).toBeLessThan(program.indexOf("const alarmGroupServerRoom ="));
    expect(program.indexOf("const alarmGroupBuildingA =")).toBeLessThan(program.indexOf("const alarmGroupLobby ="));
    expect(res.stdout).toContain("pulumi config set --secret webhookSocBearerToken <value>");
    expect(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")).toContain("name: kentix");

    // The config the program asks for (printed by discover): the token, the CA and the secrets set by hand.
    const config: Record<string, ConfigValue> = {
      caCertPem: tlsFixture("ca.pem"),
      "kentix:hq.token": { secret: SECRETS.kentixToken },
    };
    for (const [, secret, key] of res.stdout.matchAll(/pulumi config set (--secret )?(\w+) </g)) {
      if (key === "caCertPem") continue;
      const value = CONFIG_VALUES.find(([pattern]) => pattern.test(key!))?.[1];
      expect(value, `a value for config key ${key}`).toBeDefined();
      config[key!] = secret ? { secret: String(value) } : String(value);
    }
    const engine = createEngine({ dir, program: "index.ts", project: "kentix", stack: "adopt", statePath, config });
    emu.clearRequests();
    const up = await engine.up();
    expect(up.errors).toEqual([]);
    expect(up.summary.create).toBe(program.match(/new kentix\.\w+\(/g)!.length + 1); // and the stack
    expect(emu.writes()).toEqual([]);
    const refresh = await engine.refresh({ previewOnly: true });
    expect(refresh.steps.filter((s) => s.op !== "same").map((s) => [s.name, s.diffs])).toEqual([]);

    // `facility drift` over the adopted stack reads every kind and finds it in sync, with GETs only.
    const configPath = path.join(dir, "config.json");
    fs.writeFileSync(configPath, JSON.stringify({ "kentix:hq.token": { value: SECRETS.kentixToken, secret: true } }));
    emu.clearRequests();
    const drift = await facility("drift", statePath, "--config", configPath, "--format", "json");
    const report = JSON.parse(drift.stdout) as { resources: { kind: string; status: string }[] };
    expect(drift.code).toBe(0);
    expect(emu.writes()).toEqual([]);
    expect(report.resources.filter((r) => r.status !== "in-sync")).toEqual([]);
    const reported = new Set(report.resources.map((r) => r.kind.split(":")[1]));
    expect(declared.filter((k) => !reported.has(k))).toEqual([]);

    // Destroy of the adopted site deletes no device (nor an outlet) and no settings singleton.
    emu.clearRequests();
    const destroy = await engine.destroy();
    expect(destroy.errors).toEqual([]);
    const deleted = emu.requests.filter((r) => r.method === "DELETE").map((r) => r.path);
    expect(deleted.filter((p) => !/^\/api\/\w+\/\d+$/.test(p) || hardware.has(p.split("/")[2]!))).toEqual([]);
    for (const collection of hardware) expect(emu.list(collection as KentixCollection).length).toBeGreaterThan(0);
  });
});
