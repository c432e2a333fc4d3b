/**
 * With FACILITY_REQUEST_LOG=<dir>, every request an emulator serves is appended to `<dir>/<test file>.jsonl`, tagged
 * with the running test's name: `npm run request-log -- compare <before> <after>` then shows whether a refactor
 * changed what the provider sends (issue 11: "the same tests pass with the same request logs").
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect } from "vitest";
import { setRequestRecorder } from "../emulators/common/server";

const dir = process.env.FACILITY_REQUEST_LOG;
if (dir) {
  fs.mkdirSync(dir, { recursive: true });
  const lines: string[] = [];
  let file = "";
  setRequestRecorder((entry) => {
    const state = expect.getState();
    file ||= path.relative(process.cwd(), state.testPath ?? "unknown").replace(/[\\/]/g, "__");
    const { method, path: p, query, body, status } = entry;
    lines.push(JSON.stringify({ test: state.currentTestName ?? "", method, path: p, query, body, status }));
  });
  afterAll(() => {
    if (lines.length) fs.appendFileSync(path.join(dir, `${file}.jsonl`), `${lines.join("\n")}\n`);
  });
}
