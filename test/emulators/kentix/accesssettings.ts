/**
 * Access settings (seed L104-197), a singleton at `/api/accesssettings` (the seed has no path; chosen by issue 12):
 * `GET` answers the object as the seed's sample shows it (`external_evaluation` as 0/1, `pinlength` and
 * `memorydepth` as numbers); `PATCH`/`PUT` change the fields sent and answer a one-element array with the object
 * (sample `[ { } ]`). The update schema declares `pinlength` and `memorydepth` as **strings** with a numeric range,
 * so the emulator takes them only as strings of digits ("The pinlength must be a string."). Defaults: the seed's
 * sample where it is in range (pinlength 1 is below its own range: 4).
 */
import type { EmulatorRequest, EmulatorResponse, Router } from "../common";
import { jsonInput, msg, ValidationErrors } from "./laravel";
import { checkFields, type FieldRules } from "./rules";

const RULES: FieldRules = {
  external_evaluation: { type: "bool" },
  pinlength: { type: "custom" },
  memorydepth: { type: "custom" },
  mode: { type: "int", oneOf: [0, 1, 2] },
  bus_protocol: { type: "enum", values: ["v1", "v2"] },
};
const RANGES = { pinlength: [4, 10], memorydepth: [0, 720] } as const;

/** As stored (and as `setting("accesssettings")` shows it): a boolean and numbers. */
export const ACCESS_SETTINGS_DEFAULTS = {
  external_evaluation: false,
  pinlength: 4,
  memorydepth: 1,
  mode: 1,
  bus_protocol: "v1",
};

/** One singleton's values; `reset()` brings back the defaults. */
export class Singleton {
  values: Record<string, unknown>;
  constructor(private readonly defaults: Record<string, unknown>) {
    this.values = structuredClone(defaults);
  }
  reset(): void {
    this.values = structuredClone(this.defaults);
  }
}

const wire = (v: Record<string, unknown>) => ({ ...v, external_evaluation: v.external_evaluation ? 1 : 0 });

export function addAccessSettingsRoutes(router: Router, s: Singleton, present: (p: unknown) => unknown): void {
  const update = (req: EmulatorRequest): EmulatorResponse => {
    const input = jsonInput(req);
    const errors = new ValidationErrors();
    checkFields(input, RULES, errors);
    for (const [key, [min, max]] of Object.entries(RANGES)) {
      if (!(key in input)) continue;
      const v = input[key];
      if (typeof v !== "string") errors.add(key, msg.string(key));
      else if (!/^\d+$/.test(v)) errors.add(key, msg.integer(key));
      else if (Number(v) < min || Number(v) > max) errors.add(key, msg.between(key, min, max));
    }
    if (!errors.empty) return errors.response();
    for (const key of Object.keys(RULES))
      if (key in input) s.values[key] = key in RANGES ? Number(input[key]) : input[key];
    return { status: 200, body: present([wire(s.values)]) };
  };
  router
    .add("GET /api/accesssettings", () => ({ status: 200, body: present(wire(s.values)) }))
    .add("PATCH /api/accesssettings", update)
    .add("PUT /api/accesssettings", update);
}
