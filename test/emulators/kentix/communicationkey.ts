/**
 * Communication key (seed L7930-8005, section "Security"), a singleton at `/api/communicationkey` (the seed has no
 * path; chosen here). `GET`, `PATCH`/`PUT` answer the object `{"communication-key", pinlength, "rfid-mode"}` as the
 * samples show it, the key in clear. `pinlength` and `rfid-mode` are the access settings' `pinlength` and `mode`
 * (read and written there: the digest infers they are one setting each). Rules: `communication-key` a non-empty
 * string of at most 255 characters, `pinlength` 4..10, `rfid-mode` 0..2; no POST or DELETE (405).
 */
import type { EmulatorRequest, EmulatorResponse, Router } from "../common";
import type { Singleton } from "./accesssettings";
import { jsonInput, ValidationErrors } from "./laravel";
import { checkFields, type FieldRules } from "./rules";

const RULES: FieldRules = {
  "communication-key": { type: "string", filled: true, max: 255 },
  pinlength: { type: "int", min: 4, max: 10 },
  "rfid-mode": { type: "int", oneOf: [0, 1, 2] },
};

/** As stored; the sample's key. */
export const COMMUNICATION_KEY_DEFAULTS = { "communication-key": "myCommunicationKey0123456789" };

export function addCommunicationKeyRoutes(
  router: Router,
  key: Singleton,
  access: Singleton,
  present: (p: unknown) => unknown,
): void {
  const view = () => ({
    "communication-key": key.values["communication-key"],
    pinlength: access.values.pinlength,
    "rfid-mode": access.values.mode,
  });
  const update = (req: EmulatorRequest): EmulatorResponse => {
    const input = jsonInput(req);
    const errors = new ValidationErrors();
    checkFields(input, RULES, errors);
    if (!errors.empty) return errors.response();
    if ("communication-key" in input) key.values["communication-key"] = input["communication-key"];
    if ("pinlength" in input) access.values.pinlength = input.pinlength;
    if ("rfid-mode" in input) access.values.mode = input["rfid-mode"];
    return { status: 200, body: present(view()) };
  };
  router
    .add("GET /api/communicationkey", () => ({ status: 200, body: present(view()) }))
    .add("PATCH /api/communicationkey", update)
    .add("PUT /api/communicationkey", update);
}
