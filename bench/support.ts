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
export function stateSizes(statePath: string, state: { deployment: { resources?: { type?: unknown; inputs?: unknown }[] } }) {
  const resources = (state.deployment.resources ?? []).filter((r) => String(r.type).startsWith("pulumi-nodejs:dynamic"));
  const providerBytes = Math.max(...resources.map((r) => Buffer.byteLength(String((r.inputs as Record<string, unknown>).__provider))));
  const stateBytes = Buffer.byteLength(fs.readFileSync(statePath, "utf8"));
  return { providerBytes, stateBytesPerResource: Math.round(stateBytes / Math.max(1, resources.length)) };
}
