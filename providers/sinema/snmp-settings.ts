import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { wireEnum, optional as opt } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";

/** The server's SNMP agent (the manual's section "Configure SMPT client", which means SNMP). */
export const SnmpSettings = settings({
  vendor: sinema,
  name: "SnmpSettings",
  description:
    "The SNMP agent of the server. The manual documents no community strings and no SNMPv3 passwords, so those cannot be set here (set them in the web interface); the agent does not carry this API, so no setting here can cut the provider off. Only the declared settings are managed. Destroy leaves them (`retain`), writes back the values found before (`restore`) or deletes the SNMP settings (`delete`).",
  id: "snmp",
  updateMerge: true,
  routes: { ...settingsRoutes("/services/snmpsettings"), delete: "DELETE /services/snmpsettings" },
  deletePolicy: { default: "retain", options: ["retain", "restore", "delete"] },
  fields: {
    enabled: opt(z.boolean(), "The SNMP agent is on."),
    supportSNMPv1AndSNMPv2: opt(
      z.boolean(),
      "Answer SNMPv1 and SNMPv2c queries too (the manual prints the name with a line-break hyphen, `sup-portSNMPv1AndSNMPv2`).",
    ),
    interface: opt(
      wireEnum({ wan: 0, lan: 1, wanAndLan: 2 }),
      "Interfaces the agent listens on: WAN, LAN 1-n, or both.",
    ),
    authenticationMethod: opt(wireEnum({ md5: 0, sha: 1 }), "SNMPv3 authentication algorithm."),
    securityLevel: opt(
      wireEnum({ noAuthNoPriv: 0, authNoPriv: 1, authPriv: 2 }),
      "SNMPv3 security level: no authentication, authentication, or authentication and encryption.",
    ),
    port: opt(z.number().int().min(1).max(65535), "Port the agent waits for queries on."),
    encryptionMethod: opt(wireEnum({ des: 0, aes: 1 }), "SNMPv3 encryption algorithm."),
    username: opt(z.string(), "SNMPv3 user name."),
  },
});
