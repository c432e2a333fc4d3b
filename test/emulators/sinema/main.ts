/**
 * Run the SINEMA RC emulator on its own:
 *   tsx test/emulators/sinema/main.ts --user admin --password secret [--port N] [--https | --self-signed]
 *        [--https-port N] [--latency MS]
 */
import { runStandalone } from "../common/standalone";
import { startSinema } from "./index";

runStandalone(
  "sinema",
  { user: { type: "string" }, password: { type: "string" } },
  (values, common) => {
    if (typeof values.user !== "string" || typeof values.password !== "string")
      throw new Error("--user and --password are required");
    return startSinema({ accounts: [{ username: values.user, password: values.password }], ...common });
  },
  "/api/v1",
);
