import { describe, expect, it } from "vitest";
import { AutoBackupSettings } from "../../providers/kentix";
import { SECRETS } from "../secrets";
import { describeSettings } from "./settings-cases";
import { calls, createChecked, failingProperties, lifecycleOf, unchecked, useKentix } from "./support";

const kentix = useKentix();
const password = SECRETS.kentixSmbPassword;
const declared = {
  isActive: true,
  time: "02:30",
  type: "networkDrive",
  deleteAfterDays: 0,
  address: "192.0.2.20",
  share: "backups",
  path: "/kentix/hq",
  username: "kentix-backup",
  password,
  sendNotification: true,
} as const;

describeSettings(kentix, {
  resource: AutoBackupSettings,
  setting: "autobackup",
  path: "/api/autobackup",
  declared,
  createBody: {
    is_active: true,
    time: "02:30",
    type: 2,
    delete_after_days: 0,
    address: "192.0.2.20",
    share: "backups",
    path: "/kentix/hq",
    username: "kentix-backup",
    password,
    send_notification: true,
  },
  restoreValues: {
    isActive: false,
    time: "00:00",
    type: "sdCard",
    deleteAfterDays: 1,
    address: null,
    share: null,
    path: null,
    username: null,
    password: null,
    sendNotification: false,
  },
  change: [{ time: "03:00" }, { time: "03:00" }],
  drift: [
    { share: "other", password: "changed-by-hand" },
    { share: "other", type: "networkDrive" },
  ],
  restoreBody: {
    is_active: false,
    time: "00:00",
    type: 1,
    delete_after_days: 1,
    address: null,
    share: null,
    path: null,
    username: null,
    password: null,
    send_notification: false,
  },
  bad: [
    [{ time: "2:30" }, ["time"]],
    [{ type: "networkDrive", share: "b" }, ["address"]],
    [{ type: "sdCard", address: "192.0.2.20", deleteAfterDays: 0 }, ["address", "deleteAfterDays"]],
    [{ username: "u" }, ["username"]],
    [{ type: 2, deleteAfterDays: 8 }, ["type", "deleteAfterDays"]],
  ],
  secrets: ["password"],
});

describe("kentix.AutoBackupSettings specifics", () => {
  it("on the SD card, declares no network-drive field, and destroy can turn backups off", async () => {
    const { id, outs } = await createChecked(AutoBackupSettings, {
      connection: kentix.connection,
      isActive: true,
      type: "sdCard",
      deleteAfterDays: 7,
      deletePolicy: "disable",
    });
    expect(calls(kentix.emu)).toEqual([
      "GET /api/autobackup",
      { "PATCH /api/autobackup": { is_active: true, delete_after_days: 7 } },
    ]);
    kentix.emu.clearRequests();
    await lifecycleOf(AutoBackupSettings).delete(id, outs);
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/autobackup": { is_active: false } }]);
  });

  it("explains which type a network-drive field needs", async () => {
    const result = await lifecycleOf(AutoBackupSettings).checkRaw(
      {},
      unchecked({ connection: kentix.connection, share: "backups" }),
    );
    expect(result.failures).toEqual([
      { property: "share", reason: 'applies only to a network drive; declare type: "networkDrive" to use it' },
    ]);
    expect(
      await failingProperties(AutoBackupSettings, {
        connection: kentix.connection,
        type: "networkDrive",
        address: "a",
        share: "s",
      }),
    ).toEqual([]);
  });
});
