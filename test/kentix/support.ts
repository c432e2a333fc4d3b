import "../../providers/kentix";
import { type KentixEmulator, startKentix } from "../emulators/kentix";
export {
  createChecked,
  expectNoOpUp,
  failingProperties,
  failure,
  type FieldsOf,
  lifecycleOf,
  type PlainArgs,
  refreshDiff,
  unchangedUp,
  unchecked,
  updateChecked,
} from "../support/lifecycle";
import { useEmulator } from "../support/emulator";

export const TOKEN = "kx-test-token-7f3a9c";

/** One Kentix emulator (HTTPS, test CA) per test file; state and request log cleared before each test. */
export function useKentix(options: { stringNumbers?: number } = {}) {
  return useEmulator({
    start: () => startKentix({ tokens: [TOKEN], https: "ca", stringNumbers: options.stringNumbers ?? 0.3 }),
    profile: "hq",
    config: { "kentix:hq.token": TOKEN },
  });
}

/** method + path (+ body for writes) of every request the emulator saw. */
export const calls = (emu: KentixEmulator) =>
  emu.requests.map((r) =>
    r.method === "GET" || r.method === "DELETE" ? `${r.method} ${r.path}` : { [`${r.method} ${r.path}`]: r.body },
  );
