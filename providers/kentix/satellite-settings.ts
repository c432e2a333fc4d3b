import { z } from "zod";
import { connectionHost } from "../core/connection-host";
import { settings } from "../core/resource/archetypes";
import { UNKNOWN } from "../core/resource/check";
import { field } from "../core/resource/schema";
import { kentix } from "./client";

const REPARENT =
  "it re-parents the device: as a satellite it hands its configuration to the manager at managerAddress and is reached through that manager, so this appliance's own API (the one this provider writes to) may stop answering, and the other resources declared on this connection fail. Set acknowledgeReparenting: true to declare it anyway.";

/** This device's role as a satellite of a KentixONE manager (one per appliance): guarded, it re-parents the device. */
export const SatelliteSettings = settings({
  vendor: kentix,
  name: "SatelliteSettings",
  description:
    "Whether this device runs as a satellite of another KentixONE device (its manager) and which manager that is. Re-parenting: a satellite hands its configuration to its manager, which synchronises it, and is reached through the manager (only the device in manager mode answers the API, as public clients observe), so making this device a satellite, or moving it to another manager, can take away the API this provider configures it through, together with every other resource of this connection. Guarded: declaring `isActive: true`, a `managerAddress`, or `deletePolicy: restore` (which may make the device a satellite again at destroy) needs `acknowledgeReparenting: true`; `check` refuses a manager address that is the host of `connection.url` (the device itself). `deviceName` is an output. Destroy leaves the role as it is (`retain`, the default) or writes back the role and manager found at create (`restore`): both values can be written back, and the acknowledgement covers that re-parenting too.",
  id: "satellite",
  routes: { read: "GET /api/satellite", update: "PATCH /api/satellite" },
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    isActive: field(z.boolean().optional(), {
      description:
        "The device is a satellite of the manager at `managerAddress` (`true` needs `managerAddress` and `acknowledgeReparenting`); `false`: it stands alone.",
    }),
    managerAddress: field(z.string().min(1).max(255).optional(), {
      description: "Network address of the manager the device is a satellite of. Needs `acknowledgeReparenting`.",
    }),
    acknowledgeReparenting: field(z.boolean().optional(), {
      description:
        "Must be `true` to declare `isActive: true`, a `managerAddress` or `deletePolicy: restore`: acknowledges that the device is re-parented and this provider may lose its API. Not sent.",
      writeOnly: true,
    }),
  },
  computed: {
    deviceName: field(z.string().nullable(), {
      description: "The device's name as its manager shows it; read-only.",
      computed: true,
    }),
  },
  rules(inputs, fail) {
    const restore = (inputs as { deletePolicy?: string }).deletePolicy === "restore";
    const reparents = [
      ...(inputs.isActive === true ? ["isActive: true"] : []),
      ...(inputs.managerAddress !== undefined ? ["managerAddress"] : []),
      ...(restore ? ["deletePolicy: restore"] : []),
    ];
    // A value still unknown (preview) is checked when `up` checks the resolved values, before any request.
    const acknowledged = [true, UNKNOWN].includes(inputs.acknowledgeReparenting as never);
    if (reparents.length && !acknowledged) fail("acknowledgeReparenting", `${reparents.join(", ")}: ${REPARENT}`);
    if (inputs.isActive === true && inputs.managerAddress === undefined)
      fail("managerAddress", "is required with isActive: true (the manager the device becomes a satellite of)");
    const host = connectionHost(inputs);
    const manager = inputs.managerAddress?.toLowerCase();
    if (host && manager === host)
      fail(
        "managerAddress",
        `is the device this provider configures (the host of connection.url): a device cannot be its own manager`,
      );
  },
  toWire: ({ acknowledge_reparenting: _local, ...body }) => body,
});
