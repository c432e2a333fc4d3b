// The example site: one Kentix appliance with an alarm-group tree, a SOC webhook and an operators group.
// `pulumi up` at the repository root deploys it (Pulumi.yaml); `npm run demo` runs it against the emulator.
import * as pulumi from "@pulumi/pulumi";
import * as kentix from "pulumi-facility/kentix";

const config = new pulumi.Config();

// Addressing and trust only; the token comes from `pulumi config set --secret kentix:hq.token ...`
// or KENTIX_HQ_TOKEN, never from state.
const site = kentix.connection({
  url: config.require("kentixUrl"),
  profile: "hq",
  caCertPem: config.get("kentixCaCertPem"),
  certFingerprint: config.get("kentixCertFingerprint"),
});

// #region kentix:Webhook
const soc = new kentix.Webhook("soc", {
  connection: site,
  name: "SOC",
  url: "https://soc.example/hook",
  requestType: "POST",
  contentType: "application/json",
  data: '{"group": "$GROUP_ID$", "state": "$GROUP_STATE$"}',
  authenticationMode: "bearer",
  bearerToken: config.requireSecret("socToken"),
});
// #endregion kentix:Webhook

// #region kentix:AlarmGroup
const building = new kentix.AlarmGroup("building", { connection: site, name: "Building A", stealthMode: false });

const serverRoom = new kentix.AlarmGroup("server-room", {
  connection: site,
  name: "Server room",
  parentId: building.id,
  armDelay: config.getNumber("serverRoomArmDelay") ?? 30,
  limitNotificationsFire: true,
  notificationCountFireAlarm: 10,
  notificationCountFireWarning: true,
  webhooks: [{ webhookId: soc.id, event: "allAlarms", triggerOnAlarm: true, triggerOnWarning: false }],
});

new kentix.AlarmGroup("lobby", { connection: site, name: "Lobby", parentId: building.id });
// #endregion kentix:AlarmGroup

// #region kentix:UserGroup
const operators = new kentix.UserGroup("operators", {
  connection: site,
  name: "Operators",
  permissions: { "alarmgroups.view": true, "alarmgroups.edit": false },
});
// #endregion kentix:UserGroup

export const serverRoomId = serverRoom.id;
export const operatorsGroupId = operators.id;
