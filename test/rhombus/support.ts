import { afterEach, expect } from "vitest";
import "../../providers/rhombus";
import type { LoggedRequest } from "../emulators/common";
import { OPERATIONS, type RhombusEmulator, schemaValidator, startRhombus } from "../emulators/rhombus";
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

export const API_KEY = "rh-test-apikey-5d21c9e0";
export const KISI_KEY = "kisi-test-secret-0b7f44a1";

const strict = schemaValidator({ strict: true });

/**
 * Violations of Rhombus's OpenAPI document by one request: an operation it lists, its method, the
 * `x-auth-scheme` parameter, and the body against the operation's request schema with every object closed
 * (Rhombus would silently drop an unknown property and answer 200, so the check is stricter than Rhombus).
 */
export function contractViolations(r: Pick<LoggedRequest, "method" | "path" | "headers" | "body">): string[] {
  const op = OPERATIONS.find((o) => o.path === r.path);
  if (!op) return [`${r.method} ${r.path}: not an operation of the OpenAPI document`];
  const problems = strict(op.request, r.body).map((e) => `${op.operationId} body ${e}`);
  if (r.method !== op.method) problems.push(`${op.operationId}: method ${r.method}, the document says ${op.method}`);
  if (r.headers["x-auth-scheme"]?.length !== 9)
    problems.push(`${op.operationId}: x-auth-scheme must be 9 characters ("api-token")`);
  if (op.deprecated) problems.push(`${op.operationId} is deprecated in the OpenAPI document`);
  return problems;
}

/** One Rhombus emulator (HTTPS, test CA) per file; after every test, every request the client sent is checked against the OpenAPI document. */
export function useRhombus() {
  const ctx = useEmulator({
    start: () => startRhombus({ apiKeys: [API_KEY], kisiKeys: [KISI_KEY] }),
    profile: "org",
    config: { "rhombus:org.apiKey": API_KEY },
  });
  afterEach(() => {
    expect(ctx.emu.requests.flatMap(contractViolations)).toEqual([]);
  });
  return ctx;
}

/** Operation name + body of every request. */
export const calls = (emu: RhombusEmulator) => emu.requests.map((r) => ({ [r.path.split("/").pop()!]: r.body }));
