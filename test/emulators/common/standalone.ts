/**
 * Runs an emulator on its own (for trying a provider by hand): the shared options --port, --https,
 * --self-signed, --https-port and --latency, the vendor's own options, the printed URLs, and a clean stop
 * on Ctrl-C.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { HttpsMode } from "./index";
import { TLS_FIXTURES_DIR } from "./tls";

export interface CommonStart {
  https: HttpsMode;
  port?: number;
  httpsPort?: number;
  latencyMs?: number;
}

type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export function runStandalone(
  name: string,
  options: NonNullable<ParseArgsConfig["options"]>,
  start: (
    values: Values,
    common: CommonStart,
  ) => Promise<{ httpUrl: string; httpsUrl?: string; close(): Promise<void> }>,
  apiPath = "",
): void {
  (async () => {
    const { values } = parseArgs({
      options: {
        ...options,
        port: { type: "string" },
        https: { type: "boolean", default: false },
        "self-signed": { type: "boolean", default: false },
        "https-port": { type: "string" },
        latency: { type: "string" },
      },
    });
    const mode: HttpsMode = values["self-signed"] ? "self-signed" : values.https ? "ca" : false;
    const emu = await start(values, {
      https: mode,
      port: numberOption(values.port),
      httpsPort: numberOption(values["https-port"]),
      latencyMs: numberOption(values.latency),
    });
    console.log(`${name} emulator`);
    console.log(`  http:  ${emu.httpUrl}${apiPath}`);
    if (emu.httpsUrl)
      console.log(
        `  https: ${emu.httpsUrl}${apiPath}  (trust ${TLS_FIXTURES_DIR}/${mode === "ca" ? "ca.pem" : "other.pem (self-signed)"})`,
      );
    const stop = () => void emu.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  })().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

export function numberOption(text: unknown): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${String(text)}`);
  return n;
}
