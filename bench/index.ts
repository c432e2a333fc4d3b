/**
 * npm run bench [-- --json] [-- --sizes 10,100]: figures, never assertions. For N alarm groups and N
 * webhooks on the Kentix emulator (HTTPS, 5 ms injected latency per request), through the test engine:
 * requests per operation against the minimum, wall time against the lower bound
 * (requests x latency / per-appliance concurrency), __provider and state bytes per resource, and the
 * peak memory of the dynamic-provider plugin process.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tlsFixture } from "../test/emulators/common";
import { type KentixEmulator, startKentix } from "../test/emulators/kentix";
import { TestEngine } from "../test/engine";

const LATENCY_MS = 5;
const CONCURRENCY = 4; // Kentix default per appliance
const args = process.argv.slice(2);
const json = args.includes("--json");
const sizes = (args[args.indexOf("--sizes") + 1] && args.includes("--sizes") ? args[args.indexOf("--sizes") + 1]! : "10,100,500").split(",").map(Number);
const token = "bench-token-0c2f";

/** Peak resident memory of the dynamic-provider plugin processes (VmHWM), sampled from /proc. */
function watchPlugin() {
  let peakKb = 0;
  const timer = setInterval(() => {
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        if (!fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("dynamic-provider")) continue;
        const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {}
    }
  }, 50);
  return { stop: () => (clearInterval(timer), Math.round(peakKb / 1024)) };
}

interface OpFigures { wallMs: number; requests: number; writes: number; minimumRequests: number; lowerBoundMs: number; ok: boolean }

async function measure(emu: KentixEmulator, minimumRequests: number, run: () => Promise<{ ok: boolean; durationMs: number }>): Promise<OpFigures> {
  emu.clearRequests();
  const started = Date.now();
  const result = await run();
  const wallMs = Date.now() - started;
  const requests = emu.requests.length;
  return { wallMs, requests, writes: emu.writes().length, minimumRequests, lowerBoundMs: Math.round((requests * LATENCY_MS) / CONCURRENCY), ok: result.ok };
}

async function bench(n: number) {
  const emu = await startKentix({ tokens: [token], https: "ca", latencyMs: LATENCY_MS });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "facility-bench-"));
  const engine = (bump?: number) =>
    new TestEngine({
      dir: __dirname,
      program: "program.ts",
      project: "bench",
      stack: `n${n}`,
      statePath: path.join(dir, "state.json"),
      config: { count: String(n), url: emu.httpsUrl!, caCertPem: tlsFixture("ca.pem"), "kentix:bench.token": { secret: token }, ...(bump ? { bump: String(bump) } : {}) },
    });
  const pages = Math.ceil(n / 25) || 1;
  const memory = watchPlugin();
  try {
    const figures = {
      resources: 2 * n,
      // create: one POST per object; the natural-key check costs one listing per collection per run.
      up: await measure(emu, 2 * n, () => engine().up()),
      upNoChange: await measure(emu, 0, () => engine().up()),
      upOneField: await measure(emu, 1, () => engine(60).up()),
      refresh: await measure(emu, 2 * n, () => engine(60).refresh()),
      destroy: await measure(emu, 2 * n, () => engine(60).destroy()),
      listingPagesPerCollection: pages,
      providerBytes: 0,
      stateBytesPerResource: 0,
      pluginPeakMiB: 0,
    };
    figures.pluginPeakMiB = memory.stop();
    return figures;
  } finally {
    memory.stop();
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const results: Record<string, unknown> = {};
  for (const n of sizes) {
    const figures = await bench(n);
    results[`n${n}`] = figures;
    if (!json) print(n, figures);
  }
  Object.assign(results, await sizeFigures(Math.min(...sizes)));
  if (json) console.log(JSON.stringify({ latencyMs: LATENCY_MS, concurrency: CONCURRENCY, ...results }));
  else console.log(`\n__provider: ${(results as { providerBytes: number }).providerBytes} bytes; state: ${(results as { stateBytesPerResource: number }).stateBytesPerResource} bytes per resource`);
}

/** __provider and state bytes per resource, from a deployed stack. */
async function sizeFigures(n: number) {
  const emu = await startKentix({ tokens: [token], https: "ca" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "facility-bench-size-"));
  try {
    const engine = new TestEngine({
      dir: __dirname,
      program: "program.ts",
      project: "bench",
      stack: "size",
      statePath: path.join(dir, "state.json"),
      config: { count: String(n), url: emu.httpsUrl!, caCertPem: tlsFixture("ca.pem"), "kentix:bench.token": { secret: token } },
    });
    await engine.up();
    const state = engine.readState()!;
    const resources = (state.deployment.resources ?? []).filter((r) => String(r.type).startsWith("pulumi-nodejs:dynamic"));
    const provider = Math.max(...resources.map((r) => Buffer.byteLength(String((r.inputs as Record<string, unknown>).__provider))));
    const stateBytes = Buffer.byteLength(fs.readFileSync(engine.statePath, "utf8"));
    await engine.destroy();
    return { providerBytes: provider, stateBytesPerResource: Math.round(stateBytes / resources.length) };
  } finally {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function print(n: number, f: Record<string, unknown>) {
  console.log(`\nN = ${n} alarm groups + ${n} webhooks (${2 * n} resources), ${LATENCY_MS} ms latency, ${CONCURRENCY} requests in flight per appliance`);
  console.log("  operation      requests (minimum)  writes   wall ms  lower bound ms");
  for (const op of ["up", "upNoChange", "upOneField", "refresh", "destroy"]) {
    const o = f[op] as OpFigures;
    console.log(`  ${op.padEnd(14)} ${String(o.requests).padStart(8)} (${String(o.minimumRequests).padStart(5)})  ${String(o.writes).padStart(6)}  ${String(o.wallMs).padStart(8)}  ${String(o.lowerBoundMs).padStart(14)}${o.ok ? "" : "  FAILED"}`);
  }
  console.log(`  plugin peak memory: ${f.pluginPeakMiB} MiB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
