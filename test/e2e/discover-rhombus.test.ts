import * as fs from "node:fs";
import * as https from "node:https";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type RhombusEmulator, startRhombus } from "../emulators/rhombus";
import { createEngine } from "../engine";
import { contractViolations } from "../rhombus/support";
import { plaintextSecrets, SECRETS } from "../secrets";
import { facility, typeErrors, scratchDir } from "./facility";

let emu: RhombusEmulator;
let dir: string; // inside the repository, so the program resolves pulumi-facility as a user's project does

/** What the Rhombus console does: one V2 update with the organization's API key. */
function configureInConsole(kisiSettings: Record<string, unknown>): Promise<void> {
  const url = new URL("/api/integrations/accessControl/updateKisiIntegrationV2", emu.httpsUrl!);
  const body = JSON.stringify({ kisiSettings });
  return new Promise((resolve, reject) => {
    const req = https.request(url, {
      method: "POST",
      ca: tlsFixture("ca.pem"),
      headers: {
        "content-type": "application/json",
        "x-auth-apikey": SECRETS.rhombusApiKey,
        "x-auth-scheme": "api-token",
      },
    });
    req.on("response", (res) => {
      let text = "";
      res.on("data", (c) => (text += String(c)));
      res.on("end", () =>
        res.statusCode === 200 && !JSON.parse(text).error ? resolve() : reject(new Error(`${res.statusCode}: ${text}`)),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Operations that change something (every Rhombus operation is a POST; reads are named get*). */
const writes = () => emu.requests.map((r) => r.path.split("/").pop()!).filter((op) => !op.startsWith("get"));

beforeAll(async () => {
  emu = await startRhombus({ apiKeys: [SECRETS.rhombusApiKey], kisiKeys: [SECRETS.kisiSecretKey] });
  dir = scratchDir("discover-rhombus-");
});
afterAll(async () => {
  await emu.close();
  if (!process.env.KEEP_DISCOVERY) fs.rmSync(dir, { recursive: true, force: true });
});

describe("facility discover (rhombus)", () => {
  const config = () => {
    const file = path.join(dir, "config.json");
    fs.writeFileSync(file, JSON.stringify({ "rhombus:org.apiKey": { value: SECRETS.rhombusApiKey, secret: true } }));
    fs.writeFileSync(path.join(dir, "ca.pem"), tlsFixture("ca.pem"));
    return file;
  };
  const discover = (file: string) =>
    facility(
      "discover",
      "--vendor",
      "rhombus",
      "--url",
      emu.httpsUrl!,
      "--profile",
      "org",
      "--ca-cert",
      path.join(dir, "ca.pem"),
      "--config",
      file,
      "--out",
      dir,
      "--project",
      "org",
    );

  it("discovers the Kisi integration (places and doors) and takes it over with one write of the key it cannot read", async () => {
    await configureInConsole({
      integration: "KISI",
      enabled: true,
      apiSecretKey: SECRETS.kisiSecretKey,
      defaultOptions: { defaultOptionsEnabled: true, saveClips: true, createSeekPoints: true },
      placeToSettingsMap: {
        "4123": {
          saveClips: true,
          identifyFacesFromBadge: true,
          doorInfoMap: {
            "901": {
              assignedCameraList: ["cameraLobby00000000001"],
              locationUuid: "locationHQ000000000001",
              clipDuration: 30,
            },
          },
        },
      },
    });
    const file = config();
    const webhooks = emu.webhookRegistrations();
    emu.clearRequests();
    const res = await discover(file);
    expect(res.code).toBe(0);
    expect(writes()).toEqual([]);
    const program = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    expect(plaintextSecrets(program)).toEqual([]);
    expect(typeErrors(path.join(dir, "index.ts"))).toEqual([]);
    // A singleton: read once, no adopt; the key Rhombus never returns is a secret lookup.
    expect(program).toMatch(
      /new rhombus\.KisiIntegration\("kisi-integration", \{\n {2}connection: site,\n {2}enabled: true,\n {2}apiSecretKey: config\.requireSecret\("kisiIntegrationApiSecretKey"\),/,
    );
    expect(program).toMatch(
      /"4123": \{\n(.*\n)*\s+doors: \{\n\s+"901": \{\n\s+assignedCameraList: \[\n\s+"cameraLobby00000000001",/,
    );
    expect(program).toContain("taking it over writes apiSecretKey");
    expect(program).not.toContain("adopt:");
    expect(res.stdout).toContain("pulumi config set --secret kisiIntegrationApiSecretKey <value>");

    const before = emu.kisi();
    const engine = createEngine({
      dir,
      program: "index.ts",
      project: "org",
      stack: "adopt",
      config: {
        caCertPem: tlsFixture("ca.pem"),
        "rhombus:org.apiKey": { secret: SECRETS.rhombusApiKey },
        kisiIntegrationApiSecretKey: { secret: SECRETS.kisiSecretKey },
      },
    });
    emu.clearRequests();
    const up = await engine.up();
    expect(up.errors).toEqual([]);
    expect(up.summary.create).toBe(2); // the integration and the stack
    // Rhombus never returns apiSecretKey, so taking the integration over writes the declared key (write-only
    // settings of singletons are always applied). The write changes nothing else and keeps the Kisi webhook.
    expect(writes()).toEqual(["updateKisiIntegrationV2"]);
    expect(emu.webhookRegistrations()).toBe(webhooks);
    const settings = (k: Record<string, unknown> | null) => ({
      enabled: k?.enabled,
      apiSecretKey: k?.apiSecretKey,
      defaultOptions: k?.defaultOptions,
      places: k?.placeToSettingsMap,
    });
    expect(settings(emu.kisi())).toEqual(settings(before)); // only Rhombus's audit map records the write
    expect(emu.requests.flatMap(contractViolations)).toEqual([]);
    expect((await engine.refresh({ previewOnly: true })).steps.filter((s) => s.op !== "same")).toEqual([]);
    const drift = await facility("drift", engine.statePath, "--config", file, "--format", "json");
    expect(JSON.parse(drift.stdout).summary).toMatchObject({ resources: 1, inSync: 1, unmanaged: 0 });
    expect(drift.code).toBe(0);
    expect(plaintextSecrets(fs.readFileSync(engine.statePath, "utf8"))).toEqual([]);
  });

  it("says so when the organization has no integration", async () => {
    emu.reset();
    const res = await discover(config());
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("0 objects");
    expect(res.stdout).toContain(
      "left out: rhombus:KisiIntegration (not configured on the appliance: nothing to adopt)",
    );
    expect(fs.readFileSync(path.join(dir, "index.ts"), "utf8")).toContain(
      "// left out: rhombus:KisiIntegration (not configured on the appliance: nothing to adopt)",
    );
  });
});
