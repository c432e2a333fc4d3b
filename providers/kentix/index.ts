import { connectionHelper } from "../core/connection-helper";
import type { ConnectionHelper } from "../core/resource/public";

export { AlarmGroup } from "./alarm-group";
export { Webhook } from "./webhook";
export { UserGroup } from "./user-group";
export { DoorLock, doorLockByName } from "./door-lock";
export { lookup, events, type EventType, type EventsArgs } from "./data";
export { AccessManager } from "./access-manager";
export { AlarmManager } from "./alarm-manager";
export { MultiSensor } from "./multi-sensor";
export { Camera } from "./camera";
export { SiteManager } from "./site-manager";
export { NetworkSensor } from "./network-sensor";
export { Outlet } from "./outlet";
export { SnmpSensor } from "./snmp-sensor";
export { SmartMeter } from "./smart-meter";
export { SmartPdu } from "./smart-pdu";
export { IoModule } from "./io-module";
export { TimeProfile } from "./time-profile";
export { ExceptionDayProfile } from "./exception-day-profile";
export { LevelProfile } from "./level-profile";
export { AccessSettings } from "./access-settings";
export { SnmpSettings } from "./snmp-settings";
export { VdsSettings } from "./vds-settings";
export { AutoBackupSettings } from "./auto-backup-settings";
export { SmsGatewaySettings } from "./sms-gateway-settings";
export { GsmSettings } from "./gsm-settings";
export { SystemName } from "./system-name";
export { LocaleSettings } from "./locale-settings";
export { DateTimeSettings } from "./date-time-settings";
export { EmailSettings } from "./email-settings";
export { LdapSettings } from "./ldap-settings";
export { CommunicationKey } from "./communication-key";
export { User } from "./user";
export { Rack } from "./rack";
export { EventProfile } from "./event-profile";
export { VdsLine } from "./vds-line";
export { Report } from "./report";
export { SnmpCredential } from "./snmp-credential";
export { NetworkSettings } from "./network-settings";
export { SatelliteSettings } from "./satellite-settings";

/**
 * Addressing and TLS trust of one Kentix appliance. The token is never part of it: it comes from
 * `pulumi config set --secret kentix:<profile>.token` or KENTIX_<PROFILE>_TOKEN.
 */
export const connection: ConnectionHelper = connectionHelper("kentix");
