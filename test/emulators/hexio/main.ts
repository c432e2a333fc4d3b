/**
 * Run the Hexio emulator on its own:
 *   tsx test/emulators/hexio/main.ts --user NAME:PASSWORD [--user ...] [--port N] [--https | --self-signed]
 *        [--https-port N] [--latency MS] [--token-ttl MS]
 * Users get ids 1, 2, ... in order; the API is under /v1.
 */
import { numberOption, runStandalone } from "../common/standalone";
import { startHexio } from "./index";

runStandalone(
  "hexio",
  { user: { type: "string", multiple: true }, "token-ttl": { type: "string" } },
  (values, common) => {
    const given = (values.user as string[] | undefined) ?? [];
    if (!given.length) throw new Error("at least one --user NAME:PASSWORD is required");
    const users = given.map((u, i) => {
      const [username, ...rest] = u.split(":");
      if (!username || !rest.length) throw new Error(`--user ${u}: expected NAME:PASSWORD`);
      return { userId: i + 1, username, password: rest.join(":") };
    });
    return startHexio({ users, ...common, tokenTtlMs: numberOption(values["token-ttl"]) });
  },
  "/v1",
);
