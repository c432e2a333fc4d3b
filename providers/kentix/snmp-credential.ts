import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field, wireEnum, optional as opt } from "../core/resource/schema";
import { REQUIRED } from "../core/resource/spec";
import { kentix } from "./client";

const TRAPS = [
  "ColdStart",
  "WarmStart",
  "Login",
  "Alarm",
  "StructuredAlarm",
  "AlarmStateChange",
  "Access",
  "StructuredAccess",
] as const;
const PRIVACY = {
  none: 1,
  des: 2,
  tripleDes: 3,
  aes128: 4,
  idea: 9,
  aes192: 20,
  aes256: 21,
  aes128TripleDes: 22,
  aes192TripleDes: 23,
  aes256TripleDes: 24,
} as const;
const secret = (description: string, writeOnly = false) =>
  field(z.string().min(1).max(255).optional(), { description, secret: true, ...(writeOnly ? { writeOnly } : {}) });

/** An SNMP agent user, trap receiver or poll target ("SNMP host"). */
export const SnmpCredential = collection({
  vendor: kentix,
  name: "SnmpCredential",
  description:
    'An SNMP credential ("SNMP host"): the appliance provides data to an SNMP manager, sends traps to a receiver, or polls a device (an `SnmpSensor` names one). Which fields apply depends on `version` and `mode` (conditional settings below); the community and the SNMPv3 passwords are secrets. The appliance does not show the SNMPv3 passwords again (the SmartAPI documentation\'s answers carry null), so they are write-only: a change made on the appliance is not seen.',
  naturalKey: ["name"],
  routes: {
    list: "GET /api/snmpcredentials",
    create: "POST /api/snmpcredentials",
    read: "GET /api/snmpcredentials/{id}",
    update: "PATCH /api/snmpcredentials/{id}",
    delete: "DELETE /api/snmpcredentials/{id}",
  },
  fields: {
    name: field(z.string().min(1).max(255), { description: "Name of the credential; identifies it on the appliance." }),
    isActive: opt(z.boolean(), "Whether the credential is active."),
    version: field(wireEnum({ v2: 2, v3: 3 }), { description: "SNMP version: `v2` (SNMPv2c) or `v3`." }),
    mode: field(wireEnum({ provideData: 1, sendTraps: 2, pollData: 3 }), {
      description: "What the appliance does with it: provide data (agent), send traps, or poll a device.",
    }),
    address: opt(
      z.string().min(1).max(255),
      "Address of the trap receiver (`sendTraps`) or of the polled device (`pollData`).",
    ),
    port: opt(z.number().int().min(1).max(65535), "Port of the trap receiver or of the polled device."),
    ...(Object.fromEntries(
      TRAPS.map((t) => [
        `send${t}Trap`,
        opt(z.boolean(), `Send the ${t.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()} trap to the trap receiver.`),
      ]),
    ) as Record<`send${(typeof TRAPS)[number]}Trap`, z.ZodOptional<z.ZodBoolean>>),
    username: opt(z.string().min(1).max(255), "SNMPv3 user name."),
    community: secret("SNMPv2 community string."),
    authenticationProtocol: opt(wireEnum({ none: 1, hmacMd5: 2, hmacSha: 3 }), "SNMPv3 authentication protocol."),
    authenticationPassword: secret("SNMPv3 authentication password; never read back.", true),
    privacyProtocol: opt(wireEnum(PRIVACY), "SNMPv3 privacy (encryption) protocol."),
    privacyPassword: secret("SNMPv3 privacy password; never read back.", true),
    heartbeatInterval: opt(z.number().int().min(1), "Heartbeat interval when polling a device."),
  },
  // Seed: "Only required for SNMPv2/SNMPv3", "Only required for mode Send traps and Poll Data", "... Poll Data".
  conditional: [
    { flag: "version", activeWhen: "v2", defaults: { community: REQUIRED } },
    {
      flag: "version",
      activeWhen: "v3",
      defaults: { username: REQUIRED, authenticationProtocol: REQUIRED, privacyProtocol: REQUIRED },
    },
    {
      flag: "authenticationProtocol",
      activeWhen: ["hmacMd5", "hmacSha"],
      defaults: { authenticationPassword: REQUIRED },
    },
    {
      flag: "privacyProtocol",
      activeWhen: Object.keys(PRIVACY).filter((p) => p !== "none"),
      defaults: { privacyPassword: REQUIRED },
    },
    { flag: "mode", activeWhen: ["sendTraps", "pollData"], defaults: { address: REQUIRED, port: REQUIRED } },
    { flag: "mode", activeWhen: "pollData", defaults: { heartbeatInterval: REQUIRED } },
  ],
});
