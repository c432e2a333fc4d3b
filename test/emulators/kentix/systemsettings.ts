/**
 * The system settings singletons of issue 13 (seed sections "System name", "Locale settings", "Date and Time
 * configuration", "Email Configuration", "LDAP Settings", "SNMP Settings", "VDS Settings", "Automatic Backup
 * Configuration", "SMS Gateway Configuration", "GSM Configuration"). The seed shows no paths: each lives at
 * `/api/<path>` below (this emulator's choice, README "System settings"). `GET` answers the object as the seed's sample shows
 * it: bare, or a one-element array where the sample is `[ { } ]`; `PATCH`/`PUT` change the fields sent (strict types,
 * Laravel 422s) and answer like the seed's update sample. Fields the seed marks read-only are ignored on write.
 */
import type { EmulatorRequest, EmulatorResponse, Router } from "../common";
import { Singleton } from "./accesssettings";
import { isPlainObject, jsonInput, msg, ValidationErrors } from "./laravel";
import { checkFields, type FieldRules, isFilled } from "./rules";

type Obj = Record<string, unknown>;

interface SettingsDef {
  path: string;
  defaults: Obj;
  rules: FieldRules;
  /** The GET answer is a one-element array (seed sample `[ { } ]`). */
  getAsArray?: boolean;
  /** The update answer is a one-element array. */
  updateAsArray?: boolean;
  /** Stored but never answered (the password the GET sample does not show). */
  hidden?: string[];
  /** Fields that must be in every update. */
  required?: string[];
  /** Checks on the values as they would be after the write. */
  after?(next: Obj, errors: ValidationErrors): void;
  /** The update body may come as a one-element array (the seed prints the schema as `Array`). */
  arrayBody?: boolean;
}

const str = { type: "string", max: 255 } as const;
const strOrNull = { type: "string", max: 255, nullable: true } as const;
const bool = { type: "bool" } as const;
const port = { type: "int", min: 1, max: 65535 } as const;

export const SYSTEM_SETTINGS = {
  systemname: {
    path: "/api/systemname",
    defaults: { name: "My AlarmManager" },
    rules: { name: { type: "string", max: 255, filled: true } },
    getAsArray: true,
  },
  locale: {
    path: "/api/locale",
    defaults: { language: "en", temperature_unit: "C" },
    rules: {
      language: { type: "enum", values: ["en", "de", "fr", "it", "es", "pt", "jp"] },
      temperature_unit: { type: "enum", values: ["C", "F"] },
    },
    getAsArray: true,
    updateAsArray: true,
  },
  datetime: {
    path: "/api/datetime",
    defaults: { auto: true, ntp1: "0.pool.ntp.org", ntp2: "1.pool.ntp.org", timezone: "Europe/Berlin" },
    rules: { auto: bool, ntp1: str, ntp2: str, timezone: str },
    getAsArray: true,
    arrayBody: true,
  },
  email: {
    path: "/api/email",
    defaults: {
      is_active: false,
      sender: "",
      address: "",
      port: 587,
      security: "starttls",
      username: "",
      password: "",
      signature: "",
    },
    rules: {
      is_active: bool,
      sender: str,
      address: str,
      port,
      security: { type: "enum", values: ["off", "starttls", "ssl"] },
      username: str,
      password: str,
      signature: { type: "string", max: 4096 },
    },
    getAsArray: true,
    updateAsArray: true,
    hidden: ["password"],
  },
  ldap: {
    path: "/api/ldap",
    defaults: {
      is_active: false,
      soft_deletes: false,
      security: 0,
      address: "",
      port: 389,
      basedn: "",
      binddn: "",
      binddn_password: null,
      usergroup_1: 0,
      usergroup_1_path: "",
      usergroup_2: 0,
      usergroup_2_path: "",
      admin_group: "",
      user_active: "",
      username: "sAMAccountName",
      fullname: "name",
      email: "mail",
      phone: "telephoneNumber",
      pin: "",
      rfid: "",
      description: "description",
      emergency_access: "",
      notifications: "",
      levelprofiles: "",
      sync_interval: 3600,
    },
    rules: {
      is_active: bool,
      soft_deletes: bool,
      security: { type: "int", oneOf: [0, 1] },
      address: str,
      port,
      basedn: str,
      binddn: str,
      binddn_password: strOrNull,
      usergroup_1: { type: "int", min: 0 },
      usergroup_1_path: str,
      usergroup_2: { type: "int", min: 0 },
      usergroup_2_path: str,
      admin_group: str,
      user_active: str,
      username: str,
      fullname: str,
      email: str,
      phone: str,
      pin: str,
      rfid: str,
      description: str,
      emergency_access: str,
      notifications: str,
      levelprofiles: str,
      sync_interval: { type: "int", oneOf: [3600, 10800, 21600, 43200, 86400] },
    },
  },
  snmp: {
    path: "/api/snmp",
    defaults: { is_active: false, trapreceiver_active: false },
    rules: { is_active: bool, trapreceiver_active: bool },
  },
  vds: {
    path: "/api/vds",
    defaults: {
      is_active: false,
      connection_identifier: "",
      key: null,
      authentication_mode: "default",
      address1: "",
      port1: 5000,
      address2: "",
      port2: 5000,
      routine_timeout: 1000,
      send_connection_loss: false,
      send_startup_routine: false,
      send_restart_event: false,
    },
    rules: {
      is_active: bool,
      connection_identifier: str,
      key: strOrNull,
      authentication_mode: { type: "enum", values: ["default", "encrypted"] },
      address1: str,
      port1: port,
      address2: str,
      port2: port,
      routine_timeout: { type: "int", min: 0 },
      send_connection_loss: bool,
      send_startup_routine: bool,
      send_restart_event: bool,
    },
    required: ["is_active"],
  },
  autobackup: {
    path: "/api/autobackup",
    defaults: {
      is_active: false,
      time: "00:00",
      type: 1,
      delete_after_days: 1,
      address: null,
      share: null,
      path: null,
      username: null,
      password: null,
      send_notification: false,
    },
    rules: {
      is_active: bool,
      time: { type: "custom" },
      type: { type: "int", min: 1, max: 2 },
      delete_after_days: { type: "int", min: 0, max: 7 },
      address: strOrNull,
      share: strOrNull,
      path: strOrNull,
      username: strOrNull,
      password: strOrNull,
      send_notification: bool,
    },
    after(next, errors) {
      if (typeof next.time !== "string" || !/^([01]\d|2[0-3]):[0-5]\d$/.test(next.time))
        errors.add("time", "The time does not match the format H:i.");
      if (next.type === 2) {
        for (const k of ["address", "share"]) if (!isFilled(next[k])) errors.add(k, msg.requiredIf(k, "type", 2));
      } else if (next.delete_after_days === 0)
        errors.add("delete_after_days", "The delete after days must be at least 1 unless type is 2.");
    },
  },
  smsgateway: {
    path: "/api/smsgateway",
    defaults: { is_active: false, password: null },
    rules: { is_active: bool, password: strOrNull },
  },
  gsm: {
    path: "/api/gsm",
    defaults: { is_active: false, authentication: false, state: {}, gateway: {}, forwarding: {} },
    rules: { is_active: bool, gateway: { type: "custom" }, forwarding: { type: "custom" } },
    after(next, errors) {
      for (const k of ["gateway", "forwarding"])
        if (!next[k] || typeof next[k] !== "object" || Array.isArray(next[k])) errors.add(k, msg.array(k));
    },
  },
  // Seed "Network Configuration": the update sample's values; the read and update samples are `[ { } ]`.
  network: {
    path: "/api/network",
    defaults: {
      dhcp_active: true,
      dhcp_address: "192.168.100.224",
      dhcp_netmask: "255.255.255.0",
      static_active: false,
      static_address: "192.168.100.224",
      static_netmask: "255.255.255.0",
      gateway: "192.168.100.1",
      dns1: "192.168.100.1",
      dns2: "192.168.100.2",
      dyndns_address: "my-alarmmanager.internal.mycompany.com",
      port_auth: {},
    },
    rules: {
      dhcp_active: bool,
      dhcp_address: str,
      dhcp_netmask: str,
      static_active: bool,
      static_address: strOrNull,
      static_netmask: str,
      gateway: str,
      dns1: str,
      dns2: str,
      dyndns_address: str,
      port_auth: { type: "custom" },
    },
    getAsArray: true,
    updateAsArray: true,
  },
  // Seed "Satellites Settings": `device_name` is read-only (not in the update schema); the update sample is `[ { } ]`.
  satellite: {
    path: "/api/satellite",
    defaults: { device_name: "AccessManager", is_active: false, manager_address: "" },
    rules: { is_active: bool, manager_address: str },
    updateAsArray: true,
    after(next, errors) {
      if (next.is_active === true && !isFilled(next.manager_address))
        errors.add("manager_address", msg.requiredIf("manager_address", "is_active", "true"));
    },
  },
} satisfies Record<string, SettingsDef>;

export type SystemSettingsName = keyof typeof SYSTEM_SETTINGS;
export type SystemSettings = Record<SystemSettingsName, Singleton>;

export function systemSettings(): SystemSettings {
  return Object.fromEntries(
    Object.entries(SYSTEM_SETTINGS).map(([name, def]) => [name, new Singleton(def.defaults)]),
  ) as SystemSettings;
}

export function addSystemSettingsRoutes(router: Router, s: SystemSettings, present: (p: unknown) => unknown): void {
  for (const [name, d] of Object.entries(SYSTEM_SETTINGS) as [SystemSettingsName, SettingsDef][]) {
    const singleton = s[name];
    const view = () => {
      const v = structuredClone(singleton.values);
      for (const k of d.hidden ?? []) delete v[k];
      return v;
    };
    const answer = (asArray?: boolean) => present(asArray ? [view()] : view());
    const update = (req: EmulatorRequest): EmulatorResponse => {
      let input = jsonInput(req);
      if (d.arrayBody && Array.isArray(req.body) && req.body.length === 1 && isPlainObject(req.body[0]))
        input = req.body[0];
      const errors = new ValidationErrors();
      for (const k of d.required ?? []) if (!(k in input)) errors.add(k, msg.required(k));
      checkFields(input, d.rules, errors);
      const next = { ...singleton.values };
      for (const k of Object.keys(d.rules)) if (k in input) next[k] = structuredClone(input[k]);
      if (errors.empty) d.after?.(next, errors);
      if (!errors.empty) return errors.response();
      singleton.values = next;
      return { status: 200, body: answer(d.updateAsArray) };
    };
    router
      .add(`GET ${d.path}`, () => ({ status: 200, body: answer(d.getAsArray) }))
      .add(`PATCH ${d.path}`, update)
      .add(`PUT ${d.path}`, update);
  }
}
