/** Vendor-neutral emulator base: a real HTTP(S) server, faults, latency, request log, router, PRNG. */
export { Emulator, startEmulator, type EmulatorOptions } from "./server";
export { randomFaults, type RandomFaults } from "./faults";
export { holdWaits, type HeldWait, type HeldWaits } from "./held-waits";
export { Router, compilePath, type Params, type PathPattern, type RouteHandler, type RouteMatch } from "./router";
export { createPrng, type Prng } from "./prng";
export { TLS_FIXTURES_DIR, tlsFixture, serverCredentials, type HttpsMode, type TlsFixture } from "./tls";
export type * from "./types";
