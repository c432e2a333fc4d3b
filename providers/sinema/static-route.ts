import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field, wireEnum } from "../core/resource/schema";
import { sinema } from "./client";
import { ipv4 } from "./fields";

/** A static route of the server's own network stack. */
export const StaticRoute = collection({
  vendor: sinema,
  name: "StaticRoute",
  description:
    "A static route of the server. Adding one is asynchronous (202 with a status URL, polled until done); there is no update call, so any change replaces the route. One route per destination network is assumed (the listing names routes by destination only).",
  naturalKey: ["destinationNetwork"],
  routes: {
    list: "GET /system/network/staticroutes",
    create: "POST /system/network/staticRoutes", // capital R as printed
    read: "GET /system/network/staticroutes/{id}",
    delete: "DELETE /system/network/staticroutes/{id}",
  },
  fields: {
    destinationNetwork: field(ipv4(), { description: "Destination network address.", replaceOnChanges: true }),
    networkMask: field(ipv4(), { description: "Network mask, dotted (e.g. 255.255.0.0).", replaceOnChanges: true }),
    gateway: field(ipv4(), { description: "Gateway.", replaceOnChanges: true }),
    interface: field(wireEnum({ wan: 0, lan1: 1, lan2: 2, lan3: 3, lan4: 4 }), {
      description: "Interface the route leaves by.",
      replaceOnChanges: true,
    }),
  },
  computed: {
    description: field(z.string().nullable(), {
      description: "Description the server gives the route.",
      computed: true,
    }),
  },
});
