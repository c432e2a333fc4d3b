import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { facility } from "../e2e/facility";

let dir: string;
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "facility-validate-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const BAD = `kentix:
  connection:
    url: ftp://10.20.0.5
    profile: hq
  Webhook:
    soc:
      name: SOC
      url: https://soc.example/hook
      requestType: PUSH
      authenticationMode: bearer
      bearerToken: not-a-lookup
  AlarmGroup:
    building:
      name: Building A
      parentId: lobby
      colour: red
    lobby:
      name: Lobby
      parentId: building
    kitchen:
      name: Kitchen
      parentId: nowhere
      armDelay: soon
      webhooks:
        - webhookId: 5
          event: allAlarms
    cellar: {}
  Unicorn: {}
acme: {}
`;

describe("facility validate", () => {
  it("accepts the example site files (exit 0, nothing on stdout)", async () => {
    const examples = path.resolve(__dirname, "../../examples/sites/sites");
    const files = fs.readdirSync(examples).map((f) => path.join(examples, f));
    const res = await facility("validate", ...files);
    expect(res.stdout).toBe("");
    expect(res.stderr).toContain("valid");
    expect(res.code).toBe(0);
  });

  it("names each mistake by file, line, column and property path (exit 1)", async () => {
    const file = write("bad.yaml", BAD);
    const res = await facility("validate", file);
    expect(res.code).toBe(1);
    const lines = res.stdout.trim().split("\n");
    const at = (line: number, col: number, property: string) =>
      lines.find((l) => l.startsWith(`${file}:${line}:${col} ${property}: `));
    expect(at(3, 10, "kentix.connection.url")).toMatch(/http\(s\) URL/);
    expect(at(9, 20, "kentix.Webhook.soc.requestType")).toMatch(/POST/); // the kind's own check
    expect(at(11, 20, "kentix.Webhook.soc.bearerToken")).toMatch(/secret.*\{ config: KEY \}/);
    expect(at(11, 20, "kentix.Webhook.soc.bearerToken")).not.toContain("not-a-lookup"); // the value is never echoed
    expect(at(16, 7, "kentix.AlarmGroup.building.colour")).toMatch(/unknown property colour/);
    expect(at(19, 17, "kentix.AlarmGroup.lobby.parentId")).toMatch(/cycle: AlarmGroup building -> AlarmGroup lobby/);
    expect(at(22, 17, "kentix.AlarmGroup.kitchen.parentId")).toMatch(/no AlarmGroup named "nowhere"/);
    expect(at(23, 17, "kentix.AlarmGroup.kitchen.armDelay")).toMatch(/expected number/);
    expect(at(25, 22, "kentix.AlarmGroup.kitchen.webhooks[0].webhookId")).toMatch(/name of a Webhook/);
    expect(at(27, 13, "kentix.AlarmGroup.cellar.name")).toBe(
      `${file}:27:13 kentix.AlarmGroup.cellar.name: is required`,
    ); // on its object
    expect(at(28, 3, "kentix.Unicorn")).toMatch(/unknown kind/);
    expect(at(29, 1, "acme")).toMatch(/unknown vendor/);
    expect(res.stderr).toMatch(/problems in 1 of 1 file/);
  });

  it("reads JSON as well, reports YAML syntax errors and missing files, and writes GitHub annotations", async () => {
    const json = write(
      "hq.json",
      JSON.stringify({ kentix: { AlarmGroup: { a: { name: "A", parentId: "b" } } } }, null, 2),
    );
    const broken = write("broken.yaml", "kentix:\n  AlarmGroup:\n    a: { name: A\n");
    const res = await facility("validate", json, broken, path.join(dir, "missing.yaml"));
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`${json}:6:21 kentix.AlarmGroup.a.parentId: no AlarmGroup named "b"`);
    expect(res.stdout).toMatch(new RegExp(`${broken.replace(/[.]/g, "\\.")}:\\d+:\\d+: `));
    expect(res.stdout).toContain(`${path.join(dir, "missing.yaml")}:1:1: no such file`);
    const gh = await facility("validate", json, "--format", "github");
    expect(gh.stdout).toBe(
      `::error file=${json},line=6,col=21::kentix.AlarmGroup.a.parentId: no AlarmGroup named "b" in this file (give { id: "..." } for an object the file does not declare)\n`,
    );
  });

  it("checks the connection with the connection's own schema: nested settings, lookups, and what the stack gives left out", async () => {
    const file = write(
      "conn.yaml",
      "kentix:\n  connection:\n    retry: { maxRetries: 3, bogus: 1 }\n    timeoutMs: { config: kentixTimeout }\n    token: abc\n",
    );
    const res = await facility("validate", file);
    expect(res.stdout.trim().split("\n")).toEqual([
      `${file}:3:29 kentix.connection.retry.bogus: unknown property bogus`,
      `${file}:5:5 kentix.connection.token: unknown property token`,
    ]);
  });
});
