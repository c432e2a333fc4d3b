/**
 * npm run demo: starts the Kentix emulator on 127.0.0.1 and reconciles examples/site against it: plan, apply,
 * an out-of-band change, the drift report, the correcting apply, destroy. It runs on the real Pulumi CLI when
 * `npm run pulumi:install` has built it, else on the test engine (test/engine), and says which.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tlsFixture } from "../test/emulators/common";
import { startKentix } from "../test/emulators/kentix";
import { CliEngine, type EngineOptions, type OperationResult, TestEngine } from "../test/engine";
import { pulumiBinDir } from "../test/engine/cli";

const root = path.resolve(__dirname, "..");
const token = `demo-${Math.random().toString(36).slice(2)}`;
const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const say = (title: string) => console.log(`\n${bold(`== ${title}`)}`);

function show(result: OperationResult) {
  for (const step of result.steps) {
    if (step.op === "same" && result.operation !== "refresh") continue;
    const detail = step.detailedDiff
      ? Object.entries(step.detailedDiff).map(
          ([p, d]) => `      ${p}: ${JSON.stringify(d.old ?? null)} -> ${JSON.stringify(d.new ?? null)}`,
        )
      : (step.diffs ?? []).map((p) => `      ${p}`);
    const mark = { create: "+", update: "~", delete: "-", replace: "+-", same: " " }[step.op as string] ?? step.op;
    console.log(
      `  ${mark} ${step.type.replace("pulumi-nodejs:dynamic/", "")} ${step.name}${step.id ? ` (${step.id})` : ""}`,
    );
    for (const line of result.operation === "refresh" || step.op === "update" ? detail : []) console.log(line);
  }
  const counts = Object.entries(result.summary)
    .filter(([, n]) => n > 0)
    .map(([op, n]) => `${n} ${op}`);
  console.log(
    `  ${counts.join(", ") || "no changes"} in ${(result.durationMs / 1000).toFixed(1)} s${result.ok ? "" : " (FAILED)"}`,
  );
  for (const e of result.errors) console.log(`  error: ${e}`);
}

async function main() {
  const emu = await startKentix({ tokens: [token], https: "ca" });
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "facility-demo-"));
  const cli = pulumiBinDir();
  const options = (extra: Record<string, string>): EngineOptions => ({
    dir: path.join(root, "examples/site"),
    program: "index.ts",
    project: "facility-site",
    stack: "demo",
    statePath: path.join(stateDir, "demo.json"),
    config: {
      kentixUrl: emu.httpsUrl!,
      kentixCaCertPem: tlsFixture("ca.pem"),
      socToken: { secret: "demo-soc-token" },
      "kentix:hq.token": { secret: token },
      ...extra,
    },
  });
  const engine = (extra: Record<string, string> = {}) =>
    cli ? new CliEngine(options(extra)) : new TestEngine(options(extra));
  console.log(`Kentix emulator at ${emu.httpsUrl} (HTTPS, test CA); program examples/site; token from kentix:hq.token`);
  console.log(
    cli
      ? `Engine: the real Pulumi CLI (${cli}/pulumi), local file backend`
      : "Engine: the test engine (test/engine); run `npm run pulumi:install` to use the real Pulumi CLI",
  );
  try {
    say("plan (pulumi preview)");
    show(await engine().preview());
    say("apply (pulumi up)");
    show(await engine().up());
    console.log(
      `  appliance now holds ${emu.list("alarmgroups").length} alarm groups, ${emu.list("webhooks").length} webhook, ${emu.list("usergroups").length} user group`,
    );

    say("out-of-band change on the appliance (someone in the web UI)");
    const serverRoom = emu.list("alarmgroups").find((g) => g.name === "Server room")!;
    emu.edit("alarmgroups", serverRoom.id as number, { arm_delay: 600 });
    const lobby = emu.list("alarmgroups").find((g) => g.name === "Lobby")!;
    emu.remove("alarmgroups", lobby.id as number);
    console.log(`  Server room arm_delay 30 -> 600; Lobby deleted`);

    say("drift report (pulumi refresh --preview-only)");
    show(await engine().refresh({ previewOnly: true }));
    say("refresh (pulumi refresh)");
    show(await engine().refresh());
    emu.clearRequests();
    say("correcting apply (pulumi up)");
    show(await engine().up());
    console.log(
      `  writes sent: ${emu
        .writes()
        .map((r) => `${r.method} ${r.path}`)
        .join(", ")}`,
    );

    say("destroy (pulumi destroy)");
    show(await engine().destroy());
    console.log(
      `  appliance now holds ${emu.list("alarmgroups").length + emu.list("webhooks").length + emu.list("usergroups").length} objects`,
    );
  } finally {
    await emu.close();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
