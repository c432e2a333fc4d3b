import { z } from "zod";
import { connectionHost, isIpv4 } from "../core/connection-host";
import { settings } from "../core/resource/archetypes";
import { UNKNOWN } from "../core/resource/check";
import { field, optional as opt } from "../core/resource/schema";
import { kentix } from "./client";

const ipv4 = z.ipv4({ error: "must be an IPv4 address" });
/** The fields that decide which address the appliance answers at. */
const ADDRESSING = ["dhcpActive", "staticActive", "staticAddress", "staticNetmask", "gateway"] as const;

const LOCKOUT =
  "it decides the address this provider (and every other client) reaches the appliance at: a wrong value cuts the provider off the appliance in the middle of the run, and every later request of this program to it fails. Set acknowledgeConnectionLoss: true to declare it anyway.";

const moved = (address: string, host: string) =>
  `${address} is not the address this provider reaches the appliance at (the host of connection.url is ${host}): ` +
  `the appliance would move away from the provider in the middle of the run, and the provider would lose it. ` +
  `Point connection.url at ${address} in the same change and set acknowledgeConnectionLoss: true ` +
  `(the provider then reads and writes through ${address}, so the appliance must answer there).`;

/** The appliance's own network configuration (one per appliance): guarded, it can cut the provider off. */
export const NetworkSettings = settings({
  vendor: kentix,
  name: "NetworkSettings",
  description:
    "The appliance's own IPv4 network configuration: DHCP or a static address with netmask and gateway, two DNS servers, the DynDNS name. Guarded, because a change can cut this provider (and everyone else) off the appliance: declaring how the appliance gets its address (`dhcpActive`, `staticActive`, `staticAddress`, `staticNetmask`, `gateway`) needs `acknowledgeConnectionLoss: true`, and `check` refuses a static address that is not the host of `connection.url` when that host is an IPv4 address. The provider reads and writes through that address, so it declares the address it reaches the appliance at and never moves the appliance away from itself in the middle of a run; to re-address an appliance, point `url` and `staticAddress` at the new address in the same change once the appliance answers there. With a host name (or an IPv6 address) in `url`, `check` cannot tell which address that reaches, and the acknowledgement alone lets the change through. Turning DHCP on may change the address too (the acknowledgement covers it). `dhcpAddress` and `dhcpNetmask` (what DHCP assigned) are outputs. The IEEE 802.1X port authentication (`port_auth`, whose keys the SmartAPI documentation does not show and which may hold credentials) is not managed. Destroy leaves the settings as they are (`retain`, the only policy): writing back the values found at create could turn DHCP on again or put back an address the provider no longer reaches, at destroy, where no check sees it.",
  id: "network",
  routes: { read: "GET /api/network", update: "PATCH /api/network" },
  deletePolicy: { default: "retain", options: ["retain"] },
  fields: {
    dhcpActive: opt(
      z.boolean(),
      "The appliance takes its address from DHCP (which may change it). Needs `acknowledgeConnectionLoss`.",
    ),
    staticActive: opt(
      z.boolean(),
      "The appliance uses `staticAddress`, `staticNetmask` and `gateway`. Needs `acknowledgeConnectionLoss`.",
    ),
    staticAddress: opt(
      ipv4.nullable(),
      "The static IPv4 address. While it is in effect (DHCP not declared on, static not declared off) it must be the host of `connection.url` where that is an IPv4 address. Needs `acknowledgeConnectionLoss`.",
    ),
    staticNetmask: opt(ipv4, "The static netmask, e.g. 255.255.255.0. Needs `acknowledgeConnectionLoss`."),
    gateway: opt(ipv4, "The default gateway. Needs `acknowledgeConnectionLoss`."),
    dns1: opt(ipv4, "The primary DNS server."),
    dns2: opt(ipv4.or(z.literal("")), 'The secondary DNS server; "": none.'),
    dyndnsAddress: opt(z.string().max(255), 'The appliance\'s DynDNS name; "": none.'),
    acknowledgeConnectionLoss: field(z.boolean().optional(), {
      description:
        "Must be `true` to declare any of `dhcpActive`, `staticActive`, `staticAddress`, `staticNetmask`, `gateway`: acknowledges that a wrong value cuts this provider off the appliance. Not sent.",
      writeOnly: true,
    }),
  },
  computed: {
    dhcpAddress: field(z.string().nullable(), {
      description: "The address DHCP assigned; read-only here (the DHCP server decides it).",
      computed: true,
    }),
    dhcpNetmask: field(z.string().nullable(), {
      description: "The netmask DHCP assigned; read-only here.",
      computed: true,
    }),
  },
  rules(inputs, fail) {
    const declared = ADDRESSING.filter((k) => inputs[k] !== undefined);
    // A value still unknown (preview) is checked when `up` checks the resolved values, before any request.
    const acknowledged = [true, UNKNOWN].includes(inputs.acknowledgeConnectionLoss as never);
    if (declared.length && !acknowledged) fail("acknowledgeConnectionLoss", `${declared.join(", ")}: ${LOCKOUT}`);
    if (typeof inputs.dhcpActive === "boolean" && inputs.dhcpActive === inputs.staticActive)
      fail(
        "staticActive",
        inputs.dhcpActive
          ? "the appliance takes its address either from DHCP or statically: dhcpActive and staticActive cannot both be true"
          : "with dhcpActive and staticActive both false the appliance would have no address",
      );
    const host = connectionHost(inputs);
    const address = inputs.staticAddress;
    const inEffect = inputs.dhcpActive !== true && inputs.staticActive !== false;
    if (typeof address === "string" && address !== UNKNOWN && inEffect && host && isIpv4(host) && address !== host)
      fail("staticAddress", moved(address, host));
  },
  toWire: ({ acknowledge_connection_loss: _local, ...body }) => body,
});
