import { z } from "zod";
import { portsByProtocol } from "../core/resource/codecs";
import { collection } from "../core/resource/archetypes";
import { field, ref } from "../core/resource/schema";
import { sinema } from "./client";
import { groupList } from "./fields";

/** Ports of a subnet that the participant groups linked to a port group may reach. */
export const SubnetPortGroup = collection({
  vendor: sinema,
  name: "SubnetPortGroup",
  description:
    'A port group of a subnet: the TCP and UDP ports (and ICMP) that members of its participant groups may reach in the subnet. Ports are written as lists such as `"77, 70-100"` and kept one entry (a port or a range) per call, so a change adds or removes only the entries that changed; the order of a list does not matter. Its participant groups are kept through the port group\'s group calls.',
  naturalKey: ["name"],
  routes: {
    list: "GET /connections/devices/subnets/portgroups?subnetId={subnetId}",
    create: "POST /connections/devices/subnets/portgroups",
    read: "GET /connections/devices/subnets/portgroups/{id}",
    update: "PUT /connections/devices/subnets/portgroups/{id}",
    delete: "DELETE /connections/devices/subnets/portgroups/{id}",
  },
  fields: {
    subnetId: field(ref("Subnet"), {
      description:
        "The subnet the port group belongs to. Not returned by the server (kept from the declaration); a change replaces the port group.",
      replaceOnChanges: true,
      writeOnly: true,
    }),
    name: field(z.string().min(1), { description: "Port group name; unique per subnet (409 otherwise)." }),
    icmpEnabled: field(z.boolean().optional(), { description: "Allow ICMP packets (ping) into the subnet." }),
    ports: field(portsByProtocol({ tcp: "TCP", udp: "UDP" }).optional(), {
      description:
        'The allowed ports by protocol, e.g. `{tcp: "102, 502, 8000-8100", udp: "161"}`: ports 1 to 65535 and ranges `lo-hi`, separated by commas. When declared, both protocols are managed (a protocol left out has no ports). An entry given twice counts once; overlapping entries are kept as written.',
    }),
    groups: groupList("Participant groups the port group applies to."),
  },
  parts: {
    ports: {
      add: "POST /connections/devices/subnets/portgroups/ports",
      remove: "DELETE /connections/devices/subnets/portgroups/ports",
      body: (_op, id, entry) => ({ portgroupId: Number(id), ...(entry as object) }),
    },
    groups: {
      // The listing's key is `portgroups`, as printed; it lists participant groups.
      list: "GET /connections/devices/subnets/portgroups/groups?portgroupId={id}",
      add: "POST /connections/devices/subnets/portgroups/groups",
      remove: "DELETE /connections/devices/subnets/portgroups/groups",
      body: (_op, id, groupId) => ({ portgroupId: Number(id), groupId }),
    },
  },
});
