/** Rhombus API emulator for the Kisi integration operations of Rhombus's OpenAPI document. See README.md. */
import { startEmulator, type Emulator, type HttpsMode } from "../common";
import { createRhombusHandler } from "./api";
import { KisiStore } from "./kisi";

export { CAMERAS, KISI_PLACES, LOCATIONS, ORG_UUID, USER_UUID } from "./kisi";
export { OPERATIONS, schemaValidator } from "./openapi";

export interface RhombusOptions {
  /** Rhombus API keys of the organization (`x-auth-apikey`). */
  apiKeys: string[];
  /** Kisi API secret keys Kisi accepts (`apiSecretKey`). */
  kisiKeys: string[];
  /** Default "ca" (trusted through test/fixtures/tls/ca.pem). */
  https?: Exclude<HttpsMode, false>;
  latencyMs?: number;
  port?: number;
  httpsPort?: number;
}

/** Out-of-band access (the Rhombus console): never in the request log. */
export interface RhombusState {
  /** The stored Kisi settings (secret key included), or null when the organization has none. */
  kisi(): Record<string, any> | null;
  /** Edits the stored settings as the console would. */
  editKisi(edit: (settings: Record<string, any>) => void): void;
  /** Kisi webhooks Rhombus registered so far (a place whose webhook and token were not sent back gets a new one). */
  webhookRegistrations(): number;
  setApiKeys(keys: string[]): void;
  reset(): void;
}

export type RhombusEmulator = Emulator & RhombusState;

export async function startRhombus(options: RhombusOptions): Promise<RhombusEmulator> {
  let apiKeys = [...options.apiKeys];
  let store = new KisiStore(() => options.kisiKeys);
  const emulator = await startEmulator({
    handler: createRhombusHandler(
      () => store,
      () => apiKeys,
      () => options.kisiKeys,
    ),
    https: options.https ?? "ca",
    latencyMs: options.latencyMs,
    port: options.port,
    httpsPort: options.httpsPort,
  });
  const state: RhombusState = {
    kisi: () => structuredClone(store.state),
    editKisi(edit) {
      if (!store.state) throw new Error("rhombus emulator: the organization has no Kisi integration");
      edit(store.state);
    },
    webhookRegistrations: () => store.webhookRegistrations,
    setApiKeys: (keys) => void (apiKeys = [...keys]),
    reset: () => void (store = new KisiStore(() => options.kisiKeys)),
  };
  return Object.assign(emulator, state);
}
