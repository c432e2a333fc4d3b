import "../../providers/sinema";
import { type SinemaEmulator, type SinemaOptions, startSinema } from "../emulators/sinema";
export {
  createChecked,
  errorFields,
  expectNoOpUp,
  failingProperties,
  failure,
  type FieldsOf,
  lifecycleOf,
  type PlainArgs,
  refreshDiff,
  secretPaths,
  unchangedUp,
  unchecked,
  updateChecked,
} from "../support/lifecycle";
import { useEmulator } from "../support/emulator";

export const ADMIN = { username: "api-admin", password: "rc-admin-pw-5e1f0a" };
export const API = "/api/v1";

/** One SINEMA RC emulator (HTTPS, test CA) per test file; state, log, faults and sessions reset before each test. */
export function useSinema(options: Partial<SinemaOptions> = {}) {
  const ctx = useEmulator({
    start: () => startSinema({ accounts: [ADMIN], https: "ca", ...options }),
    profile: "plant",
    config: { "sinema:plant.username": ADMIN.username, "sinema:plant.password": ADMIN.password },
    reset: (emu) => {
      emu.setAccounts([ADMIN]);
      emu.setTokenTtl(Number.POSITIVE_INFINITY);
    },
  });
  return Object.assign(ctx, {
    setConfig: (key: string, value: string | undefined) =>
      void (value === undefined ? delete ctx.config[key] : (ctx.config[key] = value)),
  });
}

/** Every request after the login, as `METHOD path` (query included) with the JSON body where there is one. */
export const calls = (emu: SinemaEmulator) =>
  emu.requests
    .filter((r) => r.path !== `${API}/api-auth`)
    .map((r) => {
      const q = new URLSearchParams(r.query).toString();
      const line = `${r.method} ${r.path.slice(API.length)}${q ? `?${q}` : ""}`;
      return r.body === undefined ? line : { [line]: r.body };
    });
