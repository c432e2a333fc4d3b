import { beforeEach, describe, expect, it } from "vitest";
import { Camera } from "../../providers/kentix";
import { SEEDED_CAMERAS } from "../emulators/kentix";
import {
  calls,
  createChecked,
  expectNoOpUp,
  failingProperties,
  failure,
  lifecycleOf,
  refreshDiff,
  unchecked,
  updateChecked,
  useKentix,
} from "./support";

const kentix = useKentix();
const kind = Camera;
const lc = () => lifecycleOf(kind);
const PASSWORD = "kx-cam-pw-41c8e2";
beforeEach(() => {
  for (const camera of SEEDED_CAMERAS) kentix.emu.insert("cameras", camera); // 1 "Camera" (outdoor), 2 "Camera Lobby"
  kentix.emu.clearRequests();
});

describe("kentix.Camera lifecycle (an existing camera: configured, never created or deleted)", () => {
  it("selected by id: reads, keeps the values it had, writes the declared fields that differ and the write-only ones", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      cameraId: "1",
      name: "Gate",
      protocol: "https",
      username: "user", // already so: not written
      password: PASSWORD,
      imageCount: 12, // write-only: never read, so always written at create
      prebufferCount: 4,
    });
    expect(id).toBe("1");
    expect(calls(kentix.emu)).toEqual([
      "GET /api/cameras/1",
      {
        "PATCH /api/cameras/1": {
          name: "Gate",
          protocol: "https",
          passsword: PASSWORD,
          image_count: 12,
          prebuffer_count: 4,
        },
      },
    ]);
    expect(kentix.emu.get("cameras", 1)).toMatchObject({ name: "Gate", passsword: PASSWORD, image_count: 12 });
    expect(outs).toMatchObject({
      cameraId: "1",
      isActive: true, // read-only outputs: the update call does not take them
      streamPath: "/video/",
      alarmGroupId: null,
      rackId: null,
      restoreValues: { name: "Camera", protocol: "http", username: "user", password: "password" },
    });
  });

  it("selected by name; a name no camera has fails without a write", async () => {
    const { id } = await createChecked(kind, { connection: kentix.connection, name: "Camera Lobby", appendMail: true });
    expect(id).toBe("2");
    expect(calls(kentix.emu)).toEqual([
      "GET /api/cameras",
      "GET /api/cameras/2",
      { "PATCH /api/cameras/2": { append_mail: true } },
    ]);
    kentix.emu.clearRequests();
    const err = await failure(createChecked(kind, { connection: kentix.connection, name: "Roof" }));
    expect(err.message).toMatch(/^name: no kentix:Camera on the appliance \(.*\) has the name "Roof"/);
    expect(kentix.emu.writes()).toEqual([]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(
      kind,
      {
        connection: kentix.connection,
        cameraId: "1",
        location: "outdoor",
        password: PASSWORD,
        imageCount: 8,
        deletePolicy: "restore",
      },
      kentix.emu,
    ));

  it("writes one changed field with one PATCH, a changed write-only field too", async () => {
    const declared = { connection: kentix.connection, cameraId: "1", appendMail: false, imageCount: 10 } as const;
    const { id, outs } = await createChecked(kind, declared);
    kentix.emu.clearRequests();
    const { outs: next } = await updateChecked(kind, id, outs, { ...declared, appendMail: true });
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/cameras/1": { append_mail: true } }]);
    kentix.emu.clearRequests();
    await updateChecked(kind, id, next, { ...declared, appendMail: true, imageCount: 6 });
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/cameras/1": { image_count: 6 } }]);
  });

  it("refresh shows a changed password as drift without its value; read-only outputs are never drift", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      cameraId: "1",
      password: PASSWORD,
      imageCount: 10,
    });
    kentix.emu.edit("cameras", 1, { is_active: false, stream_path: "/live/", image_count: 3 });
    const quiet = await lc().read(id, outs);
    expect(quiet.props).toMatchObject({ isActive: false, streamPath: "/live/" });
    expect(await lc().diff(id, quiet.props!, outs)).toEqual({ changes: false });
    kentix.emu.edit("cameras", 1, { passsword: "changed-on-the-camera" });
    const { inputs, diff } = await refreshDiff(kind, id, outs);
    expect(inputs).toMatchObject({ password: "changed-on-the-camera" });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
    expect(JSON.stringify(diff)).not.toContain(PASSWORD);
  });

  it("destroy retains by default and restores the values found on request; never a DELETE", async () => {
    const kept = await createChecked(kind, { connection: kentix.connection, cameraId: "1", name: "Gate" });
    kentix.emu.clearRequests();
    await lc().delete(kept.id, kept.outs);
    expect(kentix.emu.requests).toEqual([]);
    const restored = await createChecked(kind, {
      connection: kentix.connection,
      cameraId: "2",
      protocol: "https",
      password: PASSWORD,
      deletePolicy: "restore",
    });
    kentix.emu.clearRequests();
    await lc().delete(restored.id, restored.outs);
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/cameras/2": { protocol: "http", passsword: "password" } }]);
    expect(kentix.emu.list("cameras").map((c) => c.name)).toEqual(["Gate", "Camera Lobby"]);
  });

  it("a 422 from the camera call (prebuffer on an indoor camera) names the field, never the password", async () => {
    const err = await failure(
      createChecked(kind, { connection: kentix.connection, cameraId: "2", password: PASSWORD, prebufferCount: 2 }),
    );
    expect(err.message).toMatch(/prebuffer_count: The prebuffer count is only available for outdoor cameras/);
    expect(JSON.stringify({ m: err.message, s: err.stack })).not.toContain(PASSWORD);
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    expect(
      await failingProperties(
        kind,
        unchecked({
          connection: kentix.connection,
          cameraId: "cam",
          location: "roof",
          protocol: "rtsp",
          imageCount: -1,
          streamPath: "/video/", // read-only: not accepted by the update call
          deletePolicy: "delete",
        }),
      ),
    ).toEqual(["cameraId", "location", "protocol", "imageCount", "deletePolicy", "(resource)"]);
    expect(kentix.emu.requests).toEqual([]);
  });
});
