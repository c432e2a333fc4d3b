import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field, ref, wireEnum } from "../core/resource/schema";
import { sinema } from "./client";
import { addressSpaceInput, groupList, ipv4, outsideSpace } from "./fields";

const CIDR = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d|[12]\d|3[0-2])$/;
const toInt = (ip: string) => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
const maskOf = (bits: number) => toIp(bits === 0 ? 0 : 2 ** 32 - 2 ** (32 - bits));
const bitsOf = (mask: string) =>
  /^\d+$/.test(mask) ? Number(mask) : toInt(mask).toString(2).replace(/0+$/, "").length;

const network = z
  .string()
  .regex(CIDR, { error: "must be a network in CIDR notation, e.g. 192.168.10.0/24" })
  .refine((v) => z.ipv4().safeParse(v.split("/")[0]).success, {
    error: "must be a network in CIDR notation, e.g. 192.168.10.0/24",
  })
  .refine((v) => toInt(v.split("/")[0]!) % 2 ** (32 - Number(v.split("/")[1])) === 0, {
    error: "has host bits set; give the network address (e.g. 192.168.10.0/24)",
  });

/** A network behind a device, reachable through its VPN tunnel. */
export const Subnet = collection({
  vendor: sinema,
  name: "Subnet",
  description:
    "A subnet behind a device. `network` is written as the API's `ipAddress` + `subnetMask` pair and read back the same way (dotted or prefix masks both compare equal). Its participant groups are kept through the subnet's group calls.",
  naturalKey: ["name"],
  routes: {
    list: "GET /connections/devices/subnets?deviceId={deviceId}",
    create: "POST /connections/devices/subnets",
    read: "GET /connections/devices/subnets/{id}",
    update: "PUT /connections/devices/subnets/{id}",
    delete: "DELETE /connections/devices/subnets/{id}",
  },
  fields: {
    deviceId: field(ref("Device"), {
      description:
        "The device the subnet is behind. Not returned by the server (kept from the declaration); a change replaces the subnet.",
      replaceOnChanges: true,
      writeOnly: true,
      wire: "deviceid",
    }),
    name: field(z.string().min(1), { description: "Subnet name; unique per device (409 otherwise)." }),
    network: field(network, {
      description: "The subnet, e.g. `192.168.10.0/24`. The server refuses (422) a network overlapping another one.",
    }),
    natMode: field(wireEnum({ none: 0, oneToOne: 1 }), { description: "NAT mode: none, or 1:1 NAT onto `virtualIp`." }),
    virtualIp: field(ipv4().optional(), {
      description:
        "Virtual subnet address for 1:1 NAT (drawn from the virtual-subnet address space when omitted). Create-only and not returned by the subnet's GET.",
      replaceOnChanges: true,
      writeOnly: true,
      wire: "virtualip",
    }),
    virtualIpSpace: addressSpaceInput(
      "The virtual-subnet address space `virtualIp` must fall in, e.g. `{startAddress: space.startAddress, networkMask: space.networkMask, endAddress: space.endAddress}` of a `VirtualSubnetAddressSpace`. Check only: never sent, and a changed space changes nothing on the subnet. While a value is unknown (preview), the check runs when `up` checks the resolved values, before the create.",
    ),
    groups: groupList("Participant groups with access to the subnet."),
  },
  parts: {
    groups: {
      list: "GET /connections/devices/subnets/groups?subnetId={id}",
      add: "POST /connections/devices/subnets/groups",
      remove: "DELETE /connections/devices/subnets/groups",
      // As printed: the add call spells subnetId/groupId, the remove call subnetID/groupID.
      body: (op, id, groupId, inputs) =>
        op === "add"
          ? { deviceID: Number(inputs.deviceId), subnetId: Number(id), groupId }
          : { deviceID: Number(inputs.deviceId), subnetID: Number(id), groupID: groupId },
    },
  },
  rules(inputs, fail) {
    const outside = outsideSpace(inputs.virtualIp, inputs.virtualIpSpace);
    if (outside) fail("virtualIp", outside);
  },
  toWire(body) {
    const { network: cidr, virtualIpSpace: _checkOnly, ...rest } = body;
    if (typeof cidr !== "string") return rest;
    const [ip, bits] = cidr.split("/");
    return { ...rest, ipAddress: ip, subnetMask: maskOf(Number(bits)) };
  },
  fromWire: (wire) =>
    typeof wire.ipAddress === "string" && wire.subnetMask != null
      ? { ...wire, network: `${wire.ipAddress}/${bitsOf(String(wire.subnetMask))}` }
      : wire,
});
