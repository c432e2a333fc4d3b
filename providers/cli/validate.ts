/**
 * `facility validate <site file>...`: each file checked as the site program checks it before it declares
 * anything (the kinds' own `check`, names, references, config lookups), one line per problem:
 * `file:line:col property.path: message`. Exit 0 when every file is valid, 1 otherwise. Reads no appliance.
 */
import * as fs from "node:fs";
import { type Located, loadSite, locatedText } from "../site/file";
import type { Io } from "./commands";

export const VALIDATE_FORMATS = ["text", "github", "json"] as const;

/** GitHub Actions' workflow command: an annotation on the line of the file in the pull request. */
const github = (l: Located) =>
  `::error file=${l.file},line=${l.line},col=${l.col}::${`${l.property ? `${l.property}: ` : ""}${l.message}`.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}`;

export async function validateCommand(
  values: Record<string, string | boolean | undefined>,
  files: string[],
  io: Io,
): Promise<number> {
  const format = (values.format as string | undefined) ?? "text";
  if (!(VALIDATE_FORMATS as readonly string[]).includes(format))
    throw new Error(`--format must be one of ${VALIDATE_FORMATS.join(", ")}`);
  if (files.length === 0) throw new Error("give at least one site file: facility validate sites/*.yaml");
  const all: Located[] = [];
  for (const file of files) {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      all.push({ file, line: 1, col: 1, property: "", message: "no such file" });
      continue;
    }
    all.push(...(await loadSite(file)).issues);
  }
  if (format === "json") io.out.write(`${JSON.stringify({ files: files.length, problems: all }, null, 2)}\n`);
  else for (const l of all) io.out.write(`${format === "github" ? github(l) : locatedText(l)}\n`);
  const bad = new Set(all.map((l) => l.file)).size;
  io.err.write(
    all.length
      ? `facility validate: ${all.length} problem${all.length > 1 ? "s" : ""} in ${bad} of ${files.length} file${files.length > 1 ? "s" : ""}\n`
      : `facility validate: ${files.length} file${files.length > 1 ? "s" : ""} valid\n`,
  );
  return all.length ? 1 : 0;
}
