import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field, ref, wireEnum, optional as opt } from "../core/resource/schema";
import { sinema } from "./client";
import { addressSpaceInput, enabledField, groupList, ipv4, outsideSpace } from "./fields";

const unreadable = "The server never returns it, so drift on it cannot be seen.";

/** An OpenVPN connection parameter: an address and port the device reaches the server by. */
const connectionParameter = z.strictObject({
  ipAddress: field(ipv4(), { description: "IP address via which the SINEMA RC server can be reached." }),
  port: field(z.number().int().min(1).max(65535), {
    description: "Port at which the server receives the OpenVPN connection.",
  }),
  protocol: field(z.enum(["TCP", "UDP"]), { description: "Protocol of the OpenVPN connection." }),
});

/** A remote device (router, CPU module, edge client) that connects to the server by VPN. */
export const Device = collection({
  vendor: sinema,
  name: "Device",
  description:
    "A remote device. The create call takes only its general data; its enabled state, participant groups and OpenVPN connection parameters live on endpoints of their own and are written after it exists (a failure there is a partial create the next `up` completes). Subnets and nodes are `Subnet` and `Node` resources.",
  naturalKey: ["name"],
  routes: {
    list: "GET /connections/devices",
    create: "POST /connections/devices",
    read: "GET /connections/devices/{id}",
    update: "PUT /connections/devices/{id}",
    delete: "DELETE /connections/devices/{id}",
  },
  fields: {
    name: field(z.string().min(1), { description: "Device name; unique on the server (409 otherwise)." }),
    password: field(z.string().min(1), {
      description: `Device password. Secret and write-only. ${unreadable}`,
      secret: true,
      writeOnly: true,
    }),
    type: field(
      wireEnum({
        other: 0,
        S615: 1,
        M800: 2,
        SC600: 3,
        "CP1243-1": 4,
        "CP1243-7LTE": 5,
        RTU303xC: 6,
        RTU3010C: 7,
        MUM8xx: 8,
        EdgeClient: 10,
        MUB8xx: 11,
      }),
      {
        description:
          "Device type (SCALANCE S615, SCALANCE M800 family, SCALANCE SC-600, CP 1243-1, CP 1243-7 LTE, RTU 303xC, RTU 3010C, SCALANCE MUM8xx, SINEMA RC Edge Client, SCALANCE MUB8xx). Read back from `deviceType`.",
      },
    ),
    connectionType: field(
      wireEnum({
        permanent: 1,
        digitalInput: 2,
        wakeUpSmsM800: 3,
        wakeUpSmsRtu3030: 4,
        digitalInputOrWakeUpSmsM800: 5,
      }),
      {
        description:
          "How the device connects: permanently, on a digital input, or woken by SMS (SCALANCE M-800 / RTU 3030).",
      },
    ),
    vendor: opt(z.string(), "Vendor."),
    location: opt(z.string(), "Installation location."),
    comment: opt(z.string(), "Comment."),
    smsGatewayProvider: opt(
      ref("SmsGatewayProvider"),
      "SMS gateway provider for wake-up SMS (M800 Mobile, RTU 303xC, RM1224).",
    ),
    gsmNumber: opt(z.string(), "Number the wake-up SMS is sent to (M800 Mobile, RTU 303xC, RM1224)."),
    senderId: opt(z.string(), `Identifies the server to an RTU 303xC (set the same in the RTU). ${unreadable}`, {
      writeOnly: true,
    }),
    layer2Network: opt(ref("Layer 2 network"), `Layer 2 network of the device. ${unreadable}`, { writeOnly: true }),
    fixedVpnAddress: opt(ipv4(), `Fixed VPN address; setting it turns on "Use fixed VPN address". ${unreadable}`, {
      writeOnly: true,
    }),
    fixedVpnAddressSpace: addressSpaceInput(
      "The OpenVPN address space `fixedVpnAddress` must fall in, e.g. `{startAddress: spaces.tcpStartIp, networkMask: spaces.tcpNetmask}` of an `OpenVpnAddressSpace` (the space of its `fixedIpProtocol`). Check only: never sent, and a changed space changes nothing on the device. While a value is unknown (preview), the check runs when `up` checks the resolved values, before the create.",
    ),
    defaultGateway: opt(z.boolean(), `The device is a network gateway. ${unreadable}`, { writeOnly: true }),
    enabled: enabledField("device"),
    groups: groupList(
      "Participant groups with access to the device and everything reachable through it (all access).",
      "allAccessGroups",
    ),
    deviceAccessGroups: groupList(
      "Participant groups with access to the device only, not to its subnets and nodes (device access).",
    ),
    connectionParameters: field(z.array(connectionParameter).optional(), {
      description:
        "OpenVPN connection parameters (addresses and ports the device reaches the server by). Each one is an entry of its own with no update call: a changed entry is removed and added. Compared as a set.",
      unordered: true,
    }),
  },
  parts: {
    enabled: {
      read: "GET /connections/devices/status/{id}",
      write: "PUT /connections/devices/status/{id}",
      key: "status",
    },
    groups: {
      add: "POST /connections/devices/groups",
      remove: "DELETE /connections/devices/groups",
      body: (_op, id, groupId) => ({ deviceId: Number(id), groupId }),
    },
    deviceAccessGroups: {
      add: "POST /connections/devices/deviceaccess/groups",
      remove: "DELETE /connections/devices/deviceaccess/groups",
      body: (_op, id, groupId) => ({ deviceId: Number(id), groupId }),
    },
    connectionParameters: {
      list: "GET /connections/devices/connectionparameter?deviceId={id}",
      item: "GET /connections/devices/connectionparameter/{member}",
      add: "POST /connections/devices/connectionparameter",
      remove: "DELETE /connections/devices/connectionparameter/{member}",
      body: (op, id, p) => (op === "add" ? { deviceID: Number(id), ...(p as object) } : undefined),
    },
  },
  computed: {
    vpnAddress: field(z.string().nullable(), {
      description: "Current VPN address (`none` while not connected).",
      computed: true,
    }),
    state: field(z.string().nullable(), { description: "Connection status.", computed: true }),
    fingerprintSha256: field(z.string().nullable(), {
      description: "SHA-256 fingerprint of the device certificate.",
      computed: true,
    }),
  },
  rules(inputs, fail) {
    if (inputs.senderId !== undefined && inputs.type !== "RTU303xC")
      fail("senderId", 'only applies to type "RTU303xC"');
    const outside = outsideSpace(inputs.fixedVpnAddress, inputs.fixedVpnAddressSpace);
    if (outside) fail("fixedVpnAddress", outside);
  },
  toWire: ({ fixedVpnAddressSpace: _checkOnly, ...body }) => body,
  // GET names the type `deviceType` and answers the numbers as strings (the generic mapping coerces them).
  fromWire: (wire) => ({ ...wire, type: wire.deviceType ?? wire.type }),
});
