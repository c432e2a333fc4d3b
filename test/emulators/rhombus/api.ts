/**
 * The Rhombus HTTP surface for the Kisi operations, exactly as the OpenAPI document lists them (every one a
 * POST with a JSON body), with Rhombus's conventions: `x-auth-apikey` + `x-auth-scheme: api-token`,
 * business errors inside HTTP 200 bodies, request bodies checked against the document's schemas.
 */
import type { EmulatorResponse, Handler } from "../common";
import { CAMERAS, KISI_PLACES, type KisiStore } from "./kisi";
import { AUTH_SCHEME_PARAM, OPERATIONS, schemaValidator } from "./openapi";

type Json = Record<string, any>;

export function createRhombusHandler(
  storeOf: () => KisiStore,
  apiKeys: () => readonly string[],
  kisiKeys: () => readonly string[],
): Handler {
  // Rhombus checks types (Jackson) but drops unknown properties silently: the lenient validator.
  const validate = schemaValidator({ strict: false });
  const ok = (body: Json): EmulatorResponse => ({ status: 200, body });
  const malformed = (): EmulatorResponse => ({
    status: 400,
    body: { msg: "JSON doesn't match expected object structure" },
  });
  const kisiAuth = (key: unknown) => typeof key === "string" && kisiKeys().includes(key);

  const byOperation: Record<string, (body: Json, store: KisiStore) => EmulatorResponse> = {
    getKisiIntegrationV2: (_body, store) =>
      ok({ error: false, errorMsg: null, warningMsg: null, orgIntegrationV2: store.view() }),
    updateKisiIntegrationV2: (body, store) => ok(store.update(body.kisiSettings)),
    deleteKisiIntegrationV2: (_body, store) => (store.remove(), ok({ error: false, errorMsg: null, warningMsg: null })),
    getKisiIntegration: (_body, store) =>
      ok({
        authError: false,
        error: false,
        errorMsg: null,
        failedGuids: [],
        misconfiguredDoors: [],
        warningMsg: null,
        ...(store.state ? { kisiSettings: store.v1() } : {}),
      }),
    updateKisiIntegration: (body, store) => ok(store.updateV1(body.kisiSettings)),
    deleteKisiIntegration: (_body, store) => (store.remove(), ok({ error: false, errorMsg: null, warningMsg: null })),
    getKisiPlaces: (body) =>
      kisiAuth(body.apiSecretKey)
        ? ok({
            authError: false,
            error: false,
            places: KISI_PLACES.map(({ id, name }) => ({
              id,
              name,
              alertUnauthorizedFaces: false,
              createSeekPoints: false,
              identifyFacesFromBadge: false,
              saveClips: false,
            })),
          })
        : ok({ authError: true, error: true, errorMsg: "Kisi rejected the API secret key", places: null }),
    getKisiDoors: (body) =>
      kisiAuth(body.apiSecretKey)
        ? ok({
            authError: false,
            error: false,
            placeToDoorMap: Object.fromEntries(KISI_PLACES.map((p) => [String(p.id), p.doors])),
          })
        : ok({ authError: true, error: true, errorMsg: "Kisi rejected the API secret key", placeToDoorMap: null }),
    unlockKisiDoor: (body, store) => {
      const place = KISI_PLACES.find((p) => p.id === body.placeId);
      if (!store.state?.enabled) return ok({ error: true, errorMsg: "The Kisi integration is not enabled" });
      if (!place?.doors.some((d) => d.id === body.doorId))
        return ok({ error: true, errorMsg: `Kisi door ${body.doorId} is not in place ${body.placeId}` });
      if (body.cameraUuid && !CAMERAS.includes(body.cameraUuid))
        return ok({ error: true, errorMsg: `Unknown camera ${body.cameraUuid}` });
      return ok({ error: false, errorMsg: null, warningMsg: null });
    },
  };

  return (req) => {
    const op = OPERATIONS.find((o) => o.path === req.path);
    if (!op) return { status: 404, body: { timestamp: Date.now(), status: 404, error: "Not Found", path: req.path } };
    if (req.method !== op.method)
      return {
        status: 405,
        headers: { Allow: op.method },
        body: { timestamp: Date.now(), status: 405, error: "Method Not Allowed", path: req.path },
      };
    const scheme = req.headers[AUTH_SCHEME_PARAM.name];
    if (!apiKeys().includes(req.headers["x-auth-apikey"] ?? "") || scheme !== "api-token")
      return { status: 401, body: "Unauthorized" };
    if (!req.body || typeof req.body !== "object" || Array.isArray(req.body)) return malformed();
    if (validate(op.request, req.body).length) return malformed();
    return byOperation[op.operationId]!(req.body as Json, storeOf());
  };
}
