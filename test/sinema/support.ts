import { afterAll, beforeAll, beforeEach } from "vitest";
import "../../providers/sinema";
import { setStackConfig } from "../../providers/core/credentials";
import { clearSessions } from "../../providers/core/connection";
import { tlsFixture } from "../emulators/common";
import { type SinemaEmulator, type SinemaOptions, startSinema } from "../emulators/sinema";
export { createChecked, lifecycle, updateChecked } from "../support/lifecycle";

export const ADMIN = { username: "api-admin", password: "rc-admin-pw-5e1f0a" };
export const API = "/api/v1";

/** One SINEMA RC emulator (HTTPS, test CA) per test file; state, log, faults and sessions reset before each test. */
export function useSinema(options: Partial<SinemaOptions> = {}) {
  const ctx = {} as { emu: SinemaEmulator; connection: { url: string; profile: string; caCertPem: string; retry: { baseDelayMs: number } } };
  let config: Record<string, string> = {};
  beforeAll(async () => {
    ctx.emu = await startSinema({ accounts: [ADMIN], https: "ca", ...options });
    ctx.connection = { url: ctx.emu.httpsUrl!, profile: "plant", caCertPem: tlsFixture("ca.pem"), retry: { baseDelayMs: 1 } };
  });
  beforeEach(() => {
    config = { "sinema:plant.username": ADMIN.username, "sinema:plant.password": ADMIN.password };
    setStackConfig({ get: (key) => config[key] });
    clearSessions();
    ctx.emu.reset();
    ctx.emu.setAccounts([ADMIN]);
    ctx.emu.setTokenTtl(Number.POSITIVE_INFINITY);
    ctx.emu.clearRequests();
    ctx.emu.clearFaults();
  });
  afterAll(() => ctx.emu.close());
  return Object.assign(ctx, { setConfig: (key: string, value: string | undefined) => void (value === undefined ? delete config[key] : (config[key] = value)) });
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
