/**
 * The package as a user gets it: `npm pack`, unpacked into a fresh project's node_modules, type-checked the
 * ways Pulumi projects compile (the `pulumi new typescript` tsconfig, no tsconfig at all, node16, bundler).
 * The project's other dependencies are links to this repository's (no registry access).
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PULUMI_NEW_TSCONFIG } from "../engine";

const root = path.resolve(__dirname, "..", "..");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
/** Deadline of each command (npm, tar, tsc, node): a hang guard under vitest's 10-minute one, since a loaded 2-core machine type-checks for minutes. */
const COMMAND_MS = 480_000;
let dir: string;
let project: string;
let packed: string[];

/** The `pulumi new typescript` tsconfig (template of the Pulumi CLI), without colours in tsc's output. */
const pulumiNew = { ...PULUMI_NEW_TSCONFIG.compilerOptions, pretty: false };

const program = `import * as pulumi from "@pulumi/pulumi";
import * as kentix from "pulumi-facility/kentix";
import * as sinema from "pulumi-facility/sinema";
import * as hexio from "pulumi-facility/hexio";
import * as primis from "pulumi-facility/primis";
import * as rhombus from "pulumi-facility/rhombus";
import { ApiError } from "pulumi-facility";

const hq = kentix.connection({ url: "https://10.20.0.5", profile: "hq" });
export const serverRoom = new kentix.AlarmGroup("server-room", { connection: hq, name: "Server room", armDelay: 30, stealthMode: false, webhooks: [] });
// @ts-expect-error an instance has outputs only for the fields the program set (and the computed values)
export const unset = serverRoom.sortIndex;
// @ts-expect-error the declarations are real types, not any: name is a string
export const wrong = new kentix.AlarmGroup("wrong", { connection: hq, name: 42 });
// @ts-expect-error armDelay is a number (the allowed values are checked before any request)
export const wrongDelay = new kentix.AlarmGroup("wrong-delay", { connection: hq, name: "x", armDelay: "30" });
// @ts-expect-error the connection settings are a real type too
export const wrongConnection = kentix.connection({ url: "https://10.20.0.5", insecure: "yes" });
export const serverRoomName: pulumi.Output<string> = serverRoom.name;
// Outputs go where plain values do, unions included (an Output<boolean> for a boolean setting).
export const fromOutputs = new kentix.AlarmGroup("from-outputs", { connection: hq, name: serverRoom.name.apply((n) => n + " 2"), parentId: serverRoom.id, stealthMode: serverRoom.stealthMode.apply((s) => !s) });
export const areas = (c: Parameters<typeof primis.listControlledAreas>[0]) => primis.listControlledAreas(c).then((a) => a.length);
export const kinds = [sinema.Device, hexio.Organization, primis.DeviceRegistration, rhombus.KisiIntegration].length;
export const isApiError = (e: unknown) => e instanceof ApiError;
export const stack = pulumi.getStack();
`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "facility-package-"));
  const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
    cwd: root,
    encoding: "utf8",
    timeout: COMMAND_MS,
  });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  packed = info!.files.map((f) => f.path);
  execFileSync("tar", ["xzf", path.join(dir, info!.filename), "-C", dir], { timeout: COMMAND_MS });
  project = path.join(dir, "project");
  fs.mkdirSync(path.join(project, "node_modules"), { recursive: true });
  fs.renameSync(path.join(dir, "package"), path.join(project, "node_modules", "pulumi-facility"));
  for (const dep of ["@pulumi", "@types", "zod", "undici", "deep-diff", "yaml"])
    fs.symlinkSync(path.join(root, "node_modules", dep), path.join(project, "node_modules", dep), "dir");
  fs.writeFileSync(path.join(project, "index.ts"), program);
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** tsc in the project: with `options`, as its tsconfig.json; with `cli`, on the command line and no tsconfig. */
function typecheck(setup: { tsconfig?: Record<string, unknown>; cli?: string[] }): string {
  fs.rmSync(path.join(project, "tsconfig.json"), { force: true });
  if (setup.tsconfig)
    fs.writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: setup.tsconfig, files: ["index.ts"] }),
    );
  const args = setup.tsconfig ? ["-p", "tsconfig.json", "--noEmit"] : ["--noEmit", ...setup.cli!, "index.ts"];
  const res = spawnSync(process.execPath, [tsc, ...args], { cwd: project, encoding: "utf8", timeout: COMMAND_MS });
  return `${res.stdout}${res.stderr}${res.status === 0 ? "" : `exit ${res.status ?? res.signal}`}`;
}

describe("the packed package in a fresh Pulumi project", () => {
  // Without esModuleInterop (as `pulumi new typescript` makes it), zod's own declarations (zod/v4/locales)
  // fail with skipLibCheck false: the public declarations must not reach them (see the test below).
  it.each([
    ["`pulumi new typescript` tsconfig (moduleResolution node)", { tsconfig: { ...pulumiNew, skipLibCheck: true } }],
    ["`pulumi new typescript` tsconfig, skipLibCheck false", { tsconfig: { ...pulumiNew, skipLibCheck: false } }],
    [
      "no tsconfig: the Pulumi CLI's ts-node defaults",
      { cli: ["--target", "es6", "--module", "commonjs", "--moduleResolution", "node", "--skipLibCheck"] },
    ],
    [
      "node16, skipLibCheck false",
      {
        tsconfig: { strict: true, target: "es2022", module: "node16", moduleResolution: "node16", skipLibCheck: false },
      },
    ],
    [
      "bundler, skipLibCheck false",
      {
        tsconfig: {
          strict: true,
          target: "es2022",
          module: "preserve",
          moduleResolution: "bundler",
          skipLibCheck: false,
        },
      },
    ],
  ])("type-checks `pulumi-facility/<vendor>` with %s", (_name, setup) => {
    expect(typecheck(setup)).toBe("");
  });

  it("declares the entry points without importing zod or undici (only @pulumi/pulumi and the package's own files)", () => {
    // zod's declarations need esModuleInterop; undici's are fine today, but neither is part of the public API.
    const pkg = path.join(project, "node_modules", "pulumi-facility");
    const entries = [
      "providers/index.d.ts",
      ...["kentix", "sinema", "hexio", "primis", "rhombus", "site"].map((v) => `providers/${v}/index.d.ts`),
    ];
    const reached = new Set<string>();
    const foreign: string[] = [];
    const todo = entries.map((e) => path.join(pkg, "dist", e));
    for (let file = todo.pop(); file; file = todo.pop()) {
      if (reached.has(file)) continue;
      reached.add(file);
      for (const [, spec] of fs
        .readFileSync(file, "utf8")
        .matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm)) {
        if (!spec!.startsWith(".")) {
          if (spec !== "@pulumi/pulumi") foreign.push(`${path.relative(pkg, file)} imports ${spec}`);
          continue;
        }
        const base = path.resolve(path.dirname(file), spec!);
        const target = [`${base}.d.ts`, path.join(base, "index.d.ts")].find((f) => fs.existsSync(f));
        if (target) todo.push(target);
        else foreign.push(`${path.relative(pkg, file)} imports ${spec}, which is not shipped`);
      }
    }
    expect(foreign).toEqual([]);
    expect(reached.size).toBeGreaterThan(30);
    expect([...reached].map((f) => path.relative(pkg, f))).toContain("dist/providers/kentix/alarm-group.d.ts");
  });

  it("loads every subpath at run time", () => {
    const code = `for (const p of ["", "/kentix", "/sinema", "/hexio", "/primis", "/rhombus", "/site", "/runtime"]) if (!Object.keys(require("pulumi-facility" + p)).length) throw new Error(p);`;
    expect(() => execFileSync(process.execPath, ["-e", code], { cwd: project, timeout: COMMAND_MS })).not.toThrow();
    expect(packed).toContain("dist/providers/kentix/index.d.ts");
  });
});

/** npm in `cwd`, offline (everything it needs is local or in the cache), without audit or funding noise. */
const npm = (cwd: string, args: string[]) =>
  spawnSync("npm", [...args, "--offline", "--no-audit", "--no-fund"], {
    cwd,
    encoding: "utf8",
    timeout: COMMAND_MS,
    env: { ...process.env, npm_config_loglevel: "warn" },
  });

describe("package metadata", () => {
  const installed = () => path.join(project, "node_modules", "pulumi-facility");
  const manifest = () =>
    JSON.parse(fs.readFileSync(path.join(installed(), "package.json"), "utf8")) as Record<string, any>;

  it("ships the Apache-2.0 licence text and says where the project lives", () => {
    expect(packed).toContain("LICENSE");
    const licence = fs.readFileSync(path.join(installed(), "LICENSE"), "utf8");
    expect(licence).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(licence).toContain("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION");
    expect(licence).toContain("END OF TERMS AND CONDITIONS");
    const m = manifest();
    expect(m.license).toBe("Apache-2.0");
    expect(m.repository).toEqual({ type: "git", url: "git+https://github.com/pulumi-facility/pulumi-facility.git" });
    expect(m.homepage).toBe("https://github.com/pulumi-facility/pulumi-facility#readme");
    expect(m.bugs).toEqual({ url: "https://github.com/pulumi-facility/pulumi-facility/issues" });
  });

  it("every relative link of the README resolves inside the package", () => {
    const readme = fs.readFileSync(path.join(installed(), "README.md"), "utf8");
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:|^#/.test(l));
    expect(links.length).toBeGreaterThan(3);
    expect(links.filter((l) => !fs.existsSync(path.join(installed(), l.split("#")[0]!)))).toEqual([]);
  });

  it("runs no script when a user installs it (npm lists none as an install script)", () => {
    // What npm 11 counts as install scripts (and warns about until approved): these, prepare for file: and
    // git sources, and a synthetic node-gyp rebuild where binding.gyp ships.
    const scripts = manifest().scripts ?? {};
    expect(Object.keys(scripts).filter((s) => ["preinstall", "install", "postinstall", "prepare"].includes(s))).toEqual(
      [],
    );
    expect(packed.filter((f) => f.endsWith("binding.gyp"))).toEqual([]);
  });

  it("keeps the self-link node_modules/pulumi-facility when another package is installed in the repository", () => {
    // The repository's own manifest, reduced to the self-link, and one more package to install.
    const repo = path.join(dir, "repo");
    const other = path.join(dir, "other");
    fs.mkdirSync(repo);
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, "package.json"), JSON.stringify({ name: "other", version: "1.0.0" }));
    const own = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
      name: string;
      version: string;
      devDependencies: Record<string, string>;
    };
    fs.writeFileSync(
      path.join(repo, "package.json"),
      JSON.stringify({
        name: own.name,
        version: own.version,
        devDependencies: { [own.name]: own.devDependencies[own.name] },
      }),
    );
    const link = path.join(repo, "node_modules", "pulumi-facility");
    expect(npm(repo, ["install", "--ignore-scripts"]).status).toBe(0);
    expect(fs.readlinkSync(link)).toBe("..");
    const res = npm(repo, ["install", "--ignore-scripts", other]);
    expect(res.status, res.stderr).toBe(0);
    expect(fs.readlinkSync(link)).toBe("..");
    expect(fs.existsSync(path.join(repo, "node_modules", "other", "package.json"))).toBe(true);
  });
});
