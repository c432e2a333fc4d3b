/**
 * Run the SINEMA RC emulator on its own:
 *   tsx test/emulators/sinema/main.ts --user admin --password secret [--port N] [--https | --self-signed] [--latency MS]
 */
import { parseArgs } from "node:util";
import { TLS_FIXTURES_DIR } from "../common";
import { startSinema } from "./index";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      user: { type: "string" },
      password: { type: "string" },
      port: { type: "string" },
      https: { type: "boolean", default: false },
      "self-signed": { type: "boolean", default: false },
      latency: { type: "string" },
    },
  });
  if (!values.user || !values.password) throw new Error("--user and --password are required");
  const mode = values["self-signed"] ? "self-signed" : values.https ? "ca" : false;
  const emu = await startSinema({
    accounts: [{ username: values.user, password: values.password }],
    https: mode,
    port: values.port ? Number(values.port) : undefined,
    latencyMs: values.latency ? Number(values.latency) : undefined,
  });
  console.log("sinema emulator");
  console.log(`  http:  ${emu.httpUrl}/api/v1`);
  if (emu.httpsUrl) console.log(`  https: ${emu.httpsUrl}/api/v1  (trust ${TLS_FIXTURES_DIR}/${mode === "ca" ? "ca.pem" : "other.pem (self-signed)"})`);
  const stop = () => void emu.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
