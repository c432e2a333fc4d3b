import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";

/** Which alarms go out on which VdS line to the monitoring centre (with `VdsSettings`). */
export const VdsLine = collection({
  vendor: kentix,
  name: "VdsLine",
  description:
    "A VdS 2465 line: the alarm type the appliance transmits on that line number to the monitoring centre configured in `VdsSettings`. Keyed by its line number (the SmartAPI documentation does not say whether the appliance keeps line numbers unique; the provider does).",
  naturalKey: ["line"],
  routes: {
    list: "GET /api/vdslines",
    create: "POST /api/vdslines",
    read: "GET /api/vdslines/{id}",
    update: "PATCH /api/vdslines/{id}",
    delete: "DELETE /api/vdslines/{id}",
  },
  fields: {
    line: field(z.number().int().min(0), { description: "VdS line number; identifies the line on the appliance." }),
    alarmType: field(z.enum(["armed-active", "always-active", "fire", "tampering", "arm-disarm"]), {
      description: "The alarms transmitted on the line.",
      wire: "alarmtype",
    }),
  },
});
