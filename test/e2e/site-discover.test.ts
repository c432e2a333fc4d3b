import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type KentixEmulator, startKentix } from "../emulators/kentix";
import { createEngine } from "../engine";
import { plaintextSecrets, SECRETS } from "../secrets";
import { facility } from "./facility";

const root = path.resolve(__dirname, "../..");

/** Values of the config keys the site file looks up, by the key's ending. */
const CONFIG_VALUES: [RegExp, string | boolean][] = [
  [/^webhookSocBearerToken$/, SECRETS.socToken],
  [/^communicationKeyCommunicationKey$/, SECRETS.kentixCommunicationKey],
  [/AcknowledgeConnectionLoss$/, true], // a guarded kind's acknowledgement, which the appliance cannot return
];

/** Every `{ config: KEY }` of a parsed site file, with whether it may be left unset. */
function lookups(value: unknown, out = new Map<string, boolean>()): Map<string, boolean> {
  if (Array.isArray(value)) for (const v of value) lookups(v, out);
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.config === "string") out.set(o.config, o.optional === true);
    else for (const v of Object.values(o)) lookups(v, out);
  }
  return out;
}
let emu: KentixEmulator;
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "facility-site-discover-"));
  emu = await startKentix({ tokens: [SECRETS.kentixToken], https: "ca" });
  // A brownfield site, configured by hand.
  const hook = emu.insert("webhooks", {
    name: "SOC",
    url: "https://soc.example/hook",
    request_type: 0,
    content_type: 1,
    authentication_mode: 2,
    username: SECRETS.socToken,
  });
  const building = emu.insert("alarmgroups", { name: "Building A", arm_delay: 60, inherit_arm: false });
  emu.insert("alarmgroups", {
    name: "Server room",
    group_id: building.id,
    webhooks: [{ webhook_id: hook.id, event: 3, trigger_on_alarm: true, trigger_on_warning: false }],
  });
  emu.insert("usergroups", { name: "Operators", permissions: { "alarmgroups.view": true } });
  emu.editSetting("communicationkey", { "communication-key": SECRETS.kentixCommunicationKey });
});
afterAll(async () => {
  await emu.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("facility discover --format yaml: an existing site brought in as data", () => {
  it("writes a valid site file (names for references, config keys for secrets) that up adopts with zero writes", async () => {
    const ca = path.join(tmp, "ca.pem");
    fs.writeFileSync(ca, tlsFixture("ca.pem"));
    const file = path.join(tmp, "sites", "hq.yaml");
    process.env.KENTIX_HQ_TOKEN = SECRETS.kentixToken;
    const res = await facility(
      "discover",
      ...["--vendor", "kentix", "--url", emu.httpsUrl!, "--profile", "hq", "--ca-cert", ca],
      ...["--format", "yaml", "--out", file],
    );
    delete process.env.KENTIX_HQ_TOKEN;
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(emu.writes()).toEqual([]);
    const text = fs.readFileSync(file, "utf8");
    expect(plaintextSecrets(text)).toEqual([]);
    expect(res.stdout).toContain(`pulumi config set kentix:caCertPem -- "$(cat ${ca})"`);
    const site = parse(text).kentix;
    expect(site.connection).toEqual({ url: emu.httpsUrl, profile: "hq" });
    expect(site.Webhook.soc.bearerToken).toEqual({ config: "webhookSocBearerToken" });
    expect(site.AlarmGroup["server-room"]).toMatchObject({
      parentId: "building-a",
      webhooks: [{ webhookId: "soc", event: "fire" }],
    });

    const valid = await facility("validate", file);
    expect(valid.stdout).toBe("");
    expect(valid.code).toBe(0);

    const config: Record<string, string | boolean | { secret: string }> = {};
    for (const [key, optional] of lookups(parse(text))) {
      const value = CONFIG_VALUES.find(([pattern]) => pattern.test(key))?.[1];
      if (value === undefined) expect(optional, `no value for the config key ${key}`).toBe(true);
      else config[key] = typeof value === "string" ? { secret: value } : value;
    }
    const engine = createEngine({
      dir: path.join(root, "examples/sites"),
      program: "index.ts",
      project: "facility-sites",
      stack: "hq",
      statePath: path.join(tmp, "hq.json"),
      config: {
        site: file,
        "kentix:caCertPem": tlsFixture("ca.pem"),
        "kentix:hq.token": { secret: SECRETS.kentixToken },
        ...config,
      },
    });
    emu.clearRequests();
    const up = await engine.up();
    expect(up.errors).toEqual([]);
    expect(up.summary.create).toBeGreaterThan(4);
    expect(emu.writes()).toEqual([]);
    expect(plaintextSecrets(fs.readFileSync(engine.statePath, "utf8"))).toEqual([]);
  });
});
