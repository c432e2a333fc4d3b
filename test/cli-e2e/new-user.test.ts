/**
 * The package as a new user meets it, on the real Pulumi CLI: `npm pack`, a fresh project made the way
 * `pulumi new typescript` makes one (its Pulumi.yaml, tsconfig.json and package.json), the tarball and
 * @pulumi/pulumi installed with npm, the token set with `pulumi config set --secret` (and, on a second stack,
 * taken from the environment), then preview, up, refresh, a replacement, a failed create and its re-run,
 * `--target`, and destroy, against the Kentix emulator.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { startKentix, type KentixEmulator } from "../emulators/kentix";
import { PULUMI_NEW_TSCONFIG } from "../engine";
import { PulumiWorkspace } from "../engine/cli";
import { plaintextSecrets, SECRETS } from "../secrets";
import { ok, printed, providerSizes, ROOT, tempDir } from "./support";

const program = `import * as pulumi from "@pulumi/pulumi";
import * as kentix from "pulumi-facility/kentix";

const config = new pulumi.Config();
const site = kentix.connection({ url: config.require("kentixUrl"), profile: "hq", caCertPem: config.require("kentixCaCertPem") });

const building = new kentix.AlarmGroup("building", { connection: site, name: config.get("buildingName") ?? "Building A" });
const serverRoom = new kentix.AlarmGroup("server-room", { connection: site, name: "Server room", parentId: building.id, armDelay: 30 });
new kentix.AlarmGroup("lobby", { connection: site, name: config.get("lobbyName") ?? "Lobby", parentId: building.id });
const soc = new kentix.Webhook("soc", {
  connection: site,
  name: "SOC",
  url: "https://soc.example/hook",
  requestType: "POST",
  contentType: "application/json",
  authenticationMode: "bearer",
  bearerToken: config.requireSecret("socToken"),
});
new kentix.UserGroup("operators", { connection: site, name: "Operators", permissions: { "alarmgroups.view": true } });

export const serverRoomId = serverRoom.id;
export const socId = soc.id;
`;

let emu: KentixEmulator;
let dir: string;
let project: string;

/** A workspace on the fresh project; `env` adds to the CLI's environment. */
const workspace = (stack: string, env: Record<string, string> = {}) =>
  new PulumiWorkspace({ home: path.join(dir, `home-${stack}`), projectDir: project, stack, env });
const writes = () => emu.writes().map((r) => `${r.method} ${r.path.replace(/\/\d+$/, "/{id}")}`);
const names = () =>
  emu
    .list("alarmgroups")
    .map((g) => g.name)
    .sort();

beforeAll(async () => {
  emu = await startKentix({ tokens: [SECRETS.kentixToken], https: "ca" });
  dir = tempDir("facility-new-user-");
  // dist/ is built by `npm run test:cli` before the tests; --ignore-scripts: no second build here.
  const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 300_000,
  });
  const [{ filename }] = JSON.parse(out) as { filename: string }[];
  project = path.join(dir, "quickstart");
  fs.mkdirSync(project);
  // What `pulumi new typescript` writes (the program is ours).
  fs.writeFileSync(
    path.join(project, "Pulumi.yaml"),
    "name: quickstart\nruntime:\n  name: nodejs\n  options:\n    packagemanager: npm\ndescription: A site on pulumi-facility\n",
  );
  fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify(PULUMI_NEW_TSCONFIG, null, 4));
  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify(
      { name: "quickstart", main: "index.ts", devDependencies: { "@types/node": "^20", typescript: "^5.0.0" } },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(project, "index.ts"), program);
  const sdk = (
    JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/@pulumi/pulumi/package.json"), "utf8")) as {
      version: string;
    }
  ).version;
  // The README's install line, with the tarball for the package; --prefer-offline: the npm cache has it all after npm ci.
  const install = spawnSync(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", path.join(dir, filename), `@pulumi/pulumi@${sdk}`],
    { cwd: project, encoding: "utf8", timeout: 600_000 },
  );
  expect(install.status, install.stderr).toBe(0);
  expect(fs.lstatSync(path.join(project, "node_modules/pulumi-facility")).isSymbolicLink()).toBe(false);
}, 900_000);

afterAll(async () => {
  await emu?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("a new user's project (npm pack, pulumi new typescript) on the real Pulumi CLI", () => {
  const main = () => workspace("dev");

  it("type-checks the program with the project's own tsconfig and skipLibCheck false", () => {
    const tsc = path.join(project, "node_modules/typescript/bin/tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit", "--skipLibCheck", "false"], {
      cwd: project,
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(r.stdout + r.stderr).toBe("");
  });

  it("takes the token from `pulumi config set --secret`, previews, applies, and keeps no secret in state", async () => {
    const w = main();
    ok(await w.run(["stack", "init", "dev", "--secrets-provider", "passphrase"], { stackArgs: false }));
    ok(await w.run(["config", "set", "kentixUrl", emu.httpsUrl!]));
    ok(await w.run(["config", "set", "kentixCaCertPem", "--", tlsFixture("ca.pem")])); // "--": a PEM starts with dashes
    ok(await w.run(["config", "set", "--secret", "socToken", SECRETS.socToken]));
    ok(await w.run(["config", "set", "--secret", "kentix:hq.token", SECRETS.kentixToken]));
    expect(plaintextSecrets(fs.readFileSync(path.join(project, "Pulumi.dev.yaml"), "utf8"))).toEqual([]);

    expect(ok(await w.run(["preview"]))).toContain("6 to create");
    expect(writes()).toEqual([]);
    ok(await w.run(["up", "--yes"]));
    expect(names()).toEqual(["Building A", "Lobby", "Server room"]);
    const exported = ok(await w.run(["stack", "export"]));
    expect(plaintextSecrets(exported)).toEqual([]);
    expect(providerSizes(exported).every((n) => n <= 2048)).toBe(true);

    emu.clearRequests();
    ok(await w.run(["preview", "--expect-no-changes"]));
    expect(emu.requests).toEqual([]);
    ok(await w.run(["refresh", "--yes", "--expect-no-changes"]));
    expect(writes()).toEqual([]);
  });

  it("takes the token from the environment on a stack without it in config", async () => {
    const env = workspace("env", { KENTIX_HQ_TOKEN: SECRETS.kentixToken });
    ok(await env.run(["stack", "init", "env", "--secrets-provider", "passphrase"], { stackArgs: false }));
    ok(await env.run(["config", "set", "kentixUrl", emu.httpsUrl!]));
    ok(await env.run(["config", "set", "kentixCaCertPem", "--", tlsFixture("ca.pem")])); // "--": a PEM starts with dashes
    ok(await env.run(["config", "set", "--secret", "socToken", SECRETS.socToken]));
    ok(await env.run(["config", "set", "buildingName", "Building B"]));
    // Only the building: the other objects' names are taken by the dev stack's.
    const up = await env.run([
      "up",
      "--yes",
      "--skip-preview",
      "--target",
      "urn:pulumi:env::quickstart::pulumi-nodejs:dynamic/kentix:AlarmGroup::building",
    ]);
    ok(up);
    expect(names()).toEqual(["Building A", "Building B", "Lobby", "Server room"]);
    ok(await env.run(["destroy", "--yes", "--skip-preview"]));
    expect(names()).toEqual(["Building A", "Lobby", "Server room"]);
    // Without the token anywhere, the CLI's error says where to put it, and names no secret.
    const bare = workspace("env");
    const refused = await bare.run(["up", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    expect(printed(refused)).toMatch(/kentix:hq\.token|KENTIX_HQ_TOKEN/);
  });

  it("replaces an alarm group whose name changed, and re-runs a create that failed without a duplicate", async () => {
    const w = main();
    ok(await w.run(["config", "set", "lobbyName", "Lobby 1"]));
    emu.clearRequests();
    const replace = ok(await w.run(["up", "--yes", "--skip-preview"]));
    expect(replace).toMatch(/1 replaced/);
    expect(writes()).toEqual(["POST /api/alarmgroups", "DELETE /api/alarmgroups/{id}"]);
    expect(names()).toEqual(["Building A", "Lobby 1", "Server room"]);

    // The appliance refuses the next create (every retry too); the run fails, the re-run creates it once.
    ok(await w.run(["config", "set", "lobbyName", "Lobby 2"]));
    const fault = emu.inject({ method: "POST", path: "/api/alarmgroups", kind: "status", status: 500, times: 10 });
    const failed = await w.run(["up", "--yes", "--skip-preview"]);
    expect(failed.code).not.toBe(0);
    expect(printed(failed)).toMatch(/500 on POST \/api\/alarmgroups/);
    fault.cancel();
    ok(await w.run(["up", "--yes", "--skip-preview"]));
    expect(names()).toEqual(["Building A", "Lobby 2", "Server room"]);
    ok(await w.run(["preview", "--expect-no-changes"]));
  });

  it("destroys everything it created", async () => {
    ok(await main().run(["destroy", "--yes", "--skip-preview"]));
    expect([emu.list("alarmgroups"), emu.list("webhooks"), emu.list("usergroups")]).toEqual([[], [], []]);
  });
});
