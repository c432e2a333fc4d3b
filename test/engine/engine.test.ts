/**
 * The test engine against the fixture provider (fixtures/appliance.js), end to end: real program,
 * real plugin process, real gRPC. Scenarios run concurrently; the operations inside one run in order.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { TestEngine, UNKNOWN_VALUE, type EngineOptions, type OperationResult, type StackExport } from "./index";

const WORK = join(__dirname, ".work");
const PROGRAM = join(__dirname, "fixtures", "program.ts");
const SIG = "4dabf18193072939515e22adb298388d";
const TOKEN = "t0k3n-from-stack-config";

interface Appliance {
  objects: Record<string, Record<string, unknown>>;
  log: string[];
  checks: Array<{ name: string | null; news: Record<string, unknown>; hadOlds: boolean }>;
  diffs: Array<{ name: string | null; changed: string[]; unknowns: string[] }>;
  configured: Array<{ token: string | null; region: string | null }>;
  maxInFlight: number;
  knobs: Record<string, unknown>;
}

const created: string[] = [];
afterAll(() => {
  for (const d of created) rmSync(d, { recursive: true, force: true });
});

/** One Pulumi project folder with its own appliance file; the program spec can change per operation. */
class Project {
  readonly dir: string;
  readonly appliancePath: string;

  constructor(name: string) {
    mkdirSync(WORK, { recursive: true });
    this.dir = mkdtempSync(join(WORK, `${name}-`));
    this.appliancePath = join(this.dir, "appliance.json");
    created.push(this.dir);
  }

  engine(spec: object, extra: Partial<EngineOptions> = {}): TestEngine {
    return new TestEngine({
      dir: this.dir,
      program: PROGRAM,
      ...extra,
      config: {
        "fixture:resources": JSON.stringify(spec),
        "fixture:token": { secret: TOKEN },
        region: "eu-1",
        ...extra.config,
      },
      env: { FIXTURE_APPLIANCE: this.appliancePath, ...extra.env },
    });
  }

  appliance(): Appliance {
    if (!existsSync(this.appliancePath)) {
      return { objects: {}, log: [], checks: [], diffs: [], configured: [], maxInFlight: 0, knobs: {} };
    }
    return JSON.parse(readFileSync(this.appliancePath, "utf8")) as Appliance;
  }

  editAppliance(fn: (db: Appliance & { nextSerial?: number }) => void): void {
    const db = { nextSerial: 1, ...this.appliance() };
    fn(db);
    writeFileSync(this.appliancePath, JSON.stringify(db, null, 2));
  }

  objectNamed(name: string): [string, Record<string, unknown>] | undefined {
    return Object.entries(this.appliance().objects).find(([, o]) => o.name === name);
  }

  statePath(): string {
    return join(this.dir, ".pulumi-test", "dev.json");
  }

  stateText(): string {
    return readFileSync(this.statePath(), "utf8");
  }

  state(): StackExport {
    return JSON.parse(this.stateText()) as StackExport;
  }

  resource(name: string) {
    return this.state().deployment.resources?.find((r) => r.urn.endsWith(`::${name}`));
  }
}

function expectOk(r: OperationResult): void {
  if (!r.ok) throw new Error(`operation failed:\n${r.errors.join("\n")}\n--- logs ---\n${r.logs.join("\n")}`);
}

const rpcNames = (r: OperationResult, method: string) =>
  r.rpcLog.filter((c) => c.method === method).map((c) => c.urn.split("::").pop());
const stepOf = (r: OperationResult, name: string, op?: string) =>
  r.steps.find((s) => s.name === name && (!op || s.op === op));
const opsOf = (r: OperationResult, name: string) => r.steps.filter((s) => s.name === name).map((s) => s.op);
const isCiphertext = (v: unknown) =>
  typeof v === "object" &&
  v !== null &&
  (v as Record<string, unknown>)[SIG] !== undefined &&
  typeof (v as { ciphertext?: unknown }).ciphertext === "string";
/** Positions of entries in the appliance log, to assert orderings. */
const at = (log: string[], entry: string) => {
  const i = log.indexOf(entry);
  if (i < 0) throw new Error(`${entry} not in appliance log: ${log.join(", ")}`);
  return i;
};

describe.concurrent("TestEngine", () => {
  test("create, no-op up, preview, update in place, ignoreChanges, deletion of removed resources, state shape", async () => {
    const p = new Project("lifecycle");
    const spec1 = {
      groups: ["g"],
      resources: [
        { name: "a", props: { size: 1 } },
        { name: "b", props: { size: 1, note: "n1" }, refs: { parentId: "a.id" }, options: { ignoreChanges: ["note"] } },
        { name: "c", props: { size: 1 }, parent: "g" },
      ],
      outputs: { aId: "a.id" },
    };

    const r1 = await p.engine(spec1).up();
    expectOk(r1);
    expect(r1.summary).toEqual({ create: 5, update: 0, same: 0, delete: 0, replace: 0 });
    expect(rpcNames(r1, "Create").sort()).toEqual(["a", "b", "c"]);
    const log1 = p.appliance().log;
    expect(at(log1, "create:a")).toBeLessThan(at(log1, "create:b")); // b needs a's id
    const aId = p.objectNamed("a")![0];
    expect(r1.outputs).toEqual({ aId });
    expect(p.appliance().objects[p.objectNamed("b")![0]].parentId).toBe(aId);

    // State shape: `pulumi stack export`, version 3.
    const st = p.state();
    expect(st.version).toBe(3);
    expect(st.deployment.secrets_providers?.type).toBe("passphrase");
    expect(st.deployment.manifest.time).toMatch(/^\d{4}-/);
    const [stack] = st.deployment.resources!;
    const provider = st.deployment.resources!.find((r) => r.type === "pulumi:providers:pulumi-nodejs")!;
    expect(stack).toMatchObject({
      urn: "urn:pulumi:dev::site::pulumi:pulumi:Stack::site-dev",
      custom: false,
      type: "pulumi:pulumi:Stack",
      outputs: { aId },
    });
    expect(provider.urn).toBe("urn:pulumi:dev::site::pulumi:providers:pulumi-nodejs::default");
    expect(provider.id).toMatch(/^[0-9a-f-]{36}$/);
    const a = p.resource("a")!;
    expect(a).toMatchObject({
      urn: "urn:pulumi:dev::site::pulumi-nodejs:dynamic/fixture:Thing::a",
      custom: true,
      id: aId,
      type: "pulumi-nodejs:dynamic/fixture:Thing",
      parent: stack.urn,
      provider: `${provider.urn}::${provider.id}`,
      inputs: { name: "a", size: 1 },
      outputs: { name: "a", size: 1, serial: 1, revision: 1 },
    });
    expect(typeof a.inputs!.__provider).toBe("string");
    expect(a.outputs!.__provider).toBe(a.inputs!.__provider);
    expect(p.resource("b")!.propertyDependencies!.parentId).toEqual([a.urn]);
    expect(p.resource("c")!.urn).toBe(
      "urn:pulumi:dev::site::fixture:index:Group$pulumi-nodejs:dynamic/fixture:Thing::c",
    );
    expect(p.resource("c")!.parent).toBe(p.resource("g")!.urn);
    const order = st.deployment.resources!.map((r) => r.urn);
    expect(order.indexOf(p.resource("b")!.urn)).toBeGreaterThan(order.indexOf(a.urn));

    // A second up with the same program touches nothing.
    const r2 = await p.engine(spec1).up();
    expectOk(r2);
    expect(r2.summary).toEqual({ create: 0, update: 0, same: 5, delete: 0, replace: 0 });
    expect(r2.rpcLog.filter((c) => ["Create", "Update", "Delete"].includes(c.method))).toEqual([]);
    expect(rpcNames(r2, "Diff").sort()).toEqual(["a", "b", "c"]);
    expect(p.resource("a")).toMatchObject({ id: aId, outputs: { serial: 1, revision: 1 } }); // same keeps old outputs

    // Change a's size, b's ignored note, and drop c and its group.
    const spec2 = {
      resources: [
        { name: "a", props: { size: 2 } },
        { name: "b", props: { size: 1, note: "n2" }, refs: { parentId: "a.id" }, options: { ignoreChanges: ["note"] } },
      ],
      outputs: { aId: "a.id" },
    };
    const before = p.stateText();
    const plan = await p.engine(spec2).preview();
    expectOk(plan);
    expect(stepOf(plan, "a")).toMatchObject({
      op: "update",
      diffs: ["size"],
      detailedDiff: { size: { kind: "update", old: 1, new: 2 } },
    });
    expect(stepOf(plan, "b")?.op).toBe("same");
    expect(stepOf(plan, "c")?.op).toBe("delete");
    expect(plan.rpcLog.filter((c) => ["Create", "Update", "Delete"].includes(c.method))).toEqual([]);
    expect(p.stateText()).toBe(before);
    expect(p.objectNamed("a")![1].size).toBe(1);

    const r3 = await p.engine(spec2).up();
    expectOk(r3);
    expect(r3.summary).toEqual({ create: 0, update: 1, same: 2, delete: 2, replace: 0 });
    expect(stepOf(r3, "a")).toMatchObject({ op: "update", id: aId, providerDiff: "unknown", diffs: ["size"] });
    expect(rpcNames(r3, "Update")).toEqual(["a"]);
    expect(rpcNames(r3, "Delete")).toEqual(["c"]);
    expect(p.objectNamed("a")![1]).toMatchObject({ size: 2, revision: 2 });
    expect(p.objectNamed("c")).toBeUndefined();
    expect(p.resource("b")!.inputs!.note).toBe("n1"); // ignored: the old value stays
    expect(p.objectNamed("b")![1].note).toBe("n1");
    expect(p.resource("c")).toBeUndefined();
    expect(p.resource("g")).toBeUndefined();
  });

  test("replacement is create-before-delete by default; dependents follow; old objects go last, in reverse order; destroy", async () => {
    const p = new Project("replace");
    p.editAppliance((db) => (db.knobs.delayMs = 50)); // overlapping deletes would hit "in use"
    const spec = (v: string) => ({
      resources: [
        { name: "a", props: { immutable: v } },
        { name: "b", props: {}, refs: { parentId: "a.id" } },
      ],
    });
    expectOk(await p.engine(spec("v1")).up());
    const [oldA] = p.objectNamed("a")!;

    const r = await p.engine(spec("v2")).up();
    expectOk(r);
    expect(r.summary).toMatchObject({ replace: 2, create: 0, delete: 0 });
    expect(opsOf(r, "a")).toEqual(["create-replacement", "replace", "delete-replaced"]);
    expect(stepOf(r, "a", "replace")).toMatchObject({
      replaceKeys: ["immutable"],
      deleteBeforeReplace: false,
      diffs: ["immutable"],
    });
    expect(stepOf(r, "a", "replace")?.detailedDiff?.immutable).toEqual({ kind: "update", old: "v1", new: "v2" });
    expect(stepOf(r, "b", "replace")?.replaceKeys).toEqual(["parentId"]);
    // A replacement is checked again without old inputs, so it gets fresh defaults.
    expect(
      p
        .appliance()
        .checks.filter((c) => c.name === "a")
        .map((c) => c.hadOlds),
    ).toEqual([false, true, false]);
    const log = p.appliance().log.slice(2);
    expect(log).toEqual(["create:a", "create:b", "delete:b", "delete:a"]);
    const [newA] = p.objectNamed("a")!;
    expect(newA).not.toBe(oldA);
    expect(p.resource("a")!.id).toBe(newA);
    expect(p.state().deployment.resources!.filter((x) => x.delete)).toEqual([]);

    const d = await p.engine(spec("v2")).destroy();
    expectOk(d);
    expect(p.appliance().log.slice(-2)).toEqual(["delete:b", "delete:a"]);
    expect(p.appliance().objects).toEqual({});
    expect(p.state().deployment.resources).toEqual([]);
    expect(d.summary.delete).toBe(3); // stack included, as the CLI counts it
  });

  test("delete-before-replace (provider-requested, with a dependent; and as resource option); replaceOnChanges", async () => {
    const p = new Project("dbr");
    const spec = (v: string, size: number) => ({
      resources: [
        { name: "a", props: { immutable: v, dbr: true } },
        { name: "b", props: {}, refs: { parentId: "a.id" } },
        { name: "x", props: { immutable: v }, options: { deleteBeforeReplace: true } },
        { name: "y", props: { size }, options: { replaceOnChanges: ["size"] } },
        { name: "z", props: { size, diffMode: "provider" }, options: { replaceOnChanges: ["size"] } },
      ],
    });
    expectOk(await p.engine(spec("v1", 1)).up());
    const start = p.appliance().log.length;

    const r = await p.engine(spec("v2", 2)).up();
    expectOk(r);
    const log = p.appliance().log.slice(start);
    // b must go before a can be deleted, and comes back after a is recreated.
    expect(log.filter((e) => /:(a|b)$/.test(e))).toEqual(["delete:b", "delete:a", "create:a", "create:b"]);
    expect(at(log, "delete:x")).toBeLessThan(at(log, "create:x"));
    expect(opsOf(r, "a")).toEqual(["delete-replaced", "replace", "create-replacement"]);
    expect(opsOf(r, "b")).toEqual(["delete-replaced", "replace", "create-replacement"]);
    expect(stepOf(r, "a", "replace")?.deleteBeforeReplace).toBe(true);
    // The engine asked the provider whether b must go, with b's parentId unknown.
    expect(p.appliance().diffs.some((d) => d.name === "b" && d.unknowns.includes("parentId"))).toBe(true);

    // replaceOnChanges acts on the engine-computed diff (y: create-before-delete replacement) ...
    expect(stepOf(r, "y", "replace")?.replaceKeys).toEqual(["size"]);
    expect(stepOf(r, "y", "replace")?.detailedDiff?.size.kind).toBe("update-replace");
    expect(at(log, "create:y")).toBeLessThan(at(log, "delete:y"));
    // ... and does nothing when the provider decides (changes: true carries no changed keys).
    expect(stepOf(r, "z")).toMatchObject({ op: "update", providerDiff: "some" });
    expect(r.summary).toMatchObject({ replace: 4, update: 1 });
  });

  test("a Check failure fails the resource with the provider's messages, no Create is sent, and nothing is deleted", async () => {
    const p = new Project("check");
    expectOk(await p.engine({ resources: [{ name: "old" }] }).up());
    // "old" leaves the program while "bad" is invalid: a failed update deletes nothing.
    const r = await p.engine({ resources: [{ name: "bad", props: { size: "big" } }] }).up();
    expect(r.ok).toBe(false);
    expect(r.errors.join("\n")).toContain("property size value {");
    expect(stepOf(r, "bad")?.error).toMatch(
      /resource 'bad': property size value \{.*\} has a problem: must be a number$/,
    );
    expect(rpcNames(r, "Check")).toEqual(["bad"]);
    expect(r.rpcLog.some((c) => ["Create", "Delete"].includes(c.method))).toBe(false);
    expect(Object.values(p.appliance().objects).map((o) => o.name)).toEqual(["old"]);
    expect(p.resource("bad")).toBeUndefined();
    expect(p.resource("old")).toBeDefined(); // state is written even when the update fails
  });

  test("a partial create keeps the object with init errors, stops dependents, and the next up forces an update", async () => {
    const p = new Project("partial");
    p.editAppliance((db) => (db.knobs.failCreate = ["p"]));
    const spec = {
      resources: [
        { name: "p", props: { size: 1 } },
        { name: "q", props: {}, refs: { parentId: "p.id" } },
      ],
    };

    const r1 = await p.engine(spec).up();
    expect(r1.ok).toBe(false);
    expect(r1.errors.join("\n")).toContain("p was created but enrolment did not finish");
    const [pid] = p.objectNamed("p")!;
    expect(p.resource("p")).toMatchObject({ id: pid, initErrors: ["enrolment incomplete"] });
    expect(rpcNames(r1, "Create")).toEqual(["p"]); // q never got its input
    expect(p.objectNamed("q")).toBeUndefined();

    const r2 = await p.engine(spec).up();
    expectOk(r2);
    expect(stepOf(r2, "p")).toMatchObject({ op: "update", id: pid, diffs: [] });
    expect(rpcNames(r2, "Update")).toEqual(["p"]);
    expect(p.resource("p")!.initErrors).toBeUndefined();
    expect(p.objectNamed("q")![1].parentId).toBe(pid);
  });

  test("refresh reports drift and out-of-band deletes; refresh and destroy run the __provider stored in outputs", async () => {
    const p = new Project("refresh");
    const spec = {
      resources: [
        { name: "a", props: { size: 1 } },
        { name: "b", props: { size: 1 } },
      ],
    };
    expectOk(await p.engine(spec).up());

    // Drift on the appliance: a resized, b deleted.
    p.editAppliance((db) => {
      const [aId] = Object.entries(db.objects).find(([, o]) => o.name === "a")!;
      const [bId] = Object.entries(db.objects).find(([, o]) => o.name === "b")!;
      db.objects[aId].size = 5;
      delete db.objects[bId];
    });
    // Point a's stored outputs copy of the provider at the "@alt" implementation.
    const st = p.state();
    const a = st.deployment.resources!.find((r) => r.urn.endsWith("::a"))!;
    a.outputs!.__provider = String(a.outputs!.__provider).replaceAll("appliance.js", "appliance-alt.js");
    writeFileSync(p.statePath(), JSON.stringify(st, null, 4));
    const before = p.stateText();
    // The program is not run by refresh or destroy: a missing program file must not matter.
    const noProgram = { program: join(p.dir, "missing.ts") };

    const drift = await p.engine(spec, noProgram).refresh({ previewOnly: true });
    expectOk(drift);
    expect(drift.dryRun).toBe(true);
    expect(stepOf(drift, "a")).toMatchObject({
      op: "update",
      detailedDiff: { size: { kind: "update", old: 1, new: 5 } },
    });
    // Read hands back inputs carrying the outputs' __provider copy, so the tampered copy shows as drift too.
    expect(stepOf(drift, "a")?.diffs?.sort()).toEqual(["__provider", "size"]);
    expect(stepOf(drift, "b")?.op).toBe("delete");
    expect(drift.summary).toMatchObject({ update: 1, delete: 1, same: 0 });
    expect(p.stateText()).toBe(before);
    expect(p.appliance().log).toContain("read:a@alt");

    const applied = await p.engine(spec, noProgram).refresh();
    expectOk(applied);
    expect(p.resource("a")).toMatchObject({ inputs: { size: 5 }, outputs: { size: 5 } });
    expect(p.resource("b")).toBeUndefined();

    const clean = await p.engine(spec, noProgram).refresh({ previewOnly: true });
    expectOk(clean);
    expect(clean.summary).toMatchObject({ same: 1, update: 0, delete: 0 });

    expectOk(await p.engine(spec, noProgram).destroy());
    expect(p.appliance().log.at(-1)).toBe("delete:a@alt");
    expect(p.appliance().objects).toEqual({});
  });

  test("preview passes unknowns to dependents and changes nothing", async () => {
    const p = new Project("preview");
    const r = await p
      .engine({ resources: [{ name: "a" }, { name: "b", refs: { parentId: "a.id" } }], outputs: { aId: "a.id" } })
      .preview();
    expectOk(r);
    expect(r.dryRun).toBe(true);
    expect(r.steps.map((s) => `${s.op}:${s.name}`)).toEqual(["create:site-dev", "create:a", "create:b"]);
    expect(r.outputs).toEqual({ aId: "[unknown]" });
    expect(r.rpcLog.map((c) => c.method)).toEqual(["Configure", "Check", "Check"]);
    expect(p.appliance().checks.find((c) => c.name === "b")?.news.parentId).toBe(UNKNOWN_VALUE);
    expect(p.appliance().objects).toEqual({});
    expect(existsSync(p.statePath())).toBe(false);
  });

  test("secrets: config secrets reach configure; secret inputs, additionalSecretOutputs and a secret-capturing __provider are encrypted", async () => {
    const p = new Project("secrets");
    const spec = {
      resources: [
        { name: "s", secrets: { password: "pw" }, options: { additionalSecretOutputs: ["apiKey"] } },
        { name: "cap", kind: "secret-capture" },
      ],
      outputs: { sName: "s.name" },
      secretOutputs: { key: "s.apiKey" },
    };
    const config = { "fixture:captured": { secret: "captured-s3cret" }, "fixture:pw": { secret: "hunter2-pw" } };
    const r = await p.engine(spec, { config }).up();
    expectOk(r);
    const apiKey = String(p.objectNamed("s")![1].apiKey);
    const plaintexts = ["hunter2-pw", TOKEN, "captured-s3cret", apiKey];
    const text = p.stateText();
    for (const s of plaintexts) expect(text).not.toContain(s);
    for (const s of plaintexts) expect(JSON.stringify(r)).not.toContain(s);

    const s = p.resource("s")!;
    expect(isCiphertext(s.inputs!.password)).toBe(true);
    expect(isCiphertext(s.outputs!.password)).toBe(true); // same key as a secret input
    expect(isCiphertext(s.outputs!.apiKey)).toBe(true); // additionalSecretOutputs
    expect(s.outputs!.name).toBe("s");
    const cap = p.resource("cap")!;
    expect(isCiphertext(cap.inputs!.__provider)).toBe(true);
    expect(isCiphertext(cap.outputs!.__provider)).toBe(true);
    expect(p.objectNamed("cap")![1].capturedLength).toBe("captured-s3cret".length); // the captured secret worked
    const provider = p.state().deployment.resources!.find((x) => x.type === "pulumi:providers:pulumi-nodejs")!;
    expect(isCiphertext(provider.inputs!["fixture:token"])).toBe(true);
    expect(r.outputs).toEqual({ sName: "s", key: "[secret]" });
    expect(p.appliance().configured[0]).toEqual({ token: TOKEN, region: "eu-1" });

    // Encrypted values decrypt back to the same inputs: no spurious diff on the next up.
    const again = await p.engine(spec, { config }).up();
    expectOk(again);
    expect(again.summary).toMatchObject({ same: 3, update: 0, replace: 0 });

    const wrong = await p.engine(spec, { config, env: { PULUMI_CONFIG_PASSPHRASE: "not-the-passphrase" } }).up();
    expect(wrong.ok).toBe(false);
    expect(wrong.errors.join("\n")).toContain("incorrect passphrase");
  });

  test("a JavaScript program with exports as stack outputs", async () => {
    const p = new Project("js");
    const r = await new TestEngine({
      dir: p.dir,
      program: join(__dirname, "fixtures", "program-js.js"),
      config: { size: 3 },
      env: { FIXTURE_APPLIANCE: p.appliancePath },
    }).up();
    expectOk(r);
    expect(r.outputs).toEqual({ serial: 1, greeting: "hello" });
    expect(p.resource("js-thing")?.type).toBe("pulumi-nodejs:dynamic:Resource");
    expect(p.objectNamed("js-thing")![1].size).toBe(3);
  });

  test("resource operations run with bounded parallelism", async () => {
    const p = new Project("parallel");
    p.editAppliance((db) => (db.knobs = { overlap: 2, delayMs: 300 })); // the first two creates wait for each other
    const spec = { resources: ["p1", "p2", "p3", "p4", "p5"].map((name) => ({ name })) };
    const r = await p.engine(spec, { parallel: 2 }).up();
    expectOk(r);
    expect(r.summary.create).toBe(6);
    expect(p.appliance().maxInFlight).toBe(2);
  });
});
