import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { ORG_UUID, type RhombusEmulator, startRhombus } from "../emulators/rhombus";
import { createEngine, type Engine } from "../engine";
import { contractViolations } from "../rhombus/support";
import { plaintextSecrets, SECRETS } from "../secrets";
import { expectCleanState } from "./state";

const root = path.resolve(__dirname, "../..");
let emu: RhombusEmulator;
let tmp: string;

function org() {
  return createEngine({
    dir: path.join(root, "examples/rhombus"),
    program: "index.ts",
    project: "rhombus-kisi",
    stack: "dev",
    statePath: path.join(tmp, "dev.json"),
    config: {
      rhombusUrl: emu.httpsUrl!,
      rhombusCaCertPem: tlsFixture("ca.pem"),
      kisiApiKey: { secret: SECRETS.kisiSecretKey },
      "rhombus:org.apiKey": { secret: SECRETS.rhombusApiKey },
    },
  });
}

const ops = () => emu.requests.map((r) => r.path.split("/").pop());
/** Every request the plugin sent matches Rhombus's OpenAPI document (operation, method, header, strict body). */
const conforming = () => expect(emu.requests.flatMap(contractViolations)).toEqual([]);

const checkState = (engine: Engine) => expectCleanState(engine);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "facility-rhombus-e2e-"));
  emu = await startRhombus({ apiKeys: [SECRETS.rhombusApiKey], kisiKeys: [SECRETS.kisiSecretKey] });
});
afterAll(async () => {
  await emu.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("examples/rhombus through the test engine", () => {
  it("configures the organization's Kisi integration with the V2 operations", async () => {
    expect(emu.kisi()).toBeNull();
    const up = await org().up();
    expect(up.errors).toEqual([]);
    expect(ops()).toEqual(["getKisiIntegrationV2", "getKisiIntegrationV2", "updateKisiIntegrationV2"]);
    expect(emu.kisi()).toMatchObject({
      enabled: true,
      apiSecretKey: SECRETS.kisiSecretKey,
      placeToSettingsMap: { "4123": { saveClips: true, placeName: "HQ" } },
    });
    expect(up.outputs).toEqual({}); // orgUuid: Rhombus sets it with the first write; the next refresh reads it
    conforming();
    checkState(org());
  });

  it("shows console edits property by property on refresh, and up corrects them keeping the Kisi webhook", async () => {
    const webhooks = emu.webhookRegistrations();
    emu.editKisi((s) => {
      s.placeToSettingsMap["4123"].saveClips = false;
      s.enabled = false;
    });
    emu.clearRequests();
    const drift = await org().refresh();
    expect(ops()).toEqual(["getKisiIntegrationV2"]);
    const kisi = drift.steps.find((s) => s.name === "kisi")!;
    expect([kisi.op, kisi.diffs?.sort(), Object.keys(kisi.detailedDiff ?? {}).sort()]).toEqual([
      "update",
      ["enabled", "places"],
      ["enabled", "places.4123.saveClips"],
    ]); // paths as the CLI prints them
    conforming();
    emu.clearRequests();
    const fix = await org().up();
    expect([fix.errors, fix.summary.update, fix.outputs]).toEqual([[], 1, { organization: ORG_UUID }]);
    expect(emu.kisi()).toMatchObject({ enabled: true, placeToSettingsMap: { "4123": { saveClips: true } } });
    expect(emu.webhookRegistrations()).toBe(webhooks);
    conforming();
    checkState(org());
  });

  it("destroys with the V2 delete; every request of the run matched Rhombus's OpenAPI", async () => {
    emu.clearRequests();
    const down = await org().destroy();
    expect(down.errors).toEqual([]);
    expect(ops()).toEqual(["deleteKisiIntegrationV2"]);
    expect(emu.kisi()).toBeNull();
    expect(plaintextSecrets(down.logs.join("\n"))).toEqual([]);
    conforming();
    checkState(org());
  });
});
