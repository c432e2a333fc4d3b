import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field, ref } from "../core/resource/schema";
import { sinema } from "./client";
import { groupList, ipv4 } from "./fields";

/** An end device in a device's subnet. */
export const Node = collection({
  vendor: sinema,
  name: "Node",
  description:
    "A node (end device) in a subnet behind a device. The manual documents no request body for the node's update call, so a change of name or address replaces the node; its participant groups are kept through the node's group calls.",
  naturalKey: ["name"],
  routes: {
    list: "GET /connections/devices/subnets/nodes?subnetId={subnetId}",
    create: "POST /connections/devices/subnets/nodes",
    read: "GET /connections/devices/subnets/nodes/{id}",
    delete: "DELETE /connections/devices/subnets/nodes/{id}",
  },
  fields: {
    subnetId: field(ref("Subnet"), {
      description: "The subnet the node is in. Not returned by the server (kept from the declaration).",
      replaceOnChanges: true,
      writeOnly: true,
    }),
    name: field(z.string().min(1), {
      description: "Node name; unique per subnet (409 otherwise).",
      replaceOnChanges: true,
    }),
    nodeIp: field(ipv4(), {
      description:
        "Node address; must lie in the subnet (422 otherwise). Write-only: the GET answers `ipAddress`, documented as the address in the virtual subnet, which differs under 1:1 NAT; see the `ipAddress` output.",
      replaceOnChanges: true,
      writeOnly: true,
    }),
    groups: groupList("Participant groups with access to the node."),
  },
  parts: {
    groups: {
      list: "GET /connections/devices/subnets/nodes/groups?nodeId={id}",
      add: "POST /connections/devices/subnets/nodes/groups",
      remove: "DELETE /connections/devices/subnets/nodes/groups",
      body: (_op, id, groupId) => ({ nodeId: Number(id), groupId }),
    },
  },
  computed: {
    ipAddress: field(z.string().nullable(), {
      description: "The node's address as the server reports it (in the virtual subnet under 1:1 NAT).",
      computed: true,
    }),
  },
});
