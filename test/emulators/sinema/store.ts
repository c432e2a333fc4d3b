/** In-memory state of one SINEMA RC server: entity tables, association pairs and settings objects. */

import { Table } from "../common/table";
export type { Row } from "../common/table";

/** An association without an id of its own: a set of (owner, member) pairs. */
export class Pairs {
  private pairs = new Set<string>();
  has(a: number, b: number) {
    return this.pairs.has(`${a}:${b}`);
  }
  add(a: number, b: number) {
    this.pairs.add(`${a}:${b}`);
  }
  remove(a: number, b: number) {
    return this.pairs.delete(`${a}:${b}`);
  }
  all(): [number, number][] {
    return [...this.pairs]
      .map((p) => p.split(":").map(Number) as [number, number])
      .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  }
  membersOf(a: number) {
    return this.all()
      .filter(([x]) => x === a)
      .map(([, y]) => y);
  }
  ownersOf(b: number) {
    return this.all()
      .filter(([, y]) => y === b)
      .map(([x]) => x);
  }
  /** Drops every pair that names `id` on the given side(s). */
  drop(id: number, side: "owner" | "member" | "both") {
    for (const [a, b] of this.all())
      if ((side !== "member" && a === id) || (side !== "owner" && b === id)) this.remove(a, b);
  }
  reset() {
    this.pairs.clear();
  }
}

export const ENTITIES = [
  "devices",
  "subnets",
  "nodes",
  "groups",
  "users",
  "roles",
  "sms",
  "routes",
  "syslog",
  "params",
  "portgroups",
] as const;
export type Entity = (typeof ENTITIES)[number];
export const RELATIONS = [
  "deviceGroups",
  "deviceAccess",
  "subnetGroups",
  "nodeGroups",
  "userGroups",
  "userRoles",
  "roleGroups",
  "destinations",
  "portgroupGroups",
] as const;
export type Relation = (typeof RELATIONS)[number];
export const SETTINGS = [
  "dns",
  "ntp",
  "email",
  "webserver",
  "autologout",
  "serverinformation",
  "apisettings",
  "syslogHostname",
  "passwordpolicy",
  "bruteforceprevention",
  "snmp",
  "backup",
  "openvpn",
  "virtualsubnet",
  "openvpnaddressspace",
  "oidc",
  "userlog",
] as const;
export type Setting = (typeof SETTINGS)[number];

/** What a freshly installed server holds: the factory roles of the seed's worked example and default settings. */
export function factorySettings(): Record<Setting, Record<string, unknown>> {
  return {
    dns: {
      hostname: "sinemarc.local",
      externallyResolvable: false,
      dnsPrimary: "192.168.1.1",
      dnsSecondary: "",
      dohActive: false,
      dnsResolver: "",
      dnsStamp: "",
    },
    ntp: { primaryNtp: "pool.ntp.org", secondNtp: "", timezone: "+00:00" },
    email: {
      method: 2,
      enabled: false,
      lifeInQueue: 300,
      sender: "sinemarc@localhost",
      smtpServer: "",
      smtpPort: 587,
      tls: 1,
      username: "",
      password: "",
    },
    webserver: {
      httpsPort: 443,
      httpsForwardingPort: 443,
      blockWebserverAccessFromWan: false,
      protocolTls13: 2,
      fallBackPort: 6220,
    },
    autologout: { wbmAutoLogoutTime: 30 },
    serverinformation: {
      showServerInformationOnLogin: false,
      showServerInformationOnServer: false,
      serverInformationText: "",
    },
    apisettings: { tokenExpireTime: 1, active: true },
    syslogHostname: { hostname: "sinemarc" },
    passwordpolicy: {
      policy: 0,
      minPasswordLength: 8,
      minNumericCharacter: 1,
      minSpecialCharacter: 1,
      minLowercaseLetter: 1,
      minUppercaseLetter: 1,
    },
    // The GET returns only `policy`; the limits are kept (and seen by tests through `setting`).
    bruteforceprevention: {
      policy: 0,
      failedLoginsBeforeBlocked: 5,
      ipAddressBlockPeriod: 300,
      disableInsteadOfBlock: 0,
      failedTokenRequestsBeforeBlocked: 3,
    },
    snmp: {
      enabled: false,
      supportSNMPv1AndSNMPv2: false,
      interface: 1,
      authenticationMethod: 1,
      securityLevel: 2,
      port: 161,
      encryptionMethod: 1,
      username: "",
    },
    // The GET never returns `codingKey`.
    backup: { maxNrOfBackups: 5, interval: 0, time: "00:00:00", codingKey: "" },
    userlog: { userLogTracing: false },
    oidc: {
      active: false,
      clientId: "",
      clientSecret: "",
      metadataUrl: "",
      providerDescription: "",
      redirectUrl: "",
      clientRedirectUrl: "",
    },
    // Computed values (end addresses, counts) are added by the GET.
    virtualsubnet: { networkPoolActive: false, startAddress: "", networkMask: "", endAddress: "" },
    openvpnaddressspace: {
      tcpStartIp: "172.17.0.0",
      tcpNetmask: "255.255.0.0",
      udpStartIp: "172.16.0.0",
      udpNetmask: "255.255.0.0",
      fixedIpActive: false,
      fixedIpProtocol: 1,
      fixedIpLocation: 1,
      fixedIpLength: 0,
    },
    openvpn: {
      status: 1,
      tcp: 5443,
      udp: 1194,
      keepAlive: 20,
      timeout: 120,
      key: 3,
      cipher: 3,
      hash: 2,
      tls: 2,
      interface: 0,
    },
  };
}

export const FACTORY_ROLES = [
  { id: 1, name: "vpn_user", rights: [11] },
  { id: 2, name: "admin", rights: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14] },
  { id: 3, name: "Service", rights: [5, 7] },
  { id: 4, name: "Monitoring", rights: [13] },
];

export class Db {
  readonly tables = Object.fromEntries(ENTITIES.map((e) => [e, new Table()])) as Record<Entity, Table>;
  readonly relations = Object.fromEntries(RELATIONS.map((r) => [r, new Pairs()])) as Record<Relation, Pairs>;
  settings = factorySettings();
  /** Enabled state per device / user id (the `/status/{id}` endpoints). */
  readonly status = { devices: new Map<number, boolean>(), users: new Map<number, boolean>() };

  constructor(private readonly roleDefaults: (fields: Record<string, unknown>) => Record<string, unknown>) {
    this.reset();
  }

  reset(): void {
    for (const t of Object.values(this.tables)) t.reset();
    for (const r of Object.values(this.relations)) r.reset();
    this.settings = factorySettings();
    this.status.devices.clear();
    this.status.users.clear();
    for (const role of FACTORY_ROLES) this.tables.roles.insert(this.roleDefaults(role));
  }

  /** Deletes a row and everything that cannot exist without it (undocumented server behaviour; see README). */
  remove(entity: Entity, id: number): boolean {
    const rel = this.relations;
    switch (entity) {
      case "devices":
        for (const s of this.tables.subnets.filter((s) => s.deviceid === id)) this.remove("subnets", s.id);
        for (const p of this.tables.params.filter((p) => p.deviceID === id)) this.tables.params.remove(p.id);
        rel.deviceGroups.drop(id, "owner");
        rel.deviceAccess.drop(id, "owner");
        this.status.devices.delete(id);
        break;
      case "subnets":
        for (const n of this.tables.nodes.filter((n) => n.subnetId === id)) this.remove("nodes", n.id);
        for (const g of this.tables.portgroups.filter((g) => g.subnetId === id)) this.remove("portgroups", g.id);
        rel.subnetGroups.drop(id, "owner");
        break;
      case "nodes":
        rel.nodeGroups.drop(id, "owner");
        break;
      case "portgroups":
        rel.portgroupGroups.drop(id, "owner");
        break;
      case "groups":
        for (const r of [
          "deviceGroups",
          "deviceAccess",
          "subnetGroups",
          "nodeGroups",
          "userGroups",
          "roleGroups",
          "portgroupGroups",
        ] as const)
          rel[r].drop(id, "member");
        rel.destinations.drop(id, "both");
        break;
      case "users":
        rel.userGroups.drop(id, "owner");
        rel.userRoles.drop(id, "owner");
        this.status.users.delete(id);
        break;
      case "roles":
        rel.userRoles.drop(id, "member");
        rel.roleGroups.drop(id, "owner");
        break;
      default:
        break;
    }
    return this.tables[entity].remove(id);
  }
}
