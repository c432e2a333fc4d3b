/**
 * Run the Hexio emulator on its own:
 *   tsx test/emulators/hexio/main.ts --user NAME:PASSWORD [--user ...] [--port N] [--https | --self-signed]
 *        [--https-port N] [--latency MS] [--token-ttl MS]
 * Users get ids 1, 2, ... in order; the API is under /v1.
 */
import { parseArgs } from "node:util";
import { TLS_FIXTURES_DIR } from "../common";
import { startHexio } from "./index";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      user: { type: "string", multiple: true },
      port: { type: "string" },
      https: { type: "boolean", default: false },
      "self-signed": { type: "boolean", default: false },
      "https-port": { type: "string" },
      latency: { type: "string" },
      "token-ttl": { type: "string" },
    },
  });
  if (!values.user?.length) throw new Error("at least one --user NAME:PASSWORD is required");
  const users = values.user.map((u, i) => {
    const [username, ...rest] = u.split(":");
    if (!username || !rest.length) throw new Error(`--user ${u}: expected NAME:PASSWORD`);
    return { userId: i + 1, username, password: rest.join(":") };
  });
  const mode = values["self-signed"] ? "self-signed" : values.https ? "ca" : false;
  const emu = await startHexio({
    users,
    https: mode,
    port: numberOrUndefined(values.port),
    httpsPort: numberOrUndefined(values["https-port"]),
    latencyMs: numberOrUndefined(values.latency),
    tokenTtlMs: numberOrUndefined(values["token-ttl"]),
  });
  console.log("hexio emulator");
  console.log(`  http:  ${emu.httpUrl}/v1`);
  if (emu.httpsUrl) console.log(`  https: ${emu.httpsUrl}/v1  (trust ${TLS_FIXTURES_DIR}/${mode === "ca" ? "ca.pem" : "other.pem (self-signed)"})`);
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
