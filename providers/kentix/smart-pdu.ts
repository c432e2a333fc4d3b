import { z } from "zod";
import { existing } from "../core/resource/archetypes";
import { field, ref } from "../core/resource/schema";
import { kentix } from "./client";
import {
  address,
  deviceName,
  deviceType,
  hiddenObject,
  intFlag,
  membership,
  noneAsNull,
  nullAsNone,
  opaque,
  opt,
  ownId,
} from "./device-fields";

const SMART = "SmartPDU only (`pduType: smartPdu`).";
const KM = "kmpdu only (`pduType: kmpdu`).";

/** The configuration of a SmartPDU (Powermanager) the appliance knows (a device; the API cannot create or delete it). */
export const SmartPdu = existing({
  vendor: kentix,
  name: "SmartPdu",
  description:
    "The configuration of a SmartPDU (the SmartAPI's Powermanager) the appliance knows (PDUs are taught in on the hardware; the SmartAPI cannot create or delete them). Select it by `smartPduId`, or by `name` alone (exactly one PDU must have it): with the id, `name` renames the PDU; without it, changing `name` selects another PDU. The SmartAPI serves two variants: a SmartPDU (type 109) and a kmpdu (any other type; the SmartAPI documentation shows no kmpdu type code), each with fields of its own. A program that sets a variant's fields states the variant in `pduType`: `check` refuses a field of the other variant before any request, create fails before any write when the PDU is of another type, and a PDU whose type changes on the appliance is replaced. Its outlets are `Outlet` resources (their ids are in the appliance's SmartPDU overview); switching them is an action, not a setting. Create reads the PDU, keeps the declared settings' values as `restoreValues` and writes the declared ones; destroy leaves it as it is (`deletePolicy: retain`, the default) or writes those values back (`restore`).",
  select: { id: "smartPduId", name: "name" },
  routes: {
    list: "GET /api/powermanagers",
    read: "GET /api/powermanagers/{id}",
    update: "PATCH /api/powermanagers/{id}",
  },
  fields: {
    smartPduId: ownId("SmartPDU"),
    name: deviceName("SmartPDU", "smartPduId"),
    pduType: deviceType(
      { smartPdu: 109 },
      "kmpdu",
      "The PDU's variant, as the appliance's `type` shows it: `smartPdu` (type 109) or `kmpdu` (any other type). Never written: create fails when the PDU is of another variant, and a change replaces. Required when a variant's own fields are set.",
    ),
    ...membership,
    address,
    synchronicity: hiddenObject("Settings of the synchronicity sensor."),
    external: hiddenObject("External input settings."),
    output: hiddenObject("Output (relay, buzzer, LED) settings."),
    webhookIds: field(z.array(ref("Webhook")).optional(), {
      description: "Webhooks assigned to the PDU; compared as a set.",
      unordered: true,
      wire: "webhooks",
    }),
    monitoring: hiddenObject(`Monitoring thresholds. ${KM}`),
    fire: hiddenObject(`Fire detection settings. ${KM}`),
    intrusion: hiddenObject(`Intrusion detection settings. ${KM}`),
    rcm: hiddenObject(`Residual-current monitor settings. ${KM}`),
    meterType: opt(
      z.number().int().min(0),
      `Type of the energy-efficiency measuring (the codes are not documented). ${SMART}`,
      "meter_type",
    ),
    usesSignedIntegers: field(intFlag.optional(), {
      description: `Whether the values are shown with a sign (the SmartAPI: "determines the prefix display"). ${SMART}`,
      wire: "uses_signed_integers",
    }),
    rcmSerial: opt(
      z.string().max(255).nullable(),
      `Serial of the residual-current monitor; null: none. ${SMART}`,
      "rcm_serial",
    ),
    rcmAddress: opt(
      z.string().max(255),
      `Address of the residual-current monitor (e.g. "100"). ${SMART}`,
      "rcm_address",
    ),
    phases: field(z.array(opaque()).optional(), {
      description: `The PDU's phases. The SmartAPI documentation shows them only as objects whose keys it hides, so each is passed through as declared (copy the shape your appliance's own answer shows); compared as a set. ${SMART}`,
      unordered: true,
    }),
  },
  conditional: [
    {
      flag: "pduType",
      activeWhen: ["smartPdu"],
      defaults: {
        meterType: undefined,
        usesSignedIntegers: undefined,
        rcmSerial: undefined,
        rcmAddress: undefined,
        phases: undefined,
      },
    },
    {
      flag: "pduType",
      activeWhen: ["kmpdu"],
      defaults: { monitoring: undefined, fire: undefined, intrusion: undefined, rcm: undefined },
    },
  ],
  computed: {
    type: field(z.number().nullable(), { description: "Device type code (109: SmartPDU).", computed: true }),
  },
  fromWire: noneAsNull,
  toWire: nullAsNone,
});
