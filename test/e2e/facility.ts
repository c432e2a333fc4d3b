import * as fs from "node:fs";
import * as path from "node:path";
import { Writable } from "node:stream";
import ts from "typescript";
import { main } from "../../providers/cli/facility";
import { clearSessions } from "../../providers/core/connection";
import { setStackConfig } from "../../providers/core/credentials";

/** Runs the CLI in-process as `facility <args>` would (fresh sessions, no stack config), capturing its output. */
export async function facility(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  clearSessions();
  setStackConfig({ get: () => undefined });
  let stdout = "";
  let stderr = "";
  const sink = (append: (s: string) => void) =>
    new Writable({ write: (chunk, _e, done) => (append(String(chunk)), done()) });
  const code = await main(
    args,
    sink((s) => (stdout += s)),
    sink((s) => (stderr += s)),
  );
  return { code, stdout, stderr };
}

/** Type errors of a generated program, as `pulumi up` (ts-node, strict) would report them. */
export function typeErrors(file: string): string[] {
  const options = {
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
  };
  return ts
    .getPreEmitDiagnostics(ts.createProgram([file], options))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

/**
 * A scratch folder inside the repository (`.tmp/<prefix>XXXXXX`), where a generated program resolves
 * `pulumi-facility` and `@pulumi/pulumi` from the repository's node_modules as a user's project does.
 */
export function scratchDir(prefix: string): string {
  const base = path.resolve(__dirname, "../../.tmp");
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, prefix));
}
