import { describe, expect, it } from "vitest";
import { EmailSettings } from "../../providers/kentix";
import { SECRETS } from "../secrets";
import { describeSettings } from "./settings-cases";
import { calls, createChecked, refreshDiff, updateChecked, useKentix } from "./support";

const kentix = useKentix();
const password = SECRETS.kentixSmtpPassword;
const declared = {
  isActive: true,
  sender: "alarms@example.com",
  address: "smtp.example.com",
  port: 465,
  security: "ssl",
  username: "alarms",
  password,
  signature: "HQ alarm system",
} as const;

describeSettings(kentix, {
  resource: EmailSettings,
  setting: "email",
  path: "/api/email",
  declared,
  createBody: {
    is_active: true,
    sender: "alarms@example.com",
    address: "smtp.example.com",
    port: 465,
    security: "ssl",
    username: "alarms",
    password,
    signature: "HQ alarm system",
  },
  restoreValues: {
    isActive: false,
    sender: "",
    address: "",
    port: 587,
    security: "starttls",
    username: "",
    password, // cannot be read: the value last written, so restore leaves it as it is
    signature: "",
  },
  change: [{ port: 587 }, { port: 587 }],
  drift: [{ address: "smtp.other.example" }, { address: "smtp.other.example" }],
  restoreBody: {
    is_active: false,
    sender: "",
    address: "",
    port: 587,
    security: "starttls",
    username: "",
    password,
    signature: "",
  },
  notRestored: { password },
  bad: [
    [{ sender: "not an address" }, ["sender"]],
    [{ port: 0, security: "tls" }, ["port", "security"]],
    [{ address: "", password: 5 }, ["address", "password"]],
  ],
  secrets: ["password"],
});

describe("kentix.EmailSettings specifics", () => {
  it("never reads the password: it is written when the declared value changes, and refresh keeps the declared one", async () => {
    const { id, outs } = await createChecked(EmailSettings, { connection: kentix.connection, ...declared });
    kentix.emu.clearRequests();
    await updateChecked(EmailSettings, id, outs, {
      connection: kentix.connection,
      ...declared,
      password: "rotated-pw-1",
    });
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/email": { password: "rotated-pw-1" } }]);
    kentix.emu.editSetting("email", { password: "changed-by-hand" });
    const { inputs } = await refreshDiff(EmailSettings, id, outs);
    expect(JSON.stringify(inputs)).not.toContain("changed-by-hand");
  });
});
