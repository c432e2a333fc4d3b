import { SmsGatewaySettings } from "../../providers/kentix";
import { SECRETS } from "../secrets";
import { describeSettings } from "./settings-cases";
import { useKentix } from "./support";

const kentix = useKentix();
const password = SECRETS.kentixSmsGatewayPassword;

describeSettings(kentix, {
  resource: SmsGatewaySettings,
  setting: "smsgateway",
  path: "/api/smsgateway",
  declared: { isActive: true, password },
  createBody: { is_active: true, password },
  restoreValues: { isActive: false, password: null },
  change: [{ isActive: false }, { is_active: false }],
  drift: [{ is_active: false, password: "changed-by-hand" }, { isActive: false }],
  restoreBody: { is_active: false, password: null },
  bad: [
    [{ password: "" }, ["password"]],
    [{ isActive: null, password: 1234 }, ["isActive", "password"]],
  ],
  secrets: ["password"],
});
