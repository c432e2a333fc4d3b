import { z } from "zod";
import { existing } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";
import { noneAsNull, opt, ownId } from "./device-fields";

const text = z.string().min(1).max(255);
const out = <T extends z.ZodType>(schema: T, description: string, wire?: string) =>
  field(schema.nullable(), { description, computed: true, ...(wire ? { wire } : {}) });

/** The configuration of a network camera the appliance knows (the API cannot create or delete it). */
export const Camera = existing({
  vendor: kentix,
  name: "Camera",
  description:
    "The configuration of a network camera the appliance knows (cameras are added on the appliance; the SmartAPI cannot create or delete them). Select it by `cameraId`, or by `name` alone (exactly one camera must have it): with the id, `name` renames the camera; without it, changing `name` selects another camera. The update call accepts a different set of fields than the read shows: `imageCount` and `prebufferCount` are write-only (written when the declared value changes, never read back), while the active flag, stream path, alarm assignments, alarm group, rack and webhooks are read-only outputs here (the update call does not take them). The camera password is a secret, read back (the appliance returns it in clear, under the misspelt key `passsword`). Destroy leaves the camera as it is (`deletePolicy: retain`, the default) or writes back the values found at create (`restore`).",
  select: { id: "cameraId", name: "name" },
  routes: { list: "GET /api/cameras", read: "GET /api/cameras/{id}", update: "PATCH /api/cameras/{id}" },
  fields: {
    cameraId: ownId("camera"),
    name: opt(text, "Name of the camera: selects it when `cameraId` is not given, else renames it."),
    location: opt(
      z.enum(["indoor", "outdoor"]),
      "Mounting area; outdoor cameras keep a prebuffer of images from before a booking.",
      "camera_location",
    ),
    protocol: opt(z.enum(["http", "https"]), "Protocol the appliance fetches images with."),
    address: opt(text, "Network address of the camera."),
    profile: opt(text, 'Manufacturer profile of the camera (e.g. "ipro").'),
    capturePath: opt(z.string().min(1).max(4096), "Path of the camera's still image.", "capture_path"),
    username: opt(z.string().max(255), "User name for logging in on the camera, if needed."),
    password: field(z.string().max(255).optional(), {
      description: "Password for logging in on the camera, if needed. Secret; read back (drift shows as a secret).",
      secret: true,
      wire: "passsword",
    }),
    appendMail: opt(z.boolean(), "Append an image to alarm e-mails.", "append_mail"),
    imageCount: field(z.number().int().min(0).optional(), {
      description: "Images stored for every booking. Write-only: the appliance does not return it.",
      writeOnly: true,
      wire: "image_count",
    }),
    prebufferCount: field(z.number().int().min(0).optional(), {
      description:
        "Of `imageCount`, the images from before the booking (outdoor cameras only). Write-only: the appliance does not return it.",
      writeOnly: true,
      wire: "prebuffer_count",
    }),
  },
  computed: {
    isActive: out(z.boolean(), "Whether the camera is active (not settable through the update call).", "is_active"),
    streamPath: out(z.string(), "Path of the camera's video stream.", "stream_path"),
    alarmAssignments: out(z.array(z.unknown()), "Alarm assignments of the camera.", "alarm_assignments"),
    alarmGroupId: out(z.string(), "Alarm group the camera belongs to (read-only here).", "group_id"),
    rackId: out(z.string(), "Rack the camera is in (read-only here).", "rack_id"),
    webhookRelations: out(z.array(z.unknown()), "Webhook relations of the camera.", "webhooks"),
  },
  fromWire: (wire) => {
    const w = noneAsNull(wire);
    for (const k of ["group_id", "rack_id"]) if (w[k] !== null && w[k] !== undefined) w[k] = String(w[k]);
    return w;
  },
});
