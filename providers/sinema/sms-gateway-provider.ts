import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { sinema } from "./client";

const opt = (description: string) => field(z.string().optional(), { description });

/** An e-mail-to-SMS gateway that wakes devices by SMS. */
export const SmsGatewayProvider = collection({
  vendor: sinema,
  name: "SmsGatewayProvider",
  description:
    "An SMS gateway provider (e-mail to SMS) used to wake devices. Its create answer carries the id as `ID`, and its delete call takes the id in the body.",
  naturalKey: ["name"],
  routes: {
    list: "GET /system/smsandemail/sms",
    create: "POST /system/smsandemail/sms",
    read: "GET /system/smsandemail/sms/{id}",
    update: "PUT /system/smsandemail/sms/{id}",
    delete: "DELETE /system/smsandemail/sms",
  },
  fields: {
    name: field(z.string().min(1), { description: "Name; unique on the server (409 otherwise)." }),
    address: field(z.string().min(1), {
      description: "E-mail address of the SMS recipient (usually the SIM number at the gateway's domain).",
    }),
    text: field(z.string().min(1), { description: "Message text; `$MSG` is replaced by the wake-up message." }),
    senderNumber: opt("Sender identification carried in the e-mail."),
    subject: opt("Subject of the e-mail (some providers send the subject as the SMS)."),
    cc: opt("Another recipient of the e-mail, e.g. a service technician."),
  },
  deleteBody: (_inputs, id) => ({ ID: Number(id) }),
});
