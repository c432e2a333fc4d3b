import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field, wireEnum } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";
import { ipv4, netmask, outsideSpace } from "./fields";

const space = "The address space is limited by the start address and the network mask";

/** The pool the virtual subnets of 1:1 NAT are drawn from (System > VPN address space, "Virtual subnet"). */
export const VirtualSubnetAddressSpace = settings({
  vendor: sinema,
  name: "VirtualSubnetAddressSpace",
  description:
    "The address space of the virtual subnets (1:1 NAT): start address, network mask and end address. Every write sends all three with the POST that specifies and activates the space (the manual's PUT edits the same values; POST is the one call that works whether or not the space is active). Pass `{startAddress, networkMask, endAddress}` of this resource to `Subnet.virtualIpSpace` and check refuses a `virtualIp` outside it. Destroy leaves the space (`retain`) or deactivates it (`delete`: the manual's DELETE).",
  id: "virtualsubnet",
  routes: {
    ...settingsRoutes("/system/vpnaddressspace/virtualsubnetsettings"),
    delete: "DELETE /system/vpnaddressspace/virtualsubnetsettings",
  },
  deletePolicy: { default: "retain", options: ["retain", "delete"] },
  fields: {
    startAddress: field(ipv4(), { description: "Start address of the address space." }),
    networkMask: field(netmask(), { description: `Network mask of the address space. ${space}.` }),
    endAddress: field(ipv4(), { description: `End address of the address space. ${space}; the end must lie in it.` }),
  },
  computed: {
    networkPoolActive: field(z.boolean().nullable(), { description: "The address space is active.", computed: true }),
    totalAvailableNetworks: field(z.number().nullable(), {
      description: "Number of networks between the start and end address.",
      computed: true,
    }),
  },
  writeTogether: [["startAddress", "networkMask", "endAddress"]],
  // A deactivated space may still report its old addresses: read as no space, so a deactivation shows as drift.
  fromWire: (wire) =>
    wire.networkPoolActive === false ? { ...wire, startAddress: null, networkMask: null, endAddress: null } : wire,
  rules(inputs, fail) {
    const outside = outsideSpace(inputs.endAddress, inputs);
    if (outside) fail("endAddress", outside);
  },
});

const fixed = ["fixedIpProtocol", "fixedIpLocation", "fixedIpLength"] as const;

/** The OpenVPN address spaces (TCP and UDP) and the fixed-IP range devices take `fixedVpnAddress` from. */
export const OpenVpnAddressSpace = settings({
  vendor: sinema,
  name: "OpenVpnAddressSpace",
  description:
    "The OpenVPN address spaces for TCP and UDP tunnels (start address and mask each; the server computes the end address) and the fixed IP address space: `fixedIpProtocol`, `fixedIpLocation` and `fixedIpLength` together turn it on (the manual: only when all three are given). Every write sends every declared setting (the POST requires the four addresses). Pass the space of the fixed addresses' protocol to `Device.fixedVpnAddressSpace` and check refuses a `fixedVpnAddress` outside it. Destroy leaves the settings (`retain`); the manual's DELETE only turns the fixed IP address space off, so it is not offered as a delete of the whole.",
  id: "openvpnaddressspace",
  routes: settingsRoutes("/system/vpnaddressspace/openvpn"),
  deletePolicy: { default: "retain", options: ["retain"] },
  fields: {
    tcpStartIp: field(ipv4(), { description: "Start address of the TCP address space." }),
    tcpNetmask: field(netmask(), { description: "Network mask of the TCP address space." }),
    udpStartIp: field(ipv4(), { description: "Start address of the UDP address space." }),
    udpNetmask: field(netmask(), { description: "Network mask of the UDP address space." }),
    fixedIpProtocol: field(wireEnum({ tcp: 1, udp: 2 }).optional(), {
      description: "Address space of the fixed IP addresses: TCP or UDP.",
    }),
    fixedIpLocation: field(wireEnum({ first: 1, last: 2 }).optional(), {
      description:
        "Where the fixed addresses lie: `first` (from the start; the first address is the server's, the first fixed one the second after the start) or `last` (ending at the end address).",
    }),
    fixedIpLength: field(z.number().int().min(1).optional(), { description: "Number of fixed IP addresses." }),
  },
  computed: {
    tcpEndIp: field(z.string().nullable(), { description: "End address of the TCP space.", computed: true }),
    udpEndIp: field(z.string().nullable(), { description: "End address of the UDP space.", computed: true }),
    fixedIpActive: field(z.boolean().nullable(), {
      description: "The fixed IP address space is on.",
      computed: true,
    }),
  },
  writeTogether: [["tcpStartIp", "tcpNetmask", "udpStartIp", "udpNetmask", ...fixed]],
  // With the fixed IP address space off, its protocol, location and length do not apply: read as not set.
  fromWire: (wire) =>
    wire.fixedIpActive === false
      ? { ...wire, fixedIpProtocol: null, fixedIpLocation: null, fixedIpLength: null }
      : wire,
  rules(inputs, fail) {
    const given = fixed.filter((k) => inputs[k] !== undefined);
    if (given.length > 0 && given.length < fixed.length)
      for (const k of fixed.filter((f) => inputs[f] === undefined))
        fail(k, `the fixed IP address space is only turned on with all of ${fixed.join(", ")}: declare ${k} too`);
  },
});
