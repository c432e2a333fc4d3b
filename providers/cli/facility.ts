#!/usr/bin/env node
/**
 * facility: drift reports and discovery for pulumi-facility stacks (`facility --help`, `facility <command> --help`).
 *   facility drift <stack-export.json>... [--format table|markdown|json|junit|html] [--output FILE]
 *                  [--config CONFIG.json] [--ignore PATTERNS] [--history DIR]
 *   facility discover --vendor kentix --url URL [--profile P] [--ca-cert FILE] [--cert-fingerprint FP]
 *                     [--insecure] [--config CONFIG.json] [--out DIR] [--project NAME]
 *   facility validate <site.yaml>... [--format text|github|json]
 *   facility fleet preview|up|drift --sites DIR [--parallel N] [--logs DIR] [--project DIR] [drift's flags]
 * Colours and progress display only on a terminal, and never with --no-color or NO_COLOR set.
 * Credentials come from the same places as for the providers: CONFIG.json (the output of
 * `pulumi config --show-secrets --json`) or the environment (KENTIX_<PROFILE>_TOKEN, ...).
 * Exit codes: 0 in sync, 2 drift or unmanaged objects, 1 error.
 */
import { parseArgs } from "node:util";
import { redact } from "../core/redact";
import { discoverCommand, drift, FORMATS, type Io, vendorNames } from "./commands";
import { validateCommand } from "./validate";
import { fleet } from "./fleet";
import { packageVersion as version } from "./report-product";

export { ignorePatterns } from "./inputs";

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
      history: {
        type: "string",
        arg: "DIR",
        description:
          "Keep this run's JSON report in DIR; the HTML report then draws each site's trend from the runs kept there",
      },
    },
    examples: [
      "pulumi stack export --stack hq --file hq.json",
      "facility drift hq.json --config config.json",
      "facility drift state-*.json --ignore .drift-ignore --format junit --output drift.xml",
      "facility drift state-*.json --history drift-history --format html --output drift.html",
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
      format: {
        type: "string",
        arg: "FORMAT",
        default: "ts",
        description:
          "ts: a Pulumi program; yaml: a site file (--out FILE.yaml, or DIR/site.yaml) for pulumi-facility/site",
      },
    },
    examples: [
      "KENTIX_HQ_TOKEN=... facility discover --vendor kentix --url https://10.20.0.5 --profile hq --ca-cert hq-ca.pem --out hq",
      "facility discover --vendor sinema --url https://sinema.example --config config.json --project plant-1",
      "KENTIX_HQ_TOKEN=... facility discover --vendor kentix --url https://10.20.0.5 --profile hq --format yaml --out sites/hq.yaml",
    ],
    notes: "Read-only: it never writes to the appliance. The program adopts what it declares on the first `pulumi up`.",
    run: (values, _positionals, io) => discoverCommand(values, io),
  },
  validate: {
    summary: "Check site files: the kinds' own rules, names, references and config lookups, with file:line:col",
    usage: "facility validate <site file>... [flags]",
    positionals: true,
    flags: {
      format: {
        type: "string",
        arg: "FORMAT",
        default: "text",
        description: `text (file:line:col path: message), github (annotations) or json`,
      },
    },
    examples: ["facility validate sites/*.yaml", "facility validate sites/*.yaml --format github"],
    notes:
      "Exit codes: 0 every file valid, 1 problems. Reads no appliance and no stack: values from config are checked when the program runs. The editor's schema: schema/site.schema.json (docs/sites.md).",
    run: (values, positionals, io) => validateCommand(values, positionals, io),
  },
  fleet: {
    summary: "Preview, update or check for drift many sites, one stack per site file, through the Automation API",
    usage: "facility fleet preview|up|drift --sites DIR [flags]",
    positionals: true,
    flags: {
      sites: { type: "string", arg: "DIR", description: "The folder of site files: one stack per <site>.yaml" },
      project: {
        type: "string",
        arg: "DIR",
        description: "The Pulumi program's folder (default: the folder above --sites, else the current one)",
      },
      parallel: { type: "string", arg: "N", default: "4", description: "How many sites run at a time" },
      logs: { type: "string", arg: "DIR", default: "fleet-logs", description: "Folder of the per-site logs" },
      format: {
        type: "string",
        arg: "FORMAT",
        default: "table",
        description: `drift: the fleet report's format: ${FORMATS.join(", ")}`,
      },
      output: { type: "string", short: "o", arg: "FILE", description: "drift: write the fleet report to FILE" },
      ignore: { type: "string", arg: "FILE", description: "drift: unmanaged objects to ignore (as facility drift)" },
      history: { type: "string", arg: "DIR", description: "drift: keep each run's JSON in DIR and draw trends" },
    },
    examples: [
      "facility fleet preview --sites sites/ --parallel 4",
      "facility fleet up --sites sites/ --logs fleet-logs",
      "facility fleet drift --sites sites/ --format html --output drift.html --history drift-history",
    ],
    notes:
      "Credentials and the backend as for `pulumi` itself: each site's stack config (Pulumi.<site>.yaml) and the environment (PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE, KENTIX_<SITE>_TOKEN, ...); `pulumi` on PATH. A failed site never stops the others. Exit code: the worst of all sites (1 failed, 2 drift, 0 ok). One site per CI job instead: docs/fleet.md.",
    run: (values, positionals, io) => {
      if (positionals.length !== 1)
        throw new Error(
          "give one operation: facility fleet preview|up|drift --sites DIR (see `facility fleet --help`)",
        );
      return fleet(positionals[0]!, values, io);
    },
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

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
