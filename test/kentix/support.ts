import { afterAll, beforeAll, beforeEach } from "vitest";
import "../../providers/kentix";
import { setStackConfig } from "../../providers/core/credentials";
import { clearSessions } from "../../providers/core/connection";
import { tlsFixture } from "../emulators/common";
import { type KentixEmulator, startKentix } from "../emulators/kentix";
export { createChecked, lifecycle, updateChecked } from "../support/lifecycle";

export const TOKEN = "kx-test-token-7f3a9c";

/** One Kentix emulator (HTTPS, test CA) per test file; state and request log cleared before each test. */
export function useKentix(options: { stringNumbers?: number } = {}) {
  const ctx = {} as { emu: KentixEmulator; connection: { url: string; profile: string; caCertPem: string; retry: { baseDelayMs: number } } };
  beforeAll(async () => {
    ctx.emu = await startKentix({ tokens: [TOKEN], https: "ca", stringNumbers: options.stringNumbers ?? 0.3 });
    ctx.connection = { url: ctx.emu.httpsUrl!, profile: "hq", caCertPem: tlsFixture("ca.pem"), retry: { baseDelayMs: 1 } };
    setStackConfig({ get: (key) => (key === "kentix:hq.token" ? TOKEN : undefined) });
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


/** method + path (+ body for writes) of every request the emulator saw. */
export const calls = (emu: KentixEmulator) =>
  emu.requests.map((r) => (r.method === "GET" || r.method === "DELETE" ? `${r.method} ${r.path}` : { [`${r.method} ${r.path}`]: r.body }));
