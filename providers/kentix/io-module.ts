import { z } from "zod";
import { existing } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";
import {
  address,
  deviceName,
  deviceOutputs,
  deviceType,
  hiddenObject,
  membership,
  noneAsNull,
  nullAsNone,
  opt,
  ownId,
} from "./device-fields";

/** The configuration of an IO module the appliance knows (a device; the API cannot create or delete it). */
export const IoModule = existing({
  vendor: kentix,
  name: "IoModule",
  description:
    'The configuration of an IO module the appliance knows (modules are taught in on the hardware; the SmartAPI cannot create or delete them). Select it by `ioModuleId`, or by `name` alone (exactly one module must have it): with the id, `name` renames the module; without it, changing `name` selects another module. The SmartAPI\'s update body depends on the module type ("One of") and its documentation shows only the first variant, that of the Modbus/TCP module (type 123, the "Kentix I/O Module 7017"): `port` exists on that type only. A program that sets `port` states the type in `moduleType`: `check` refuses it for another type before any request, create fails before any write when the module is of another type, and a module whose type changes on the appliance is replaced. Switching outputs is an action, not a setting. Create reads the module, keeps the declared settings\' values as `restoreValues` and writes the declared ones; destroy leaves it as it is (`deletePolicy: retain`, the default) or writes those values back (`restore`).',
  select: { id: "ioModuleId", name: "name" },
  routes: {
    list: "GET /api/iomodules",
    read: "GET /api/iomodules/{id}",
    update: "PATCH /api/iomodules/{id}",
  },
  fields: {
    ioModuleId: ownId("IO module"),
    name: deviceName("IO module", "ioModuleId"),
    moduleType: deviceType(
      { modbusTcp: 123 },
      "other",
      "The module's type, as the appliance's `type` shows it: `modbusTcp` (type 123, the Kentix I/O Module 7017 on Modbus/TCP) or `other` (any other type; the SmartAPI documentation shows no other variant's fields). Never written: create fails when the module is of another type, and a change replaces. Required when `port` is set.",
    ),
    ...membership,
    address,
    port: opt(
      z.number().int().min(1).max(65535),
      "TCP port of the module (502: Modbus/TCP). `moduleType: modbusTcp` only.",
    ),
    external: hiddenObject("Input settings."),
    output: hiddenObject("Output (relay) settings."),
    webhookRelations: field(z.array(z.array(z.unknown())).optional(), {
      description:
        'Webhook relations of the module. The SmartAPI documentation shows them as an "Array of arrays" whose elements it hides, so each is passed through as declared (copy the shape your appliance\'s own answer shows); compared as a set.',
      unordered: true,
      wire: "webhooks",
    }),
  },
  conditional: [{ flag: "moduleType", activeWhen: ["modbusTcp"], defaults: { port: undefined } }],
  computed: { deviceId: deviceOutputs.deviceId, type: deviceOutputs.type },
  fromWire: noneAsNull,
  toWire: nullAsNone,
});
