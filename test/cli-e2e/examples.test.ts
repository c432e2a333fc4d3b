/**
 * Every example program through the real Pulumi CLI against its vendor's emulator: preview, up, a no-change
 * preview with --expect-no-changes and zero requests, out-of-band drift that `refresh --preview-only
 * --expect-no-changes` refuses with the property named in the CLI's own output, `up --refresh` correcting it
 * (recreating what was deleted out of band), and destroy back to where the appliance started.
 */
import * as fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { startHexio, type HexioEmulator } from "../emulators/hexio";
import {
  SEEDED_DOORLOCKS,
  SEEDED_MULTISENSORS,
  SEEDED_OUTLETS,
  SEEDED_POWERMANAGERS,
  startKentix,
  type KentixEmulator,
} from "../emulators/kentix";
import { startPrimis, type PrimisEmulator } from "../emulators/primis";
import { startRhombus, type RhombusEmulator } from "../emulators/rhombus";
import { startSinema, type SinemaEmulator } from "../emulators/sinema";
import type { CliEngine, ConfigValue } from "../engine";
import type { LoggedRequest } from "../emulators/common/types";
import { plaintextSecrets, SECRETS } from "../secrets";
import { exampleEngine, ok, printed, providerSizes, tempDir } from "./support";

interface Appliance {
  requests: LoggedRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

interface Case<E extends Appliance> {
  example: string;
  project: string;
  start(): Promise<E>;
  config(e: E): Record<string, ConfigValue>;
  /** What the example touches on the appliance, to compare before and after. */
  state(e: E): unknown;
  /** Requests that change something, ids as {id}, logins left out. */
  writes(e: E): string[];
  /** Resources in the example, the stack included. */
  resources: number;
  /** An out-of-band edit (and a deletion where the kind can be deleted). */
  drift(e: E): void;
  /** Requests the program itself makes on every run (its data functions: Pulumi invokes run in preview too). */
  programRequests?: string[];
  /** Property names the CLI's refresh output must show. */
  driftShows: string[];
  /** The writes of `up --refresh` after the drift, sorted. */
  fixWrites: string[];
  /** The writes of destroy, sorted (where the example must not delete some kinds). */
  destroyWrites?: string[];
}

const id = (p: string) => p.replace(/\/\d+(?=\/|$)/g, "/{id}");
const changes = (e: Appliance, skip: (r: LoggedRequest) => boolean = () => false) =>
  e.requests.filter((r) => r.method !== "GET" && !skip(r)).map((r) => `${r.method} ${id(r.path)}`);

const SINEMA_ADMIN = { username: "pulumi-api", password: SECRETS.sinemaPassword };
const HEXIO_USERS = [
  { userId: 1, username: "pulumi-bot", password: SECRETS.hexioPassword },
  { userId: 12, username: "alice", password: "alice-unused" },
  { userId: 13, username: "bob", password: "bob-unused" },
];
const LOBBY = "130000000001";

const site: Case<KentixEmulator> = {
  example: "site",
  project: "facility-site",
  start: () => startKentix({ tokens: [SECRETS.kentixToken], https: "ca" }),
  config: (e) => ({
    kentixUrl: e.httpsUrl!,
    kentixCaCertPem: tlsFixture("ca.pem"),
    socToken: { secret: SECRETS.socToken },
    "kentix:hq.token": { secret: SECRETS.kentixToken },
  }),
  state: (e) => [e.list("alarmgroups"), e.list("webhooks"), e.list("usergroups")],
  writes: (e) => changes(e),
  resources: 6,
  drift: (e) => {
    e.edit("alarmgroups", e.list("alarmgroups").find((g) => g.name === "Server room")!.id as number, {
      arm_delay: 600,
    });
    e.remove("alarmgroups", e.list("alarmgroups").find((g) => g.name === "Lobby")!.id as number);
  },
  driftShows: ["armDelay"],
  fixWrites: ["PATCH /api/alarmgroups/{id}", "POST /api/alarmgroups"],
};

/** Access control: destroy deletes what the API can delete, restores the lock declared with `restore`, and retains
 * the rest (time profiles have no delete call; the other lock and the settings keep their configured values). */
const kentixAccess: Case<KentixEmulator> = {
  example: "kentix-access",
  project: "facility-kentix-access",
  start: () => startKentix({ tokens: [SECRETS.kentixToken], https: "ca", doorlocks: SEEDED_DOORLOCKS }),
  config: (e) => ({
    kentixUrl: e.httpsUrl!,
    kentixCaCertPem: tlsFixture("ca.pem"),
    "kentix:hq.token": { secret: SECRETS.kentixToken },
    kentixCommunicationKey: { secret: SECRETS.kentixCommunicationKey },
    alicePassword: { secret: SECRETS.kentixUserPassword },
    alicePin: { secret: SECRETS.kentixUserPin },
    aliceCard: { secret: SECRETS.kentixUserCard },
    contractorCard: { secret: SECRETS.kentixContractorCard },
  }),
  state: (e) => [e.list("users"), e.list("levelprofiles"), e.list("exceptiondays"), e.get("doorlocks", 2)],
  writes: (e) => changes(e),
  resources: 11,
  drift: (e) => {
    e.edit("doorlocks", 1, { coupletime: 10 });
    e.remove("users", e.list("users").find((u) => u.username === "contractor-electric")!.id as number);
  },
  driftShows: ["coupleTime"],
  fixWrites: ["PATCH /api/doorlocks/{id}", "POST /api/users"],
};

/** A device as restored: a rack of none is read as null or 0 and written back as 0 (docs/kentix.md). */
const restored = (e: KentixEmulator, collection: "multisensors" | "powermanagers", id: number) => {
  const row = e.get(collection, id)!;
  return { ...row, rack_id: row.rack_id || null };
};

/** A server room (issue 13): destroy deletes what the program created and sends no DELETE to a device, an outlet or a
 * settings singleton: the sensor and the clock are restored, VdS transmission is disabled, the rest retained. */
const kentixSite: Case<KentixEmulator> = {
  example: "kentix-site",
  project: "facility-kentix-site",
  start: async () => {
    const e = await startKentix({ tokens: [SECRETS.kentixToken], https: "ca" });
    for (const sensor of SEEDED_MULTISENSORS) e.insert("multisensors", sensor); // hardware the example selects
    for (const outlet of SEEDED_OUTLETS) e.insert("outlets", outlet);
    for (const pdu of SEEDED_POWERMANAGERS) e.insert("powermanagers", pdu);
    return e;
  },
  config: (e) => ({
    kentixUrl: e.httpsUrl!,
    kentixCaCertPem: tlsFixture("ca.pem"),
    "kentix:hq.token": { secret: SECRETS.kentixToken },
    vdsKey: { secret: SECRETS.kentixVdsKey },
    snmpAuthPassword: { secret: SECRETS.kentixSnmpAuthPassword },
    snmpPrivPassword: { secret: SECRETS.kentixSnmpPrivPassword },
    smtpPassword: { secret: SECRETS.kentixSmtpPassword },
  }),
  state: (e) => [
    ...(["alarmgroups", "racks", "snmpcredentials", "vdslines"] as const).map((c) => e.list(c)),
    restored(e, "multisensors", 5),
    restored(e, "powermanagers", 2),
    e.setting("datetime"),
  ],
  writes: (e) => changes(e),
  resources: 16,
  drift: (e) => {
    e.edit("racks", e.list("racks")[0]!.id as number, { description: "Moved to row B" });
    e.remove("vdslines", e.list("vdslines").find((l) => l.alarmtype === "tampering")!.id as number);
  },
  driftShows: ["description"],
  fixWrites: ["PATCH /api/racks/{id}", "POST /api/vdslines"],
  destroyWrites: [
    "DELETE /api/alarmgroups/{id}",
    "DELETE /api/racks/{id}",
    "DELETE /api/snmpcredentials/{id}",
    "DELETE /api/vdslines/{id}",
    "DELETE /api/vdslines/{id}",
    "PATCH /api/datetime",
    "PATCH /api/multisensors/{id}",
    "PATCH /api/powermanagers/{id}",
    "PATCH /api/vds",
  ],
};

const sinema: Case<SinemaEmulator> = {
  example: "sinema",
  project: "facility-sinema",
  start: () => startSinema({ accounts: [SINEMA_ADMIN], https: "ca" }),
  config: (e) => ({
    sinemaUrl: e.httpsUrl!,
    sinemaCaCertPem: tlsFixture("ca.pem"),
    devicePassword: { secret: SECRETS.sinemaDevicePassword },
    alicePassword: { secret: SECRETS.sinemaAlicePassword },
    bobPassword: { secret: SECRETS.sinemaBobPassword },
    "sinema:plant.username": SINEMA_ADMIN.username,
    "sinema:plant.password": { secret: SINEMA_ADMIN.password },
  }),
  state: (e) => e.snapshot(),
  writes: (e) => changes(e, (r) => r.path.endsWith("/api-auth")).map((w) => w.replace("/api/v1", "")),
  resources: 18,
  drift: (e) => {
    const device = (n: number) => e.list("devices").find((d) => d.name === `Line ${n} router`)!;
    e.edit("devices", device(1).id, { location: "Basement" });
    e.remove("subnets", e.list("subnets").find((s) => s.deviceid === device(3).id)!.id);
  },
  driftShows: ["location"],
  fixWrites: [
    "POST /connections/devices/subnets",
    "POST /connections/devices/subnets/groups",
    "PUT /connections/devices/{id}",
  ],
};

const hexio: Case<HexioEmulator> = {
  example: "hexio",
  project: "hexio-tenants",
  start: () => startHexio({ users: HEXIO_USERS, https: "ca" }),
  config: (e) => ({
    hexioUrl: `${e.httpsUrl!}/v1`,
    hexioCaCertPem: tlsFixture("ca.pem"),
    aliceUserId: "12",
    bobUserId: "13",
    "hexio:cloud.username": "pulumi-bot",
    "hexio:cloud.password": { secret: SECRETS.hexioPassword },
  }),
  state: (e) => [e.orgs(), e.projects(), e.assignments()],
  writes: (e) => changes(e, (r) => r.path.startsWith("/v1/auth/")).map((w) => w.replace(" /v1", " ")),
  resources: 9,
  drift: (e) => {
    const sensors = e.projects().find((p) => p.name === "Sensors")!;
    e.editProject(sensors.projectId as number, { rateLimit: 5000 });
    e.setRoles("PROJECT", sensors.projectId as number, 13, []);
  },
  driftShows: ["rateLimit"],
  fixWrites: ["PUT /orgs/{id}/projects/{id}", "PUT /orgs/{id}/projects/{id}/permissions"],
};

const primis: Case<PrimisEmulator> = {
  example: "primis",
  project: "primis-site",
  start: () =>
    startPrimis({ users: [{ email: SECRETS.primisEmail, password: SECRETS.primisPassword, isAdmin: true, seats: 1 }] }),
  config: (e) => ({
    primisUrl: e.httpsUrl!,
    primisCaCertPem: tlsFixture("ca.pem"),
    "primis:hq.email": { secret: SECRETS.primisEmail },
    "primis:hq.password": { secret: SECRETS.primisPassword },
    "primis:hq.phoneId": "ops-automation-01",
  }),
  // Primis cannot delete controlled-area schedules (docs/primis.md): the links stay, everything else is restored.
  state: (e) => [e.areas().map((a) => a.state), e.registrations()],
  writes: (e) => changes(e, (r) => r.path === "/api/mobile/login"),
  resources: 5,
  // The example lists the controlled areas with the data function listControlledAreas (a login and one GET).
  programRequests: ["POST /api/mobile/login", "GET /api/mobile/ops-automation-01/controlled_areas"],
  drift: (e) => e.editArea(LOBBY, { state: "open" }),
  driftShows: ["state"],
  fixWrites: ["POST /api/mobile/zone_state"],
};

const rhombus: Case<RhombusEmulator> = {
  example: "rhombus",
  project: "rhombus-kisi",
  start: () => startRhombus({ apiKeys: [SECRETS.rhombusApiKey], kisiKeys: [SECRETS.kisiSecretKey] }),
  config: (e) => ({
    rhombusUrl: e.httpsUrl!,
    rhombusCaCertPem: tlsFixture("ca.pem"),
    kisiApiKey: { secret: SECRETS.kisiSecretKey },
    "rhombus:org.apiKey": { secret: SECRETS.rhombusApiKey },
  }),
  state: (e) => e.kisi(),
  // Rhombus is RPC over POST: the reads are the get operations.
  writes: (e) => e.requests.map((r) => r.path.split("/").pop()!).filter((op) => !op.startsWith("get")),
  resources: 2,
  drift: (e) =>
    e.editKisi((s) => {
      s.enabled = false;
    }),
  driftShows: ["enabled"],
  fixWrites: ["updateKisiIntegrationV2"],
};

describe.each([
  ["examples/site (Kentix)", site],
  ["examples/kentix-access (Kentix)", kentixAccess],
  ["examples/kentix-site (Kentix)", kentixSite],
  ["examples/sinema", sinema],
  ["examples/hexio", hexio],
  ["examples/primis", primis],
  ["examples/rhombus (Kisi)", rhombus],
] as [string, Case<Appliance>][])("%s on the real Pulumi CLI", (_title, c) => {
  let emu: Appliance;
  let tmp: string;
  let pristine: unknown;
  let engine: CliEngine;

  beforeAll(async () => {
    emu = await c.start();
    pristine = structuredClone(c.state(emu));
    tmp = tempDir(`facility-cli-${c.example}-`);
    engine = exampleEngine({ example: c.example, project: c.project, tmp, config: c.config(emu) });
  });
  afterAll(async () => {
    await engine?.cli(["destroy", "--yes", "--skip-preview"]);
    await emu?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("previews, applies, and then previews no change without a single request", async () => {
    const preview = printed(await engine.cli(["preview", "--diff"]));
    expect(preview).toMatch(new RegExp(`${c.resources} to create`));
    expect(c.writes(emu)).toEqual([]);

    ok(await engine.cli(["up", "--yes"]));
    expect(c.state(emu)).not.toEqual(pristine);

    emu.clearRequests();
    ok(await engine.cli(["preview", "--expect-no-changes"]));
    expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual(c.programRequests ?? []);

    const exported = ok(await engine.cli(["stack", "export"]));
    expect(plaintextSecrets(exported)).toEqual([]);
    const sizes = providerSizes(exported);
    expect(sizes.length).toBe(c.resources - 1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2048);
  });

  it("fails refresh --expect-no-changes on out-of-band drift, showing the property, and up --refresh corrects it", async () => {
    c.drift(emu);
    emu.clearRequests();
    const drift = await engine.cli(["refresh", "--preview-only", "--expect-no-changes", "--diff"]);
    const out = printed(drift);
    expect(drift.code, out.slice(-3000)).not.toBe(0);
    for (const p of c.driftShows) expect(out).toContain(p);
    expect(c.writes(emu)).toEqual([]);

    emu.clearRequests();
    ok(await engine.cli(["up", "--yes", "--refresh", "--skip-preview"]));
    expect(c.writes(emu).sort()).toEqual(c.fixWrites);

    emu.clearRequests();
    ok(await engine.cli(["refresh", "--preview-only", "--expect-no-changes"]));
    ok(await engine.cli(["preview", "--expect-no-changes"]));
    expect(c.writes(emu)).toEqual([]);
  });

  it("destroys back to where the appliance started", async () => {
    emu.clearRequests();
    ok(await engine.cli(["destroy", "--yes", "--skip-preview"]));
    if (c.destroyWrites) expect(c.writes(emu).sort()).toEqual(c.destroyWrites);
    expect(c.state(emu)).toEqual(pristine);
  });
});
