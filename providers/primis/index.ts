import { connectionHelper } from "../core/connection-helper";
import type { ConnectionHelper } from "../core/resource/public";

export { ControlledAreaState, AREA_STATES } from "./controlled-area-state";
export { DeviceRegistration } from "./device-registration";
export { ControlledAreaSchedule } from "./controlled-area-schedule";
export {
  listControlledAreas,
  listAccessGroups,
  listControlledAreasByAccessGroup,
  listSchedules,
  listBeacons,
  getBeacon,
} from "./data";

/**
 * Addressing and TLS trust of one Primis server (https only). The mobile user's credentials are never part
 * of it: `primis:<profile>.email`, `primis:<profile>.password` (secrets) and the stable device id
 * `primis:<profile>.phoneId`, from stack config or PRIMIS_<PROFILE>_EMAIL / _PASSWORD / _PHONEID.
 */
export const connection: ConnectionHelper = connectionHelper("primis");
