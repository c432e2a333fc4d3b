/** The `facility` command line: help, version, input validation, colours, progress, the files it writes. */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ignorePatterns, main } from "../../providers/cli/facility";
import { PROJECT_NAME } from "../../providers/cli/discover";
import { clearSessions } from "../../providers/core/connection";
import { setStackConfig } from "../../providers/core/credentials";
import { tlsFixture } from "../emulators/common";
import { type KentixEmulator, startKentix } from "../emulators/kentix";

const root = path.resolve(__dirname, "../..");
const TOKEN = "cli-test-token-8f3a";
let dir: string;
let emu: KentixEmulator;

/** Runs `facility <args>`; `tty` makes stdout and stderr look like a terminal. */
async function facility(args: string[], opts: { tty?: boolean; env?: Record<string, string> } = {}) {
  clearSessions();
  setStackConfig({ get: () => undefined });
  let stdout = "";
  let stderr = "";
  const sink = (append: (s: string) => void) =>
    Object.assign(new Writable({ write: (chunk, _e, done) => (append(String(chunk)), done()) }), { isTTY: !!opts.tty });
  const saved = Object.fromEntries(Object.keys(opts.env ?? {}).map((k) => [k, process.env[k]]));
  Object.assign(process.env, opts.env);
  try {
    const code = await main(
      args,
      sink((s) => (stdout += s)),
      sink((s) => (stderr += s)),
    );
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

/** What `pulumi stack export` writes for a stack with no resources yet. */
const emptyExport = {
  version: 3,
  deployment: {
    manifest: { time: "2026-01-01T00:00:00Z", magic: "", version: "v3.200.0" },
    secrets_providers: { type: "passphrase" },
  },
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "facility-cli-"));
  emu = await startKentix({ tokens: [TOKEN], https: "ca" });
  emu.insert("alarmgroups", { name: "Building A" });
  emu.insert("webhooks", {
    name: "SOC",
    url: "https://soc.example/hook",
    request_type: 0,
    content_type: 1,
    authentication_mode: 0,
  });
});
afterAll(async () => {
  await emu?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("facility help and version", () => {
  it.each([
    ["drift", "--help"],
    ["drift", "-h"],
    ["help", "drift"],
  ])("`facility %s %s` prints the drift command's flags and examples", async (...args) => {
    const res = await facility(args);
    expect(res.code).toBe(0);
    for (const flag of [
      "--format FORMAT",
      "--output FILE",
      "--config FILE",
      "--ignore FILE",
      "--no-color",
      "-h, --help",
    ])
      expect(res.stdout).toContain(flag);
    expect(res.stdout).toContain("Examples:\n  pulumi stack export");
    expect(res.stdout).toContain("Exit codes: 0 in sync, 2 drift or unmanaged objects, 1 error");
  });

  it("prints discover's flags, the general help and the version", async () => {
    const discover = await facility(["discover", "--help"]);
    expect(discover.code).toBe(0);
    for (const flag of [
      "--vendor VENDOR",
      "--url URL",
      "--ca-cert FILE",
      "--cert-fingerprint SHA256",
      "--project NAME",
      "kentix, sinema, hexio, primis, rhombus",
    ])
      expect(discover.stdout).toContain(flag);
    const general = await facility(["--help"]);
    expect(general.code).toBe(0);
    expect(general.stdout).toMatch(/Commands:\n {2}drift +Compare[^\n]*\n {2}discover +Write/);
    const version = await facility(["--version"]);
    expect(version).toMatchObject({
      code: 0,
      stdout: `${JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version}\n`,
    });
  });

  it("refuses an unknown command or flag with exit 1 and where to look", async () => {
    expect(await facility(["bogus"])).toMatchObject({
      code: 1,
      stdout: "",
      stderr: expect.stringContaining('unknown command "bogus"'),
    });
    expect(await facility(["drift", "--bogus", "x.json"])).toMatchObject({
      code: 1,
      stderr: "facility drift: unknown flag --bogus; see `facility drift --help`\n",
    });
    expect(await facility(["discover", "extra"])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('unexpected argument "extra"'),
    });
    expect((await facility([])).code).toBe(1);
  });
});

describe("facility drift input", () => {
  it.each([
    ["package.json", () => path.join(root, "package.json"), "found an object with keys name, version"],
    ["{}", () => write("empty-object.json", "{}"), "found an object with no keys"],
    ["[]", () => write("array.json", "[]"), "found an array"],
    [
      "a deployment whose resources are not resources",
      () => write("odd.json", JSON.stringify({ version: 3, deployment: { resources: [1, 2] } })),
      "each with a urn and a type",
    ],
  ])("refuses %s: not a stack export, exit 1, never 'in sync'", async (_name, file, found) => {
    const f = file();
    const res = await facility(["drift", f]);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe("");
    expect(res.stderr).toContain(`${f} is not a stack export`);
    expect(res.stderr).toContain(found);
    expect(res.stderr + res.stdout).not.toContain("in sync");
  });

  it("names the file that is missing or not JSON, whichever flag it came from", async () => {
    const missing = path.join(dir, "nope.json");
    expect(await facility(["drift", missing])).toMatchObject({
      code: 1,
      stderr: `facility: stack export ${missing}: no such file\n`,
    });
    const bad = write("bad.json", '{"version": 3,');
    expect(await facility(["drift", bad])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`stack export ${bad} is not valid JSON (`),
    });
    const good = write("stack.json", JSON.stringify(emptyExport));
    expect(await facility(["drift", good, "--config", missing])).toMatchObject({
      code: 1,
      stderr: `facility: --config ${missing}: no such file\n`,
    });
    expect(await facility(["drift", good, "--ignore", missing])).toMatchObject({
      code: 1,
      stderr: `facility: --ignore ${missing}: no such file\n`,
    });
  });

  it("takes trailing # comments out of ignore patterns, but not the # of <kind>#<id>", () => {
    const globs = ignorePatterns(
      [
        "# known objects",
        "kentix:UserGroup:Administrators      # <kind>:<name>",
        "kentix:Webhook#12   # <kind>#<id>",
        "kentix:AlarmGroup:Test *",
        "",
      ].join("\n"),
    );
    expect(globs).toHaveLength(3);
    const matches = (s: string) => globs.some((g) => g.test(s));
    expect(matches("kentix:UserGroup:Administrators")).toBe(true);
    expect(matches("kentix:Webhook#12")).toBe(true);
    expect(matches("kentix:AlarmGroup:Test lab")).toBe(true);
    expect(matches("kentix:Webhook#13")).toBe(false);
  });
});

describe("facility colours", () => {
  it("colours a terminal only without --no-color and NO_COLOR", async () => {
    const file = write("colour.json", JSON.stringify(emptyExport));
    const esc = "\x1b[";
    expect((await facility(["drift", file], { tty: true })).stdout).toContain(esc);
    const plain = await facility(["drift", file, "--no-color"], { tty: true });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("facility drift: in sync");
    expect(plain.stdout + plain.stderr).not.toContain(esc);
    const env = await facility(["drift", file], { tty: true, env: { NO_COLOR: "1" } });
    expect(env.stdout).toContain("facility drift: in sync");
    expect(env.stdout + env.stderr).not.toContain(esc);
  });
});

describe("facility discover", () => {
  const base = () => ["discover", "--vendor", "kentix", "--url", emu.httpsUrl!, "--profile", "cli"];
  const env = { KENTIX_CLI_TOKEN: TOKEN };

  it("writes a Pulumi.yaml that YAML and Pulumi accept for any --project, with progress on a terminal", async () => {
    const out = path.join(dir, "site");
    const ca = write("ca.pem", tlsFixture("ca.pem"));
    const res = await facility([...base(), "--ca-cert", ca, "--out", out, "--project", "my site: hq"], {
      tty: true,
      env,
    });
    expect(res.code, res.stderr).toBe(0);
    // js-yaml is what @pulumi/pulumi reads Pulumi.yaml with.
    const yaml = createRequire(require.resolve("@pulumi/pulumi"))("js-yaml") as { load(s: string): unknown };
    const project = yaml.load(fs.readFileSync(path.join(out, "Pulumi.yaml"), "utf8")) as {
      name: string;
      description: string;
      runtime: { name: string };
    };
    expect(project).toMatchObject({
      name: "my-site-hq",
      description: "Generated by facility discover for my site: hq",
      runtime: { name: "nodejs" },
    });
    expect(project.name).toMatch(PROJECT_NAME);
    expect(res.stderr).toContain('"my site: hq" is not a valid Pulumi project name');
    expect(res.stderr).toContain("looking for kentix:AlarmGroup");
    expect(res.stderr).toMatch(/\[#* *\] \d+\/\d+ kinds, \d+ objects/);
    // Two objects, and the fourteen settings singletons, which always exist (access settings, communication key,
    // the ten system settings, network and satellite settings).
    expect(res.stdout).toContain("16 objects, adopted as they are");
  });

  it("names the CLI flags in errors, not the connection settings", async () => {
    const notPem = write("not-a-cert.pem", "hello");
    const bad = await facility([...base(), "--ca-cert", notPem, "--out", path.join(dir, "x")], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--ca-cert: must be a PEM certificate");
    const untrusted = await facility([...base(), "--out", path.join(dir, "y")], { env });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain("--ca-cert");
    expect(untrusted.stderr).toContain("--cert-fingerprint");
    expect(untrusted.stderr).not.toMatch(/connection\.|caCertPem|certFingerprint/);
    expect(await facility([...base(), "--ca-cert", path.join(dir, "missing.pem")], { env })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("--ca-cert"),
    });
  });
});
