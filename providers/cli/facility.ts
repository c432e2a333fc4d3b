#!/usr/bin/env node
/**
 * facility: drift reports and discovery for pulumi-facility stacks (`facility --help`, `facility <command> --help`).
 *   facility drift <stack-export.json>... [--format table|markdown|json|junit|html] [--output FILE]
 *                  [--config CONFIG.json] [--ignore PATTERNS]
 *   facility discover --vendor kentix --url URL [--profile P] [--ca-cert FILE] [--cert-fingerprint FP]
 *                     [--insecure] [--config CONFIG.json] [--out DIR] [--project NAME]
 * Colours and progress display only on a terminal, and never with --no-color or NO_COLOR set.
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
import { discover, projectName } from "./discover";
import * as formats from "./report";

const FORMATS = ["table", "markdown", "json", "junit", "html"] as const;

interface Flag {
  type: "string" | "boolean";
  short?: string;
  /** The value's placeholder in help, e.g. FILE. */
  arg?: string;
  default?: string;
  description: string;
}

interface Command {
  summary: string;
  usage: string;
  flags: Record<string, Flag>;
  positionals: boolean;
  examples: string[];
  notes?: string;
  run: (values: Record<string, string | boolean | undefined>, positionals: string[], io: Io) => Promise<number>;
}

interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** Colours and the progress display are allowed (a terminal, and neither --no-color nor NO_COLOR). */
  colour: (stream: NodeJS.WritableStream) => boolean;
}

const COMMON: Record<string, Flag> = {
  help: { type: "boolean", short: "h", description: "Show this help" },
  "no-color": {
    type: "boolean",
    description: "No colours or progress display (also: the NO_COLOR environment variable)",
  },
};

const COMMANDS: Record<string, Command> = {
  drift: {
    summary: "Compare stack exports with the live appliances: drifted, deleted and unmanaged objects",
    usage: "facility drift <stack-export.json>... [flags]",
    positionals: true,
    flags: {
      format: { type: "string", arg: "FORMAT", default: "table", description: `Report format: ${FORMATS.join(", ")}` },
      output: { type: "string", short: "o", arg: "FILE", description: "Write the report to FILE instead of stdout" },
      config: {
        type: "string",
        arg: "FILE",
        description:
          "Credentials: the output of `pulumi config --show-secrets --json` (else the environment, e.g. KENTIX_<PROFILE>_TOKEN)",
      },
      ignore: {
        type: "string",
        arg: "FILE",
        description:
          "Unmanaged objects to ignore, one pattern a line: <kind>:<name glob> or <kind>#<id>; `#` starts a comment",
      },
    },
    examples: [
      "pulumi stack export --stack hq --file hq.json",
      "facility drift hq.json --config config.json",
      "facility drift state-*.json --ignore .drift-ignore --format junit --output drift.xml",
    ],
    notes:
      "Exit codes: 0 in sync, 2 drift or unmanaged objects, 1 error. Read-only: only the vendors' read calls are made.",
    run: (values, positionals, io) => drift(values, positionals, io),
  },
  discover: {
    summary: "Write a Pulumi program that adopts every object found on one appliance",
    usage: "facility discover --vendor VENDOR --url URL [flags]",
    positionals: false,
    flags: {
      vendor: { type: "string", arg: "VENDOR", description: `The appliance's vendor: ${vendorNames().join(", ")}` },
      url: { type: "string", arg: "URL", description: "Base URL of the appliance (https://host[:port])" },
      profile: {
        type: "string",
        arg: "NAME",
        description: "Credential profile (KENTIX_<PROFILE>_TOKEN, kentix:<profile>.token)",
      },
      "ca-cert": { type: "string", arg: "FILE", description: "PEM of the CA or self-signed certificate to trust" },
      "cert-fingerprint": {
        type: "string",
        arg: "SHA256",
        description: "Pin the appliance's certificate by its SHA-256 fingerprint",
      },
      insecure: { type: "boolean", description: "Turn TLS verification off (not recommended)" },
      config: {
        type: "string",
        arg: "FILE",
        description: "Credentials: the output of `pulumi config --show-secrets --json`",
      },
      out: {
        type: "string",
        arg: "DIR",
        default: "discovered",
        description: "Folder to write index.ts and Pulumi.yaml to",
      },
      project: {
        type: "string",
        arg: "NAME",
        default: "discovered-site",
        description: "Pulumi project name of the program",
      },
    },
    examples: [
      "KENTIX_HQ_TOKEN=... facility discover --vendor kentix --url https://10.20.0.5 --profile hq --ca-cert hq-ca.pem --out hq",
      "facility discover --vendor sinema --url https://sinema.example --config config.json --project plant-1",
    ],
    notes: "Read-only: it never writes to the appliance. The program adopts what it declares on the first `pulumi up`.",
    run: (values, _positionals, io) => discoverCommand(values, io),
  },
};

export async function main(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const noColour = argv.includes("--no-color") || !!process.env.NO_COLOR;
  const io: Io = { out, err, colour: (stream) => !noColour && (stream as { isTTY?: boolean }).isTTY === true };
  const [first, ...rest] = argv;
  if (first === undefined) {
    err.write(generalHelp());
    return 1;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    const about = rest[0];
    if (about === undefined) {
      out.write(generalHelp());
      return 0;
    }
    if (!COMMANDS[about]) return unknownCommand(about, err);
    out.write(commandHelp(about));
    return 0;
  }
  if (first === "--version" || first === "version") {
    out.write(`${version()}\n`);
    return 0;
  }
  const command = COMMANDS[first];
  if (!command) return unknownCommand(first, err);
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { ...COMMON, ...command.flags } });
  } catch (e) {
    const option = /'(-[^']*)'/.exec((e as Error).message)?.[1];
    const what =
      (e as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
        ? `unknown flag ${option}`
        : (e as Error).message.split(". ")[0]!;
    err.write(`facility ${first}: ${what}; see \`facility ${first} --help\`\n`);
    return 1;
  }
  if (parsed.values.help) {
    out.write(commandHelp(first));
    return 0;
  }
  if (!command.positionals && parsed.positionals.length) {
    err.write(
      `facility ${first}: unexpected argument ${JSON.stringify(parsed.positionals[0])}; see \`facility ${first} --help\`\n`,
    );
    return 1;
  }
  try {
    return await command.run(parsed.values, parsed.positionals, io);
  } catch (e) {
    err.write(`facility: ${redact((e as Error).message)}\n`);
    return 1;
  }
}

function unknownCommand(name: string, err: NodeJS.WritableStream): number {
  err.write(
    `facility: unknown command ${JSON.stringify(name)}; the commands are ${Object.keys(COMMANDS).join(", ")} (see \`facility --help\`)\n`,
  );
  return 1;
}

function generalHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    "facility: drift reports and discovery for pulumi-facility stacks",
    "",
    "Usage:",
    "  facility <command> [flags]",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
    "Flags:",
    "  -h, --help     Show help (`facility <command> --help` for a command's flags)",
    "      --version  Show the version",
    "",
  ].join("\n");
}

function commandHelp(name: string): string {
  const c = COMMANDS[name]!;
  const flags = Object.entries({ ...c.flags, ...COMMON }).map(([flag, f]) => {
    const left = `${f.short ? `-${f.short}, ` : "    "}--${flag}${f.arg ? ` ${f.arg}` : ""}`;
    return [left, `${f.description}${f.default ? ` (default ${f.default})` : ""}`] as const;
  });
  const width = Math.max(...flags.map(([l]) => l.length));
  return [
    `facility ${name}: ${c.summary}`,
    "",
    "Usage:",
    `  ${c.usage}`,
    "",
    "Flags:",
    ...flags.map(([l, r]) => `  ${l.padEnd(width)}  ${r}`),
    "",
    "Examples:",
    ...c.examples.map((e) => `  ${e}`),
    ...(c.notes ? ["", c.notes] : []),
    "",
  ].join("\n");
}

/** The version of the installed package (dist/providers/cli or providers/cli, up to the package root). */
function version(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "pulumi-facility") return pkg.version ?? "unknown";
  }
  return "unknown";
}

function vendorNames(): string[] {
  return Object.keys(vendors).filter((k) => typeof (vendors as Record<string, unknown>)[k] === "object");
}

/** A JSON file the user named: a missing file or bad JSON names the file and the flag or argument it came from. */
function readJson(file: string, what: string): unknown {
  const text = readText(file, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} ${file} is not valid JSON (${(e as Error).message})`);
  }
}

/** A text file the user named (ignore patterns, CA certificate). */
function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new Error(
      `${what} ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a file" : (e as Error).message}`,
    );
  }
}

function loadConfig(file: string | undefined) {
  if (!file) return;
  const raw = readJson(file, "--config");
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    throw new Error(
      `--config ${file}: expected the output of \`pulumi config --show-secrets --json\` (an object of config keys)`,
    );
  const values = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [
      k,
      v && typeof v === "object" && "value" in v ? String((v as { value: unknown }).value) : String(v),
    ]),
  );
  setStackConfig({ get: (key) => values[key] });
}

/**
 * Ignore patterns, one per line: `<kind>:<label glob>` or `<kind>#<id>`. `#` at the start of a line or after
 * whitespace starts a comment (so `kentix:Webhook#12` stays a pattern).
 */
export function ignorePatterns(text: string): RegExp[] {
  return text
    .split("\n")
    .map((l) => l.replace(/(^|\s)#.*$/, "").trim())
    .filter(Boolean)
    .map(
      (g) =>
        new RegExp(
          `^${g
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".")}$`,
        ),
    );
}

function ignoreMatcher(file: string | undefined) {
  if (!file) return () => false;
  const globs = ignorePatterns(readText(file, "--ignore"));
  return (u: { kind: string; label: string; id: string }) =>
    globs.some((g) => g.test(`${u.kind}:${u.label}`) || g.test(`${u.kind}#${u.id}`));
}

type StackExport = { version: number; deployment: { resources?: { urn?: string; type?: string }[] } };

/**
 * The file must be what `pulumi stack export` writes: `{"version": 3, "deployment": {"manifest": ..., "resources": [...]}}`.
 * Anything else is refused, never reported as a stack without drift.
 */
function stackExport(file: string): StackExport {
  const data = readJson(file, "stack export");
  const expected = 'expected the output of `pulumi stack export` (an object with "version" and "deployment")';
  const found = Array.isArray(data)
    ? "an array"
    : data === null || typeof data !== "object"
      ? `a ${data === null ? "null" : typeof data}`
      : `an object with ${Object.keys(data).length ? `keys ${Object.keys(data).slice(0, 5).join(", ")}` : "no keys"}`;
  if (!data || typeof data !== "object" || Array.isArray(data))
    throw new Error(`${file} is not a stack export: ${expected}; found ${found}`);
  const { version: v, deployment } = data as { version?: unknown; deployment?: unknown };
  if (typeof v !== "number" || !deployment || typeof deployment !== "object" || Array.isArray(deployment))
    throw new Error(`${file} is not a stack export: ${expected}; found ${found}`);
  const resources = (deployment as { resources?: unknown }).resources;
  if (
    resources !== undefined &&
    (!Array.isArray(resources) ||
      resources.some(
        (r) =>
          !r ||
          typeof r !== "object" ||
          typeof (r as { urn?: unknown }).urn !== "string" ||
          typeof (r as { type?: unknown }).type !== "string",
      ))
  ) {
    throw new Error(
      `${file} is not a stack export: deployment.resources must be a list of resources, each with a urn and a type`,
    );
  }
  return data as StackExport;
}

async function drift(
  values: Record<string, string | boolean | undefined>,
  positionals: string[],
  io: Io,
): Promise<number> {
  const { out, err } = io;
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new Error(`--format must be one of ${FORMATS.join(", ")}`);
  if (positionals.length === 0)
    throw new Error(
      "give at least one stack export (pulumi stack export --file site.json); see `facility drift --help`",
    );
  const exports = positionals.map((file) => ({ file, exported: stackExport(file) }));
  loadConfig(values.config as string | undefined);
  const matcher = ignoreMatcher(values.ignore as string | undefined);
  const stacks: string[] = [];
  const resources = exports.flatMap(({ file, exported }) => {
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
  const text =
    format === "table" ? formats.table(report, !values.output && io.colour(out)) : formats.renderers[format](report);
  if (values.output) fs.writeFileSync(values.output as string, text);
  else out.write(text.endsWith("\n") ? text : `${text}\n`);
  return report.exitCode;
}

/** `<project>/<stack>` from the URNs of the export, else the file name. */
function stackName(exported: StackExport, file: string): string {
  const urn = exported.deployment.resources?.[0]?.urn;
  const m = urn ? /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn) : null;
  return m ? `${m[2]}/${m[1]}` : path.basename(file).replace(/\.json$/, "");
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

async function discoverCommand(values: Record<string, string | boolean | undefined>, io: Io): Promise<number> {
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
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "index.ts"), result.program);
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), result.pulumiYaml);
  out.write(`wrote ${path.join(dir, "index.ts")} and Pulumi.yaml: ${result.objects} objects, adopted as they are\n`);
  for (const s of result.notDiscoverable) out.write(`not discoverable: ${s.kind} (${s.reason})\n`);
  for (const s of result.leftOut) out.write(`left out: ${s.kind} (${s.reason})\n`);
  const lines = result.configKeys.map(
    (c) =>
      `  pulumi config set${c.secret ? " --secret" : ""} ${c.key} <value>   # ${c.optional ? "optional: " : ""}${c.note}`,
  );
  if (parsed.data.caCertPem) lines.push(`  pulumi config set caCertPem -- "$(cat ${caFile})"`);
  out.write(`set before \`pulumi up\`:\n${lines.join("\n")}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
