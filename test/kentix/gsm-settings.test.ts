import { GsmSettings } from "../../providers/kentix";
import { describeSettings } from "./settings-cases";
import { useKentix } from "./support";

const kentix = useKentix();

describeSettings(kentix, {
  resource: GsmSettings,
  setting: "gsm",
  path: "/api/gsm",
  declared: { isActive: true, forwarding: { is_active: false } },
  createBody: { is_active: true, forwarding: { is_active: false } },
  restoreValues: { isActive: false, forwarding: {} },
  change: [{ isActive: false }, { is_active: false }],
  drift: [{ forwarding: { is_active: true } }, { forwarding: { is_active: true } }],
  restoreBody: { is_active: false, forwarding: {} },
  bad: [
    [{ isActive: "on" }, ["isActive"]],
    // The SIM PIN is an action, not a setting: an unknown key, refused for the resource as a whole.
    [{ gateway: "modem", pin: "1234" }, ["gateway", "(resource)"]],
  ],
});
