/**
 * Run the Kentix emulator on its own:
 *   tsx test/emulators/kentix/main.ts --token X [--token Y] [--port N] [--https | --self-signed]
 *        [--https-port N] [--seed N] [--string-numbers P] [--latency MS]
 */
import { numberOption, runStandalone } from "../common/standalone";
import { startKentix } from "./index";

runStandalone(
  "kentix",
  { token: { type: "string", multiple: true }, seed: { type: "string" }, "string-numbers": { type: "string" } },
  (values, common) => {
    const tokens = values.token as string[] | undefined;
    if (!tokens?.length) throw new Error("at least one --token is required");
    return startKentix({
      tokens,
      ...common,
      seed: numberOption(values.seed),
      stringNumbers: numberOption(values["string-numbers"]),
    });
  },
);
