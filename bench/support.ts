/** Shared measuring tools of the benchmark: requests against a minimum, wall time against a lower bound, plugin memory. */
import * as fs from "node:fs";
import type { Emulator } from "../test/emulators/common";

export interface OpFigures {
  wallMs: number;
  requests: number;
  writes: number;
  minimumRequests: number;
  /** requests x latency / concurrency: the wall time the appliance itself imposes. */
  lowerBoundMs: number;
  ok: boolean;
}

export interface BenchOptions {
  sizes: number[];
  latencyMs: number;
}

/** A vendor's benchmark: figures as JSON plus readable lines. */
export interface VendorBench {
  vendor: string;
  run(options: BenchOptions): Promise<{ figures: Record<string, unknown>; lines: string[] }>;
}

/** Peak resident memory (MiB) of the dynamic-provider plugin processes, sampled from /proc (VmHWM). */
export function watchPlugin() {
  let peakKb = 0;
  const sample = () => {
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        if (!fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("dynamic-provider")) continue;
        const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {}
    }
  };
  const timer = setInterval(sample, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(peakKb / 1024);
    },
  };
}

export async function measure(
  emu: Emulator,
  opts: { minimumRequests: number; latencyMs: number; concurrency: number },
  run: () => Promise<{ ok: boolean }>,
): Promise<OpFigures> {
  emu.clearRequests();
  const started = Date.now();
  const result = await run();
  const wallMs = Date.now() - started;
  const requests = emu.requests.length;
  return {
    wallMs,
    requests,
    writes: emu.writes().length,
    minimumRequests: opts.minimumRequests,
    lowerBoundMs: Math.round((requests * opts.latencyMs) / opts.concurrency),
    ok: result.ok,
  };
}

export function table(title: string, ops: Record<string, OpFigures>): string[] {
  const lines = [title, "  operation      requests (minimum)  writes   wall ms  lower bound ms"];
  for (const [op, o] of Object.entries(ops)) {
    lines.push(
      `  ${op.padEnd(14)} ${String(o.requests).padStart(8)} (${String(o.minimumRequests).padStart(5)})  ${String(o.writes).padStart(6)}  ${String(o.wallMs).padStart(8)}  ${String(o.lowerBoundMs).padStart(14)}${o.ok ? "" : "  FAILED"}`,
    );
  }
  return lines;
}

/** __provider bytes (largest) and state bytes per dynamic resource, from a state file. */
export function stateSizes(
  statePath: string,
  state: { deployment: { resources?: { type?: unknown; inputs?: unknown }[] } },
) {
  const resources = (state.deployment.resources ?? []).filter((r) =>
    String(r.type).startsWith("pulumi-nodejs:dynamic"),
  );
  const providerBytes = Math.max(
    ...resources.map((r) => Buffer.byteLength(String((r.inputs as Record<string, unknown>).__provider))),
  );
  const stateBytes = Buffer.byteLength(fs.readFileSync(statePath, "utf8"));
  return { providerBytes, stateBytesPerResource: Math.round(stateBytes / Math.max(1, resources.length)) };
}

/** The five operations every vendor bench measures, plus state sizes and plugin memory. */
export interface LifecycleMinimums {
  up: number;
  upOneField: number;
  refresh: number;
  destroy: number;
}

export interface LifecycleFigures {
  ops: Record<string, OpFigures>;
  providerBytes: number;
  stateBytesPerResource: number;
  pluginPeakMiB: number;
}

/**
 * up, up again (nothing to do), up with one field changed, refresh, destroy, each through `engine(changed)`,
 * with the requests the emulator saw against the vendor's minimum.
 */
export async function lifecycleFigures(
  emu: Emulator,
  statePath: string,
  engine: (changed: boolean) => {
    up(): Promise<{ ok: boolean }>;
    refresh(): Promise<{ ok: boolean }>;
    destroy(): Promise<{ ok: boolean }>;
    readState(): unknown;
  },
  minimum: LifecycleMinimums,
  o: { latencyMs: number; concurrency: number },
): Promise<LifecycleFigures> {
  const memory = watchPlugin();
  try {
    const ops: Record<string, OpFigures> = {};
    ops.up = await measure(emu, { ...o, minimumRequests: minimum.up }, () => engine(false).up());
    const sizes = stateSizes(statePath, engine(false).readState() as Parameters<typeof stateSizes>[1]);
    ops.upNoChange = await measure(emu, { ...o, minimumRequests: 0 }, () => engine(false).up());
    ops.upOneField = await measure(emu, { ...o, minimumRequests: minimum.upOneField }, () => engine(true).up());
    ops.refresh = await measure(emu, { ...o, minimumRequests: minimum.refresh }, () => engine(true).refresh());
    ops.destroy = await measure(emu, { ...o, minimumRequests: minimum.destroy }, () => engine(true).destroy());
    return { ops, ...sizes, pluginPeakMiB: memory.stop() };
  } finally {
    memory.stop();
  }
}

/** A vendor bench over the requested sizes: one table per size plus a line of sizes. */
export function sizedBench<F extends LifecycleFigures>(
  vendor: string,
  title: (n: number, latencyMs: number) => string,
  size: (n: number, latencyMs: number) => Promise<F>,
  extra: (f: F) => string = () => "",
): VendorBench {
  return {
    vendor,
    async run({ sizes, latencyMs }) {
      const figures: Record<string, unknown> = {};
      const lines: string[] = [];
      for (const n of sizes) {
        const f = await size(n, latencyMs);
        figures[`n${n}`] = f;
        lines.push(
          "",
          ...table(`${vendor}: ${title(n, latencyMs)}`, f.ops),
          `  __provider ${f.providerBytes} bytes; state ${f.stateBytesPerResource} bytes per resource; plugin peak memory ${f.pluginPeakMiB} MiB${extra(f)}`,
        );
      }
      return { figures, lines };
    },
  };
}
