/** What `facility drift` and `facility discover` do, once main (facility.ts) has parsed their flags. */
import * as fs from "node:fs";
import * as path from "node:path";
import * as vendors from "../index";
import { connectionSchema } from "../core/connection";
import { deployedResources, detectDrift } from "../core/drift";
import type { ResourceSpec } from "../core/resource/spec";
import { discover, projectName } from "./discover";
import { ignoreMatcher, loadConfig, readText, stackExport, stackName } from "./inputs";
import * as formats from "./report";
import { html } from "./report-html";
import { keepRun, loadHistory } from "./report-history";

export const FORMATS = ["table", "markdown", "json", "junit", "html"] as const;

export interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** Colours and the progress display are allowed (a terminal, and neither --no-color nor NO_COLOR). */
  colour: (stream: NodeJS.WritableStream) => boolean;
}

type Values = Record<string, string | boolean | undefined>;

export function vendorNames(): string[] {
  return Object.keys(vendors).filter((k) => typeof (vendors as Record<string, unknown>)[k] === "object");
}

export async function drift(values: Values, positionals: string[], io: Io): Promise<number> {
  const { err } = io;
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new Error(`--format must be one of ${FORMATS.join(", ")}`);
  if (positionals.length === 0)
    throw new Error(
      "give at least one stack export (pulumi stack export --file site.json); see `facility drift --help`",
    );
  const loaded = positionals.map((file) => ({ file, exported: stackExport(file) }));
  loadConfig(values.config as string | undefined);
  const matcher = ignoreMatcher(values.ignore as string | undefined);
  const stacks: string[] = [];
  const resources = loaded.flatMap(({ file, exported }) => {
    const stack = stackName(exported, file);
    stacks.push(stack);
    const found = deployedResources(exported, stack);
    if (found.length === 0) err.write(`facility drift: ${file} (${stack}) holds no pulumi-facility resources\n`);
    return found;
  });
  const progress = io.colour(err);
  const result = await detectDrift(resources, {
    ignore: matcher,
    onProgress: progress ? (done, total) => err.write(`\r${bar(done, total)} ${done}/${total} resources`) : undefined,
  });
  if (progress) err.write("\r\x1b[K");
  const report = formats.buildReport(result, stacks);
  return writeReport(report, values, io);
}

/** Writes the report in the chosen format (to --output or stdout), keeps the run in --history DIR; its exit code. */
export function writeReport(report: formats.Report, values: Values, io: Io): number {
  const { out } = io;
  const format = values.format as (typeof FORMATS)[number];
  const historyDir = values.history as string | undefined;
  if (historyDir) keepRun(historyDir, report, formats.json(report));
  const text =
    format === "table"
      ? formats.table(report, !values.output && io.colour(out))
      : format === "html"
        ? html(report, { history: historyDir ? loadHistory(historyDir) : undefined })
        : formats.renderers[format](report);
  if (values.output) fs.writeFileSync(values.output as string, text);
  else out.write(text.endsWith("\n") ? text : `${text}\n`);
  return report.exitCode;
}

const bar = (done: number, total: number, width = 30) => {
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${"#".repeat(filled)}${" ".repeat(width - filled)}]`;
};

/** The CLI flag for each connection setting, so errors name what the user typed. */
const FLAG_OF: Record<string, string> = {
  url: "--url",
  profile: "--profile",
  caCertPem: "--ca-cert",
  certFingerprint: "--cert-fingerprint",
  insecure: "--insecure",
};

/** Rewrites `connection.caCertPem` (and the other settings) in a message into the flag that sets it. */
export const inFlags = (message: string) =>
  message.replace(
    /\bconnection\.(caCertPem|certFingerprint|insecure)\b(?:: (true|"[^"]*"))?|\b(caCertPem|certFingerprint)\b/g,
    (_m, key?: string, value?: string, bare?: string) =>
      `${FLAG_OF[(key ?? bare)!]}${value && value !== "true" ? ` ${JSON.parse(value) as string}` : ""}`,
  );

export async function discoverCommand(values: Values, io: Io): Promise<number> {
  const { out, err } = io;
  const vendor = (values.vendor as string | undefined) ?? "";
  const module = (vendors as Record<string, unknown>)[vendor] as Record<string, { spec?: ResourceSpec }> | undefined;
  if (!vendor || !vendorNames().includes(vendor) || !module)
    throw new Error(`--vendor must be one of ${vendorNames().join(", ")}`);
  if (!values.url) throw new Error("--url is required: the appliance's base URL, e.g. https://10.20.0.5");
  const caFile = values["ca-cert"] as string | undefined;
  const parsed = connectionSchema.safeParse({
    url: values.url,
    profile: values.profile,
    caCertPem: caFile ? readText(caFile, "--ca-cert") : undefined,
    certFingerprint: values["cert-fingerprint"],
    insecure: values.insecure,
  });
  if (!parsed.success)
    throw new Error(
      parsed.error.issues
        .map((i) => `${FLAG_OF[String(i.path[0] ?? "url")] ?? `--${String(i.path[0])}`}: ${inFlags(i.message)}`)
        .join("; "),
    );
  loadConfig(values.config as string | undefined);
  const project = values.project as string;
  const format = (values.format as string | undefined) ?? "ts";
  if (format !== "ts" && format !== "yaml") throw new Error("--format must be ts (a program) or yaml (a site file)");
  if (projectName(project) !== project)
    err.write(
      `facility discover: "${project}" is not a valid Pulumi project name (letters, digits, -, _ and . only); writing ${projectName(project)}\n`,
    );
  const specs = Object.values(module).flatMap((v) => (v?.spec ? [v.spec] : []));
  const progress = io.colour(err);
  let result: Awaited<ReturnType<typeof discover>>;
  try {
    result = await discover(vendor, specs, parsed.data, {
      project,
      format,
      onProgress: progress
        ? (p) =>
            err.write(
              `\r\x1b[K${bar(p.done, p.total)} ${p.done}/${p.total} kinds, ${p.objects} objects: looking for ${p.kind}`,
            )
        : undefined,
    });
  } catch (e) {
    throw new Error(inFlags((e as Error).message));
  } finally {
    if (progress) err.write("\r\x1b[K");
  }
  const dir = values.out as string;
  // A site file: --out names the file, or the folder it is written to as site.yaml.
  const siteFile = result.site !== undefined && (/\.(ya?ml|json)$/i.test(dir) ? dir : path.join(dir, "site.yaml"));
  fs.mkdirSync(siteFile ? path.dirname(siteFile) : dir, { recursive: true });
  if (siteFile) fs.writeFileSync(siteFile, result.site!);
  else {
    fs.writeFileSync(path.join(dir, "index.ts"), result.program);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), result.pulumiYaml);
  }
  out.write(
    `wrote ${siteFile || `${path.join(dir, "index.ts")} and Pulumi.yaml`}: ${result.objects} objects, adopted as they are\n`,
  );
  for (const s of result.notDiscoverable) out.write(`not discoverable: ${s.kind} (${s.reason})\n`);
  for (const s of result.leftOut) out.write(`left out: ${s.kind} (${s.reason})\n`);
  const lines = result.configKeys.map(
    (c) =>
      `  pulumi config set${c.secret ? " --secret" : ""} ${c.key} <value>   # ${c.optional ? "optional: " : ""}${c.note}`,
  );
  if (parsed.data.caCertPem)
    lines.push(`  pulumi config set ${siteFile ? `${vendor}:` : ""}caCertPem -- "$(cat ${caFile})"`);
  out.write(`set before \`pulumi up\`:\n${lines.join("\n")}\n`);
  return 0;
}
