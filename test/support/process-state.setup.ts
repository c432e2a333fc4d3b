/**
 * The test files share worker processes (`isolate: false` in vitest.config.mts: importing the providers once per
 * worker instead of once per file saves most of `npm test`'s time). What the runtime keeps per process is reset
 * after each file, as a fresh plugin process would start: the secrets it redacts, its sessions (pools, logins,
 * remembered refusals, natural-key indexes), the stack config, and the kinds a test file defined for itself (the
 * package's own kinds are all registered first, so only a file's own kinds are new).
 */
import { afterAll } from "vitest";
import "../../providers";
import { clearSessions } from "../../providers/core/connection";
import { clearStackConfig } from "../../providers/core/credentials";
import { forgetSecrets } from "../../providers/core/redact";
import { lifecycles, models } from "../../providers/core/resource/registry";

const packageKinds = new Set(models.keys());

afterAll(() => {
  forgetSecrets();
  clearSessions();
  clearStackConfig();
  for (const registry of [models, lifecycles])
    for (const kind of registry.keys()) if (!packageKinds.has(kind)) registry.delete(kind);
});
