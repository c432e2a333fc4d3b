import { afterAll, beforeAll, beforeEach } from "vitest";
import "../../providers/primis";
import { clearSessions } from "../../providers/core/connection";
import { setStackConfig } from "../../providers/core/credentials";
import { tlsFixture } from "../emulators/common";
import { type PrimisEmulator, type PrimisOptions, startPrimis } from "../emulators/primis";
export { createChecked, lifecycle, updateChecked } from "../support/lifecycle";

export const EMAIL = "ops@site.example";
export const PASSWORD = "Pr1mis-test-pw";
export const PHONE_ID = "9F58395D-7963-469C-BB8F-5C39A31B2B6Z"; // the seed's sample: opaque, not a UUID
export const AREA = { lobby: "130000000001", serverRoom: "130000000002", dock: "130000000003" };

/** One Primis emulator (HTTPS, test CA) per file, its site and sessions reset before each test. */
export function usePrimis(options: Partial<PrimisOptions> = {}) {
  const ctx = {} as { emu: PrimisEmulator; connection: { url: string; profile: string; caCertPem: string; retry: { baseDelayMs: number } } };
  beforeAll(async () => {
    ctx.emu = await startPrimis({ users: [{ email: EMAIL, password: PASSWORD, isAdmin: true, seats: 2 }], ...options });
    ctx.connection = { url: ctx.emu.httpsUrl!, profile: "hq", caCertPem: tlsFixture("ca.pem"), retry: { baseDelayMs: 1 } };
    const config: Record<string, string> = { "primis:hq.email": EMAIL, "primis:hq.password": PASSWORD, "primis:hq.phoneId": PHONE_ID };
    setStackConfig({ get: (key) => config[key] });
  });
  beforeEach(() => {
    clearSessions();
    ctx.emu.reset();
    ctx.emu.clearRequests();
    ctx.emu.clearFaults();
  });
  afterAll(() => ctx.emu.close());
  return ctx;
}


/** method + path (+ body when there is one) of every request, the login's Basic credentials shown as `Basic`. */
export const calls = (emu: PrimisEmulator) =>
  emu.requests.map((r) => {
    const line = `${r.method} ${r.path}`;
    return r.body === undefined ? line : { [line]: r.body };
  });
