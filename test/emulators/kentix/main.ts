/**
 * Run the Kentix emulator on its own:
 *   tsx test/emulators/kentix/main.ts --token X [--token Y] [--port N] [--https | --self-signed]
 *        [--https-port N] [--seed N] [--string-numbers P] [--latency MS]
 */
import { parseArgs } from "node:util";
import { TLS_FIXTURES_DIR } from "../common";
import { startKentix } from "./index";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      token: { type: "string", multiple: true },
      port: { type: "string" },
      https: { type: "boolean", default: false },
      "self-signed": { type: "boolean", default: false },
      "https-port": { type: "string" },
      seed: { type: "string" },
      "string-numbers": { type: "string" },
      latency: { type: "string" },
    },
  });
  if (!values.token?.length) throw new Error("at least one --token is required");
  const mode = values["self-signed"] ? "self-signed" : values.https ? "ca" : false;
  const emu = await startKentix({
    tokens: values.token,
    https: mode,
    port: numberOrUndefined(values.port),
    httpsPort: numberOrUndefined(values["https-port"]),
    seed: numberOrUndefined(values.seed),
    stringNumbers: numberOrUndefined(values["string-numbers"]),
    latencyMs: numberOrUndefined(values.latency),
  });
  console.log(`kentix emulator`);
  console.log(`  http:  ${emu.httpUrl}`);
  if (emu.httpsUrl) {
    const trust = mode === "ca" ? "ca.pem" : "other.pem (self-signed)";
    console.log(`  https: ${emu.httpsUrl}  (trust ${TLS_FIXTURES_DIR}/${trust})`);
  }
  const stop = () => void emu.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

function numberOrUndefined(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${text}`);
  return n;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
