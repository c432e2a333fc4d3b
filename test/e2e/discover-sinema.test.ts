import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type SinemaEmulator, startSinema } from "../emulators/sinema";
import { createEngine } from "../engine";
import { plaintextSecrets, SECRETS } from "../secrets";
import { facility, typeErrors, scratchDir } from "./facility";

const ADMIN = { username: "pulumi-api", password: SECRETS.sinemaPassword };
let emu: SinemaEmulator;
let dir: string; // inside the repository, so the program resolves pulumi-facility as a user's project does

/** Requests that change something (the login excepted), as `METHOD path`. */
const writes = () =>
  emu
    .writes()
    .filter((r) => !r.path.endsWith("/api-auth"))
    .map((r) => `${r.method} ${r.path.slice("/api/v1".length)}`);

beforeAll(async () => {
  emu = await startSinema({ accounts: [ADMIN], https: "ca" });
  dir = scratchDir("discover-sinema-");
  // A plant configured by hand in the web interface.
  const engineers = emu.insert("groups", {
    name: "Engineers",
    description: "Service engineers",
    communicationAllowed: false,
  });
  const lines = emu.insert("groups", { name: "Production lines", communicationAllowed: true });
  emu.relate("destinations", engineers.id, lines.id);
  const sms = emu.insert("sms", { name: "Plant SMS", address: "4917012345678@sms.example", text: "$MSG" });
  const router = emu.insert("devices", {
    name: "Line 1 router",
    password: SECRETS.sinemaDevicePassword,
    type: 2,
    connectionType: 1,
    location: "Hall 3",
    smsGatewayProvider: sms.id,
    fingerprintSha256: "AB:CD",
    fingerprintSha1: "ABCD",
  });
  emu.relate("deviceGroups", router.id, lines.id);
  emu.insert("params", { deviceID: router.id, ipAddress: "203.0.113.10", port: 1194, protocol: "UDP" });
  const lan = emu.insert("subnets", {
    deviceid: router.id,
    name: "LAN",
    ipAddress: "192.168.10.0",
    subnetMask: "255.255.255.0",
    natMode: 0,
  });
  emu.relate("subnetGroups", lan.id, engineers.id);
  const plc = emu.insert("nodes", { subnetId: lan.id, name: "PLC", nodeIp: "192.168.10.20" });
  const plcPorts = emu.insert("portgroups", {
    subnetId: lan.id,
    name: "PLC access",
    icmpEnabled: true,
    ports: [
      { protocol: "TCP", port: "8000-8100" },
      { protocol: "TCP", port: 102 },
      { protocol: "UDP", port: 161 },
    ],
  });
  emu.relate("portgroupGroups", plcPorts.id, engineers.id);
  emu.relate("nodeGroups", plc.id, engineers.id);
  const operations = emu.insert("roles", { name: "Operations", rights: [5, 12, 17], passwordExpire: 90 });
  emu.relate("roleGroups", operations.id, engineers.id);
  const alice = emu.insert("users", {
    username: "alice",
    password: SECRETS.sinemaAlicePassword,
    loginMethod: 1,
    firstName: "Alice",
    email: "alice@plant.example",
    createdSince: "2025-01-01 00:00:00",
  });
  emu.relate("userRoles", alice.id, operations.id);
  emu.relate("userGroups", alice.id, engineers.id);
  emu.setEnabled("users", alice.id, false);
  emu.insert("routes", {
    destinationNetwork: "10.50.0.0",
    networkMask: "255.255.0.0",
    gateway: "192.168.1.254",
    interface: 1,
    description: "Route to 10.50.0.0",
    polls: 0,
  });
  emu.insert("syslog", { serverIp: "10.0.0.50", port: "514", protocol: 0 });
  emu.editSetting("dns", { hostname: "rc.plant.example", dnsPrimary: "10.0.0.53" });
  emu.editSetting("ntp", { primaryNtp: "ptbtime1.ptb.de", timezone: "+01:00" });
  emu.editSetting("autologout", { wbmAutoLogoutTime: 15 });
});
afterAll(async () => {
  await emu.close();
  if (!process.env.KEEP_DISCOVERY) fs.rmSync(dir, { recursive: true, force: true });
});

describe("facility discover (sinema)", () => {
  it("discovers the plant (collections, per-parent subnets and nodes, relations, settings) and adopts it with no change", async () => {
    const config = path.join(dir, "config.json");
    fs.writeFileSync(
      config,
      JSON.stringify({
        "sinema:plant.username": { value: ADMIN.username },
        "sinema:plant.password": { value: ADMIN.password, secret: true },
      }),
    );
    fs.writeFileSync(path.join(dir, "ca.pem"), tlsFixture("ca.pem"));
    emu.clearRequests();
    const res = await facility(
      "discover",
      "--vendor",
      "sinema",
      "--url",
      emu.httpsUrl!,
      "--profile",
      "plant",
      "--ca-cert",
      path.join(dir, "ca.pem"),
      "--config",
      config,
      "--out",
      dir,
      "--project",
      "plant",
    );
    expect(res.code).toBe(0);
    expect(writes()).toEqual([]);
    const program = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    expect(plaintextSecrets(program)).toEqual([]);
    expect(typeErrors(path.join(dir, "index.ts"))).toEqual([]);
    // Collections by natural key, references as code, parts (groups, enabled, parameters) read.
    expect(program).toMatch(/new sinema\.Device\("line-1-router", \{\n {2}connection: site,\n {2}adopt: true,/);
    expect(program).toContain("smsGatewayProvider: smsGatewayProviderPlantSms.id");
    expect(program).toContain('password: config.requireSecret("deviceLine1RouterPassword")');
    expect(program).toMatch(/connectionParameters: \[\n\s+\{\n\s+ipAddress: "203\.0\.113\.10",/);
    expect(program).toMatch(/groups: \[\n\s+participantGroupProductionLines\.id,/);
    expect(program).toContain("deviceId: deviceLine1Router.id"); // subnets listed per device
    expect(program).toContain("subnetId: subnetLan.id"); // nodes listed per subnet
    expect(program).toContain('nodeIp: config.require("nodePlcNodeIp")'); // required, never returned
    // Port groups listed per subnet; the ports by protocol in canonical order, the groups through their listing.
    expect(program).toMatch(
      /new sinema\.SubnetPortGroup\("plc-access", \{\n {2}connection: site,\n {2}adopt: true,\n {2}subnetId: subnetLan\.id,\n {2}name: "PLC access",\n {2}icmpEnabled: true,\n {2}ports: \{\n {4}tcp: "102, 8000-8100",\n {4}udp: "161",\n {2}\},\n {2}groups: \[\n {4}participantGroupEngineers\.id,/,
    );
    expect(program).toMatch(/roles: \[\n\s+roleOperations\.id,/);
    expect(program).toContain("enabled: false,");
    // A relation is read through the listing under its source group, adopted by its id.
    expect(program).toMatch(
      /new sinema\.CommunicationRelation\("engineers-production-lines", \{\n {2}connection: site,\n {2}adopt: "\d+:\d+",\n {2}sourceGroupId: participantGroupEngineers\.id,\n {2}destinationGroupId: participantGroupProductionLines\.id,/,
    );
    // Singletons: read once, no adopt.
    expect(program).toMatch(
      /new sinema\.DnsSettings\("dns-settings", \{\n {2}connection: site,\n {2}hostname: "rc\.plant\.example",/,
    );
    expect(program).toContain("wbmAutoLogoutTime: 15");
    expect(program).toContain('enabled: config.requireBoolean("emailSettingsEnabled")');
    expect(program).toContain('password: config.getSecret("emailSettingsPassword")');
    expect(program).toContain(
      "// left out: sinema:ServerInformation (not configured on the appliance: serverInformationText is empty)",
    );
    expect(res.stdout).toContain("left out: sinema:ServerInformation");
    expect(program).toContain(
      "// left out: sinema:VirtualSubnetAddressSpace (not configured on the appliance: startAddress is not set)",
    );
    expect(program).toMatch(
      /new sinema\.OpenVpnAddressSpace\("open-vpn-address-space", \{\n {2}connection: site,\n {2}tcpStartIp: "172\.17\.0\.0",/,
    );
    expect(res.stdout).toContain("pulumi config set nodePlcNodeIp <value>");
    expect(res.stdout).toContain("pulumi config set --secret userAlicePassword <value>");

    const before = emu.snapshot();
    const engine = createEngine({
      dir,
      program: "index.ts",
      project: "plant",
      stack: "adopt",
      config: {
        caCertPem: tlsFixture("ca.pem"),
        "sinema:plant.username": ADMIN.username,
        "sinema:plant.password": { secret: ADMIN.password },
        deviceLine1RouterPassword: { secret: SECRETS.sinemaDevicePassword },
        userAlicePassword: { secret: SECRETS.sinemaAlicePassword },
        nodePlcNodeIp: "192.168.10.20",
        emailSettingsEnabled: "false",
      },
    });
    emu.clearRequests();
    const up = await engine.up();
    expect(up.errors).toEqual([]);
    // 2 groups, relation, SMS provider, device, subnet, node, port group, 4 factory roles + Operations, alice, route, Syslog server,
    // 14 settings singletons (all but ServerInformation, the inactive virtual-subnet address space and OAuth/OpenID,
    // none configured), the stack.
    expect(up.summary.create).toBe(31);
    // The one write: the e-mail settings' write-only `enabled` cannot be read, so taking them over writes it; it changes nothing.
    expect(writes()).toEqual(["POST /system/smsandemail/email"]);
    expect(emu.snapshot()).toEqual(before);
    expect((await engine.refresh({ previewOnly: true })).steps.filter((s) => s.op !== "same")).toEqual([]);
    const drift = await facility("drift", engine.statePath, "--config", config, "--format", "json");
    expect(JSON.parse(drift.stdout).summary).toMatchObject({ resources: 30, inSync: 30, unmanaged: 0 });
    expect(drift.code).toBe(0);
    expect(plaintextSecrets(fs.readFileSync(engine.statePath, "utf8"))).toEqual([]);
  });
});
