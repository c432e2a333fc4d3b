/**
 * Compares two request-log folders written with FACILITY_REQUEST_LOG (see request-log.setup.ts):
 *   FACILITY_REQUEST_LOG=/tmp/before npx vitest run test/kentix …   (on the old code)
 *   FACILITY_REQUEST_LOG=/tmp/after  npx vitest run test/kentix …   (on the new code)
 *   npx tsx test/support/request-log.ts /tmp/before /tmp/after
 * Per test, the requests compare as a multiset (parallel requests arrive in any order); ids the emulators assign
 * are the same on both runs because every test starts its own emulator; clock values the emulators stamp (ISO instants,
 * epoch milliseconds) that a read-modify-write sends back are masked. Exit 1 and the first differences otherwise.
 */
import fs from "node:fs";
import path from "node:path";

type Log = Map<string, string[]>;

const masked = (request: string) =>
  request.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<instant>").replace(/\b1\d{12}\b/g, "<epoch-ms>");

function load(dir: string): Log {
  const log: Log = new Map();
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".jsonl"))) {
    for (const line of fs.readFileSync(path.join(dir, f), "utf8").split("\n").filter(Boolean)) {
      const { test, ...request } = JSON.parse(line) as { test: string };
      const key = `${f.replace(/\.jsonl$/, "")} > ${test}`;
      (log.get(key) ?? log.set(key, []).get(key)!).push(masked(JSON.stringify(request)));
    }
  }
  for (const list of log.values()) list.sort();
  return log;
}

const [before, after] = process.argv.slice(2);
if (!before || !after) {
  console.error("usage: tsx test/support/request-log.ts <before-dir> <after-dir>");
  process.exit(2);
}
const a = load(before);
const b = load(after);
const differ: string[] = [];
for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
  const x = a.get(key) ?? [];
  const y = b.get(key) ?? [];
  if (x.join("\n") === y.join("\n")) continue;
  const onlyX = x.filter((r) => !y.includes(r));
  const onlyY = y.filter((r) => !x.includes(r));
  differ.push(
    `${key}: ${x.length} vs ${y.length} requests\n  - ${onlyX.slice(0, 3).join("\n  - ")}\n  + ${onlyY.slice(0, 3).join("\n  + ")}`,
  );
}
const total = [...a.values()].reduce((n, l) => n + l.length, 0);
console.log(`${a.size} tests, ${total} requests before; ${differ.length} tests differ`);
for (const d of differ.slice(0, 20)) console.log(d);
process.exit(differ.length ? 1 : 0);
