/** The per-file emulator fixture every vendor's lifecycle tests share. */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { clearSessions } from "../../providers/core/connection";
import { setStackConfig } from "../../providers/core/credentials";
import { tlsFixture } from "../emulators/common";

export interface TestConnection {
  url: string;
  profile: string;
  caCertPem: string;
  retry: { baseDelayMs: number };
}

interface Resettable {
  httpsUrl?: string;
  reset(): void;
  clearRequests(): void;
  clearFaults(): void;
  close(): Promise<void>;
}

/**
 * One emulator per test file, reached over HTTPS trusting the test CA. Before each test: the stack config
 * (`config`, editable by the test through `ctx.config`), fresh sessions, and the emulator's state, request
 * log and faults reset (`reset` adds the vendor's own resets).
 */
export function useEmulator<E extends Resettable>(o: {
  start: () => Promise<E>;
  profile: string;
  config: Record<string, string>;
  /** Appended to the emulator's base URL (an API prefix such as `/v1`). */
  path?: string;
  reset?: (emu: E) => void;
}) {
  const ctx = {} as { emu: E; connection: TestConnection; config: Record<string, string> };
  beforeAll(async () => {
    ctx.emu = await o.start();
    ctx.connection = {
      url: `${ctx.emu.httpsUrl!}${o.path ?? ""}`,
      profile: o.profile,
      caCertPem: tlsFixture("ca.pem"),
      retry: { baseDelayMs: 1 },
    };
  });
  beforeEach(() => {
    ctx.config = { ...o.config };
    setStackConfig({ get: (key) => ctx.config[key] });
    clearSessions();
    ctx.emu.reset();
    o.reset?.(ctx.emu);
    ctx.emu.clearRequests();
    ctx.emu.clearFaults();
  });
  afterAll(() => ctx.emu.close());
  return ctx;
}
