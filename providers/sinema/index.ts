import { connectionHelper } from "../core/connection-helper";
import type { ConnectionHelper } from "../core/resource/public";

export { Device } from "./device";
export { Subnet } from "./subnet";
export { Node } from "./node";
export { SubnetPortGroup } from "./port-group";
export { ParticipantGroup } from "./participant-group";
export { CommunicationRelation } from "./communication-relation";
export { User } from "./user";
export { Role } from "./role";
export { SmsGatewayProvider } from "./sms-gateway-provider";
export { StaticRoute } from "./static-route";
export { SyslogServer } from "./syslog-server";
export { DnsSettings } from "./dns-settings";
export { NtpSettings } from "./ntp-settings";
export { EmailSettings } from "./email-settings";
export { WebServerSettings } from "./web-server-settings";
export { AutoLogout } from "./auto-logout";
export { ServerInformation } from "./server-information";
export { ApiSettings } from "./api-settings";
export { SyslogSettings } from "./syslog-settings";
export { PasswordPolicy } from "./password-policy";
export { BruteForcePrevention } from "./brute-force-prevention";
export { SnmpSettings } from "./snmp-settings";
export { BackupSettings } from "./backup-settings";
export { OpenVpnServerSettings } from "./openvpn-server-settings";
export { OpenVpnAddressSpace, VirtualSubnetAddressSpace } from "./address-spaces";
export { OidcSettings } from "./oidc-settings";
export { UserLogSettings } from "./user-log-settings";

/**
 * Addressing and TLS trust of one SINEMA RC server (the origin, e.g. https://rc.plant.example; the API lives
 * under /api/v1). The login comes from `pulumi config set --secret sinema:<profile>.username|password`
 * (optional `loginType` password|umc and `otpToken`) or SINEMA_<PROFILE>_USERNAME / _PASSWORD, never from state.
 */
export const connection: ConnectionHelper = connectionHelper("sinema");
