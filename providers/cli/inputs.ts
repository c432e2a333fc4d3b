/** The files the user names on the command line: stack exports, credentials config, ignore patterns, a CA. */
import * as fs from "node:fs";
import * as path from "node:path";
import { setStackConfig } from "../core/credentials";

/** A JSON file the user named: a missing file or bad JSON names the file and the flag or argument it came from. */
export function readJson(file: string, what: string): unknown {
  const text = readText(file, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} ${file} is not valid JSON (${(e as Error).message})`);
  }
}

/** A text file the user named (ignore patterns, CA certificate). */
export function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new Error(
      `${what} ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a file" : (e as Error).message}`,
    );
  }
}

export function loadConfig(file: string | undefined) {
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

export function ignoreMatcher(file: string | undefined) {
  if (!file) return () => false;
  const globs = ignorePatterns(readText(file, "--ignore"));
  return (u: { kind: string; label: string; id: string }) =>
    globs.some((g) => g.test(`${u.kind}:${u.label}`) || g.test(`${u.kind}#${u.id}`));
}

export type StackExport = { version: number; deployment: { resources?: { urn?: string; type?: string }[] } };

/**
 * The file must be what `pulumi stack export` writes: `{"version": 3, "deployment": {"manifest": ..., "resources": [...]}}`.
 * Anything else is refused, never reported as a stack without drift.
 */
export function stackExport(file: string): StackExport {
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

/** `<project>/<stack>` from the URNs of the export, else the file name. */
export function stackName(exported: StackExport, file: string): string {
  const urn = exported.deployment.resources?.[0]?.urn;
  const m = urn ? /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn) : null;
  return m ? `${m[2]}/${m[1]}` : path.basename(file).replace(/\.json$/, "");
}
