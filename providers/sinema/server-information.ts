import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";

/** A notice shown on the login page and/or in the web interface's header. */
export const ServerInformation = settings({
  vendor: sinema,
  name: "ServerInformation",
  description:
    "The server information text (a legal notice, say) and where it is shown; at least one place must be on. Destroy leaves it (`retain`), writes back what was there before (`restore`; deletes the text if there was none) or deletes the text (`delete`).",
  id: "serverinformation",
  updateMerge: true,
  routes: {
    ...settingsRoutes("/system/settings/serverinformation"),
    delete: "DELETE /system/settings/serverinformation",
  },
  // A server that had no text cannot be given "no text" by the settings write (the text is required): delete it.
  deletePolicy: {
    default: "retain",
    options: ["retain", "restore", "delete"],
    restoreByDelete: (before) => !before.serverInformationText,
  },
  fields: {
    serverInformationText: field(z.string().min(1), { description: "The text." }),
    showServerInformationOnLogin: field(z.boolean(), { description: "Show it on the login page." }),
    showServerInformationOnServer: field(z.boolean(), { description: "Show it in the header of the web interface." }),
  },
  writeTogether: [["serverInformationText", "showServerInformationOnLogin", "showServerInformationOnServer"]],
  rules(inputs, fail) {
    if (inputs.showServerInformationOnLogin === false && inputs.showServerInformationOnServer === false) {
      fail(
        "showServerInformationOnLogin",
        "at least one of showServerInformationOnLogin and showServerInformationOnServer must be true",
      );
    }
  },
});
