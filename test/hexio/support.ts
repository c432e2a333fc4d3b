import "../../providers/hexio";
import { type HexioEmulator, type HexioOptions, startHexio } from "../emulators/hexio";
export {
  createChecked,
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

export const ADMIN = { userId: 1, username: "pulumi-bot", password: "hx-test-pass-5d1e07" };
export const ALICE = { userId: 12, username: "alice", password: "alice-pass-unused" };
export const BOB = { userId: 13, username: "bob", password: "bob-pass-unused" };
export const VIEWER = { userId: 20, username: "viewer", password: "hx-viewer-pass-81c3", access: "read-only" as const };

/** One Hexio emulator (HTTPS, test CA) per test file; state, log and faults cleared before each test. */
export function useHexio(options: Partial<HexioOptions> = {}) {
  return useEmulator({
    start: () => startHexio({ users: [ADMIN, ALICE, BOB, VIEWER], https: "ca", ...options }),
    profile: "cloud",
    path: "/v1",
    config: {
      "hexio:cloud.username": ADMIN.username,
      "hexio:cloud.password": ADMIN.password,
      "hexio:viewer.username": VIEWER.username,
      "hexio:viewer.password": VIEWER.password,
    },
  });
}

/** method + path (+ query and body where there is one) of every request, login included. */
export const calls = (emu: HexioEmulator) =>
  emu.requests.map((r) => {
    const q = new URLSearchParams(r.query).toString();
    const line = `${r.method} ${r.path.replace(/^\/v1/, "")}${q ? `?${decodeURIComponent(q)}` : ""}`;
    return r.body === undefined ? line : { [line]: r.body };
  });
