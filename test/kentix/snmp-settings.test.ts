import { SnmpSettings } from "../../providers/kentix";
import { describeSettings } from "./settings-cases";
import { useKentix } from "./support";

const kentix = useKentix();

describeSettings(kentix, {
  resource: SnmpSettings,
  setting: "snmp",
  path: "/api/snmp",
  declared: { isActive: true, trapReceiverActive: false },
  createBody: { is_active: true },
  restoreValues: { isActive: false, trapReceiverActive: false },
  change: [{ trapReceiverActive: true }, { trapreceiver_active: true }],
  drift: [{ is_active: false }, { isActive: false, trapReceiverActive: false }],
  restoreBody: { is_active: false, trapreceiver_active: false },
  bad: [
    [{ isActive: "yes" }, ["isActive"]],
    [{ trapReceiverActive: 1, deletePolicy: "disable" }, ["trapReceiverActive", "deletePolicy"]],
  ],
});
