#!/usr/bin/env node
/**
 * facility: drift reports and discovery for pulumi-facility stacks.
 *   facility drift <stack-export.json>... [--format table|markdown|json|junit|html] [--output FILE]
 *                  [--config CONFIG.json] [--ignore PATTERNS]
 *   facility discover --vendor kentix --url URL [--profile P] [--ca-cert FILE] [--cert-fingerprint FP]
 *                     [--insecure] [--config CONFIG.json] [--out DIR] [--project NAME]
 * Credentials come from the same places as for the providers: CONFIG.json (the output of
 * `pulumi config --show-secrets --json`) or the environment (KENTIX_<PROFILE>_TOKEN, ...).
 * Exit codes: 0 in sync, 2 drift or unmanaged objects, 1 error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import * as vendors from "../index";
import { connectionSchema } from "../core/connection";
import { setStackConfig } from "../core/credentials";
import { deployedResources, detectDrift } from "../core/drift";
import { redact } from "../core/redact";
import type { ResourceSpec } from "../core/resource/spec";
import { discover } from "./discover";
import * as formats from "./report";

const FORMATS = ["table", "markdown", "json", "junit", "html"] as const;

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "drift") return await drift(rest, out, err);
    if (command === "discover") return await discoverCommand(rest, out, err);
    err.write(`usage: facility drift <stack-export.json>... | facility discover --vendor <vendor> --url <url>\n`);
    return command === "--help" || command === "help" ? 0 : 1;
  } catch (e) {
    err.write(`facility: ${redact((e as Error).message)}\n`);
    return 1;
  }
}

function loadConfig(file: string | undefined) {
  if (!file) return;
  const raw = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  const values = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, v && typeof v === "object" && "value" in v ? String((v as { value: unknown }).value) : String(v)]),
  );
  setStackConfig({ get: (key) => values[key] });
}

/** Ignore patterns, one per line: `<kind>:<label glob>` or `<kind>#<id>`; `#` starts a comment line. */
function ignoreMatcher(file: string | undefined) {
  if (!file) return () => false;
  const globs = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`));
  return (u: { kind: string; label: string; id: string }) => globs.some((g) => g.test(`${u.kind}:${u.label}`) || g.test(`${u.kind}#${u.id}`));
}

async function drift(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: "string", default: "table" }, output: { type: "string" }, config: { type: "string" }, ignore: { type: "string" } },
  });
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new Error(`--format must be one of ${FORMATS.join(", ")}`);
  if (positionals.length === 0) throw new Error("give at least one stack export (pulumi stack export --file site.json)");
  loadConfig(values.config);
  const stacks: string[] = [];
  const resources = positionals.flatMap((file) => {
    const exported = JSON.parse(fs.readFileSync(file, "utf8"));
    const stack = stackName(exported, file);
    stacks.push(stack);
    return deployedResources(exported, stack);
  });
  const tty = (err as { isTTY?: boolean }).isTTY === true;
  const result = await detectDrift(resources, {
    ignore: ignoreMatcher(values.ignore),
    onProgress: tty ? (done, total) => err.write(`\r${bar(done, total)} ${done}/${total} resources`) : undefined,
  });
  if (tty) err.write("\r\x1b[K");
  const report = formats.buildReport(result, stacks);
  const text = format === "table" ? formats.table(report, !values.output && (out as { isTTY?: boolean }).isTTY === true) : formats[format](report);
  if (values.output) fs.writeFileSync(values.output, text);
  else out.write(text.endsWith("\n") ? text : `${text}\n`);
  return report.exitCode;
}

/** `<project>/<stack>` from the URNs of the export, else the file name. */
function stackName(exported: { deployment?: { resources?: { urn?: string }[] } }, file: string): string {
  const urn = exported.deployment?.resources?.[0]?.urn;
  const m = urn ? /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn) : null;
  return m ? `${m[2]}/${m[1]}` : path.basename(file).replace(/\.json$/, "");
}

const bar = (done: number, total: number, width = 30) => {
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${"#".repeat(filled)}${" ".repeat(width - filled)}]`;
};

async function discoverCommand(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      vendor: { type: "string" },
      url: { type: "string" },
      profile: { type: "string" },
      "ca-cert": { type: "string" },
      "cert-fingerprint": { type: "string" },
      insecure: { type: "boolean" },
      config: { type: "string" },
      out: { type: "string", default: "discovered" },
      project: { type: "string", default: "discovered-site" },
    },
  });
  const vendor = values.vendor ?? "";
  const module = (vendors as Record<string, unknown>)[vendor] as Record<string, { spec?: ResourceSpec }> | undefined;
  if (!module) throw new Error(`--vendor must be one of ${Object.keys(vendors).filter((k) => typeof (vendors as Record<string, unknown>)[k] === "object").join(", ")}`);
  loadConfig(values.config);
  const parsed = connectionSchema.safeParse({
    url: values.url,
    profile: values.profile,
    caCertPem: values["ca-cert"] ? fs.readFileSync(values["ca-cert"], "utf8") : undefined,
    certFingerprint: values["cert-fingerprint"],
    insecure: values.insecure,
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${String(i.path[0] ?? "url")}: ${i.message}`).join("; "));
  const specs = Object.values(module).flatMap((v) => (v?.spec ? [v.spec] : []));
  const result = await discover(vendor, specs, parsed.data, values.project);
  fs.mkdirSync(values.out!, { recursive: true });
  fs.writeFileSync(path.join(values.out!, "index.ts"), result.program);
  fs.writeFileSync(path.join(values.out!, "Pulumi.yaml"), result.pulumiYaml);
  out.write(`wrote ${path.join(values.out!, "index.ts")} and Pulumi.yaml: ${result.objects} objects, adopted as they are\n`);
  for (const s of result.notDiscoverable) out.write(`not discoverable: ${s.kind} (${s.reason})\n`);
  for (const s of result.leftOut) out.write(`left out: ${s.kind} (${s.reason})\n`);
  const lines = result.configKeys.map((c) => `  pulumi config set${c.secret ? " --secret" : ""} ${c.key} <value>   # ${c.optional ? "optional: " : ""}${c.note}`);
  if (parsed.data.caCertPem) lines.push(`  pulumi config set caCertPem -- "$(cat ${values["ca-cert"]})"`);
  out.write(`set before \`pulumi up\`:\n${lines.join("\n")}\n`);
  void err;
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
