/**
 * npm run bench -- --faults 10 [--seed 1] [--cli] [--vendor kentix]: convergence under injected faults, figures only.
 *
 * For 500 Kentix resources (250 alarm groups + 250 webhooks) and 200 SINEMA resources (100 devices + 100 subnets),
 * every request the emulator receives draws, from a seeded PRNG, a fault with probability `--faults`% (mixed: 5xx,
 * 429 with Retry-After, a reset after the appliance committed, and an answer slower than the connection's timeout,
 * after which the appliance commits). `up` runs again, faults still on, until one succeeds (at most 5 runs). Then,
 * faults off: objects on the emulator against the declared ones (duplicates: a natural key held twice; orphans:
 * objects no resource in state names; missing), drift (`refresh`: resources it updates or drops), and an `up` that
 * should change nothing. Requests are counted over all the runs under faults, against a fault-free `up` of the same
 * program on a fresh emulator. The test engine by default; `--cli` runs the real Pulumi CLI; `--pairs N` sizes both
 * sites at N pairs for a quick look; `--kinds 503,429` keeps only those kinds of the mix (same total rate).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createPrng, type Emulator, type FaultSpec, randomFaults, tlsFixture } from "../test/emulators/common";
import { startKentix } from "../test/emulators/kentix";
import { startSinema } from "../test/emulators/sinema";
import { CliEngine, type ConfigValue, type Engine, type EngineOptions, TestEngine } from "../test/engine";

const MAX_RUNS = 5;
const TIMEOUT_MS = 1000; // the connection's timeoutMs in the bench programs
const SLOW_MS = 1500; // a slow answer: the client gives up at 1 s, the appliance commits at 1.5 s

/** The fault mix: 5xx (500 and 503), 429 with Retry-After, reset after commit, slower than the timeout. */
const MIX: { name: string; spec: FaultSpec; weight: number }[] = [
  { name: "500", spec: { kind: "status", status: 500 }, weight: 0.5 },
  { name: "503", spec: { kind: "status", status: 503 }, weight: 0.5 },
  { name: "429", spec: { kind: "status", status: 429, headers: { "Retry-After": "1" } }, weight: 1 },
  { name: "reset-after-commit", spec: { kind: "reset-after-commit" }, weight: 1 },
  { name: "slow", spec: { kind: "delay", ms: SLOW_MS }, weight: 1 },
];

interface Site {
  vendor: string;
  title: string;
  emulator: Emulator;
  program: string;
  config: Record<string, ConfigValue>;
  /** Objects on the emulator, per collection: id and natural key. */
  objects(): Record<string, { id: number; key: string }[]>;
  /** The collection a resource of the program lives in, from its name (`hook-3` -> webhooks). */
  collectionOf(name: string): string | undefined;
  declared: number;
}

async function kentixSite(n: number, seed: number): Promise<Site> {
  const token = "bench-token-0c2f";
  const emu = await startKentix({ tokens: [token], https: "ca", latencyMs: 5, seed, now: () => 1_780_000_000_000 });
  return {
    vendor: "kentix",
    title: `${n} alarm groups + ${n} webhooks (${2 * n} resources), 4 in flight`,
    emulator: emu,
    program: "kentix-program.ts",
    config: {
      count: String(n),
      url: emu.httpsUrl!,
      caCertPem: tlsFixture("ca.pem"),
      "kentix:bench.token": { secret: token },
    },
    objects: () => ({
      alarmgroups: emu.list("alarmgroups").map((r) => ({ id: r.id, key: String(r.name) })),
      webhooks: emu.list("webhooks").map((r) => ({ id: r.id, key: String(r.name) })),
    }),
    collectionOf: (name) =>
      name.startsWith("group-") ? "alarmgroups" : name.startsWith("hook-") ? "webhooks" : undefined,
    declared: 2 * n,
  };
}

async function sinemaSite(n: number): Promise<Site> {
  const account = { username: "bench", password: "bench-pw-3c1e" };
  const emu = await startSinema({ accounts: [account], https: "ca", latencyMs: 5 });
  return {
    vendor: "sinema",
    title: `${n} devices + ${n} subnets (${2 * n} resources), 1 in flight`,
    emulator: emu,
    program: "sinema-program.ts",
    config: {
      count: String(n),
      url: emu.httpsUrl!,
      caCertPem: tlsFixture("ca.pem"),
      devicePassword: { secret: "bench-device-pw-77" },
      "sinema:bench.username": account.username,
      "sinema:bench.password": { secret: account.password },
    },
    objects: () => ({
      devices: emu.list("devices").map((r) => ({ id: r.id, key: String(r.name) })),
      subnets: emu.list("subnets").map((r) => ({ id: r.id, key: `${r.deviceid}/${r.ipAddress}` })),
    }),
    collectionOf: (name) =>
      name.startsWith("device-") ? "devices" : name.startsWith("subnet-") ? "subnets" : undefined,
    declared: 2 * n,
  };
}

interface RunFigures {
  ok: boolean;
  requests: number;
  wallMs: number;
  created: number;
  errors: number;
  firstError?: string;
}

export interface FaultFigures {
  vendor: string;
  resources: number;
  faultPercent: number;
  seed: number;
  engine: "cli" | "test";
  runs: RunFigures[];
  runsToConverge: number | null;
  faultsInjected: Record<string, number>;
  requestsUnderFaults: number;
  faultFreeRequests: number;
  duplicates: number;
  orphans: number;
  missing: number;
  drift: number;
  changesAfter: number;
}

type EngineFactory = (o: EngineOptions) => Engine;

function options(site: Site, dir: string, stack: string): EngineOptions {
  return {
    dir: __dirname,
    program: site.program,
    project: "bench",
    stack,
    statePath: path.join(dir, `${stack}.json`),
    config: { ...site.config, timeoutMs: String(TIMEOUT_MS) },
  };
}

/** Resource ids in state per collection. */
function stateIds(site: Site, engine: Engine): Record<string, Set<number>> {
  const state = engine.readState() as { deployment: { resources?: { urn: string; id?: string }[] } };
  const ids: Record<string, Set<number>> = {};
  for (const r of state.deployment.resources ?? []) {
    const collection = site.collectionOf(r.urn.split("::").pop() ?? "");
    if (!collection || !r.id) continue;
    ids[collection] ??= new Set();
    ids[collection].add(Number(r.id));
  }
  return ids;
}

async function measureSite(
  make: () => Promise<Site>,
  percent: number,
  seed: number,
  kind: "cli" | "test",
  mix: typeof MIX,
): Promise<FaultFigures> {
  const engineOf: EngineFactory = (o) => (kind === "cli" ? new CliEngine(o) : new TestEngine(o));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "facility-bench-faults-"));
  try {
    // The fault-free minimum: the same program on a fresh emulator.
    const clean = await make();
    let faultFreeRequests: number;
    try {
      const r = await engineOf(options(clean, dir, `${clean.vendor}-clean`)).up();
      if (!r.ok) throw new Error(`the fault-free up failed: ${r.errors.join("; ").slice(0, 500)}`);
      faultFreeRequests = clean.emulator.requests.length;
    } finally {
      await clean.emulator.close();
    }

    const site = await make();
    const emu = site.emulator;
    try {
      const faults = randomFaults(createPrng(seed).next, percent / 100, mix);
      for (const spec of faults.specs) emu.inject(spec);
      const engine = engineOf(options(site, dir, `${site.vendor}-faults`));
      const runs: RunFigures[] = [];
      let runsToConverge: number | null = null;
      for (let i = 1; i <= MAX_RUNS; i++) {
        const before = emu.requests.length;
        const started = Date.now();
        const r = await engine.up();
        runs.push({
          ok: r.ok,
          requests: emu.requests.length - before,
          wallMs: Date.now() - started,
          created: r.steps.filter((s) => s.op === "create" && !s.error && s.type !== "pulumi:pulumi:Stack").length,
          errors: r.errors.length,
          ...(r.errors.length ? { firstError: r.errors[0].slice(0, 400) } : {}),
        });
        if (r.ok) {
          runsToConverge = i;
          break;
        }
      }
      const requestsUnderFaults = emu.requests.length;
      emu.clearFaults();

      // What is on the appliance against what was declared and what the state names.
      const inState = stateIds(site, engine);
      let duplicates = 0;
      let orphans = 0;
      let present = 0;
      for (const [collection, objects] of Object.entries(site.objects())) {
        const keys = new Map<string, number>();
        for (const o of objects) keys.set(o.key, (keys.get(o.key) ?? 0) + 1);
        for (const count of keys.values()) duplicates += count - 1;
        present += keys.size;
        orphans += objects.filter((o) => !inState[collection]?.has(o.id)).length;
      }
      const refresh = await engine.refresh();
      const drift = refresh.steps.filter((s) => s.op === "update" || s.op === "delete").length;
      const after = await engine.up();
      const changesAfter = after.summary.create + after.summary.update + after.summary.delete + after.summary.replace;
      return {
        vendor: site.vendor,
        resources: site.declared,
        faultPercent: percent,
        seed,
        engine: kind,
        runs,
        runsToConverge,
        faultsInjected: { ...faults.hits },
        requestsUnderFaults,
        faultFreeRequests,
        duplicates,
        orphans,
        missing: site.declared - present,
        drift: refresh.ok ? drift : Number.NaN,
        changesAfter: after.ok ? changesAfter : Number.NaN,
      };
    } finally {
      await emu.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function lines(f: FaultFigures): string[] {
  const injected = Object.entries(f.faultsInjected)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return [
    "",
    `${f.vendor} under ${f.faultPercent}% faults (seed ${f.seed}, ${f.engine === "cli" ? "real CLI" : "test engine"}): ${f.resources} resources`,
    ...f.runs.map(
      (r, i) =>
        `  up #${i + 1}: ${r.ok ? "ok" : "FAILED"}, ${r.created} created, ${r.requests} requests, ${r.wallMs} ms` +
        (r.errors ? `, ${r.errors} errors, first: ${r.firstError}` : ""),
    ),
    `  runs to converge: ${f.runsToConverge ?? `none in ${MAX_RUNS}`}; duplicates ${f.duplicates}; orphans ${f.orphans}; missing ${f.missing}; drift after convergence ${f.drift}; changes on the next up ${f.changesAfter}`,
    `  requests under faults ${f.requestsUnderFaults} against ${f.faultFreeRequests} fault-free (${(f.requestsUnderFaults / f.faultFreeRequests).toFixed(2)}x); faults injected: ${injected}`,
  ];
}

export async function faultBench(o: {
  percent: number;
  seed: number;
  cli: boolean;
  only?: string;
  /** Pairs per site instead of 250 Kentix and 100 SINEMA (a quick look). */
  pairs?: number;
  /** Only these fault kinds (names of MIX: 500, 503, 429, reset-after-commit, slow), to tell their effects apart. */
  kinds?: string[];
}): Promise<{ figures: FaultFigures[]; lines: string[] }> {
  const mix = o.kinds ? MIX.filter((k) => o.kinds!.includes(k.name)) : MIX;
  if (mix.length === 0) throw new Error(`--kinds names none of ${MIX.map((k) => k.name).join(", ")}`);
  const sites: { vendor: string; make: () => Promise<Site> }[] = [
    { vendor: "kentix", make: () => kentixSite(o.pairs ?? 250, o.seed) },
    { vendor: "sinema", make: () => sinemaSite(o.pairs ?? 100) },
  ];
  const figures: FaultFigures[] = [];
  const out: string[] = [];
  for (const s of sites) {
    if (o.only && s.vendor !== o.only) continue;
    const f = await measureSite(s.make, o.percent, o.seed, o.cli ? "cli" : "test", mix);
    figures.push(f);
    out.push(...lines(f));
  }
  return { figures, lines: out };
}
