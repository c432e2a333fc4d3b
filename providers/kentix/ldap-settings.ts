import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field, intEnum, ref, wireEnum } from "../core/resource/schema";
import { kentix } from "./client";

const text = z.string().max(255);
const attribute = (what: string, wire: string) =>
  field(text.optional(), { description: `LDAP attribute that holds ${what}.`, wire });

/** The directory (LDAP) the appliance synchronises its users from (one per appliance). */
export const LdapSettings = settings({
  vendor: kentix,
  name: "LdapSettings",
  description:
    "User synchronisation from a directory (LDAP or Active Directory): the server, the bind account, the two directory groups mapped to usergroups, and which directory attribute fills each user field. The bind password is secret (the appliance returns it, so drift on it shows as a secret). While LDAP is active, users synchronised from the directory are the directory's: do not also declare them as `User`. Starting a synchronisation is an action, not a setting. Destroy leaves the settings as they are (`retain`, the default) or writes back the values found at create (`restore`).",
  id: "ldap",
  routes: { read: "GET /api/ldap", update: "PATCH /api/ldap" },
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    isActive: field(z.boolean().optional(), { description: "Users are synchronised from the directory." }),
    softDeletes: field(z.boolean().optional(), {
      description: "A user deleted in the directory is disabled on the appliance instead of deleted.",
    }),
    security: field(wireEnum({ none: 0, ssl: 1 }).optional(), { description: "none, or SSL (LDAPS)." }),
    address: field(text.min(1).optional(), { description: "LDAP server (host name or address)." }),
    port: field(z.number().int().min(1).max(65535).optional(), { description: "LDAP server port, e.g. 389 or 636." }),
    baseDn: field(text.optional(), { description: "Base DN, e.g. dc=example,dc=com.", wire: "basedn" }),
    bindDn: field(text.optional(), { description: "DN of the bind account.", wire: "binddn" }),
    bindPassword: field(text.min(1).nullable().optional(), {
      description: "Password of the bind account; null: none. Secret; read back, so drift shows (as a secret).",
      secret: true,
      wire: "binddn_password",
    }),
    userGroup1Id: field(ref("UserGroup").optional(), {
      description: "The usergroup given to members of directory group 1.",
      wire: "usergroup_1",
    }),
    userGroup1Path: field(text.optional(), { description: "DN of directory group 1.", wire: "usergroup_1_path" }),
    userGroup2Id: field(ref("UserGroup").optional(), {
      description: "The usergroup given to members of directory group 2.",
      wire: "usergroup_2",
    }),
    userGroup2Path: field(text.optional(), { description: "DN of directory group 2.", wire: "usergroup_2_path" }),
    adminGroup: field(text.optional(), { description: "DN of the directory group of administrators." }),
    userActiveAttribute: attribute("whether the user is active", "user_active"),
    usernameAttribute: attribute("the user name", "username"),
    fullnameAttribute: attribute("the full name", "fullname"),
    emailAttribute: attribute("the email address", "email"),
    phoneAttribute: attribute("the phone number (needed on AlarmManagers only)", "phone"),
    pinAttribute: attribute("the PIN", "pin"),
    rfidAttribute: attribute("the RFID card UID", "rfid"),
    descriptionAttribute: attribute("the description", "description"),
    emergencyAccessAttribute: attribute("the emergency access", "emergency_access"),
    notificationsAttribute: attribute("whether the user receives notifications", "notifications"),
    levelProfilesAttribute: attribute("the user's level (access) profiles", "levelprofiles"),
    syncInterval: field(intEnum([3600, 10800, 21600, 43200, 86400]).optional(), {
      description: "Seconds between synchronisations: 3600, 10800, 21600, 43200 or 86400.",
    }),
  },
});
