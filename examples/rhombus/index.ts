// The Kisi badge integration of one Rhombus organization. The Rhombus API key comes from
// `pulumi config set --secret rhombus:org.apiKey …` (or RHOMBUS_ORG_APIKEY), the Kisi key from `kisiApiKey`.
import * as pulumi from "@pulumi/pulumi";
import * as rhombus from "pulumi-facility/rhombus";

const config = new pulumi.Config();
const org = rhombus.connection({
  url: config.get("rhombusUrl") ?? "https://api2.rhombussystems.com",
  profile: "org",
  caCertPem: config.get("rhombusCaCertPem"),
});

// #region rhombus:KisiIntegration
const kisi = new rhombus.KisiIntegration("kisi", {
  connection: org,
  enabled: true,
  apiSecretKey: config.requireSecret("kisiApiKey"),
  defaultOptions: { defaultOptionsEnabled: true, saveClips: true, createSeekPoints: true },
  places: {
    "4123": {
      saveClips: config.getBoolean("hqSaveClips") ?? true,
      identifyFacesFromBadge: true,
      doors: {
        "901": {
          assignedCameraList: ["cameraLobby00000000001"],
          locationUuid: "locationHQ000000000001",
          clipDuration: 30,
        },
        "902": {
          assignedCameraList: ["cameraServer0000000002"],
          locationUuid: "locationHQ000000000001",
          remoteUnlock: false,
        },
      },
    },
  },
  // destroy removes the integration from the organization (the default, "retain", leaves it configured)
  deletePolicy: "delete",
});
// #endregion rhombus:KisiIntegration

export const organization = kisi.orgUuid;
