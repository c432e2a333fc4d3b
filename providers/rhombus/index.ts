import { connectionHelper } from "../core/connection-helper";
import type { ConnectionHelper } from "../core/resource/public";

export { KisiIntegration } from "./kisi-integration";

/**
 * Addressing of the Rhombus API (e.g. https://api2.rhombussystems.com, or the EU host: API keys are
 * region-bound). The API key is never part of it: `pulumi config set --secret rhombus:<profile>.apiKey …`
 * or RHOMBUS_<PROFILE>_APIKEY.
 */
export const connection: ConnectionHelper = connectionHelper("rhombus");
