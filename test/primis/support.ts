import "../../providers/primis";
import { type PrimisEmulator, type PrimisOptions, startPrimis } from "../emulators/primis";
export {
  createChecked,
  expectNoOpUp,
  type FieldsOf,
  lifecycleOf,
  type PlainArgs,
  unchecked,
  updateChecked,
} from "../support/lifecycle";
import { useEmulator } from "../support/emulator";

export const EMAIL = "ops@site.example";
export const PASSWORD = "Pr1mis-test-pw";
export const PHONE_ID = "9F58395D-7963-469C-BB8F-5C39A31B2B6Z"; // the seed's sample: opaque, not a UUID
export const AREA = { lobby: "130000000001", serverRoom: "130000000002", dock: "130000000003" };

/** One Primis emulator (HTTPS, test CA) per file, its site and sessions reset before each test. */
export function usePrimis(options: Partial<PrimisOptions> = {}) {
  return useEmulator({
    start: () => startPrimis({ users: [{ email: EMAIL, password: PASSWORD, isAdmin: true, seats: 2 }], ...options }),
    profile: "hq",
    config: { "primis:hq.email": EMAIL, "primis:hq.password": PASSWORD, "primis:hq.phoneId": PHONE_ID },
  });
}

/** method + path (+ body when there is one) of every request, the login's Basic credentials shown as `Basic`. */
export const calls = (emu: PrimisEmulator) =>
  emu.requests.map((r) => {
    const line = `${r.method} ${r.path}`;
    return r.body === undefined ? line : { [line]: r.body };
  });
