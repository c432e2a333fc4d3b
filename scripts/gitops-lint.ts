/**
 * `npm run gitops:lint`: lints the example pipelines of examples/gitops.
 * - GitHub Actions: actionlint (`npm run gitops:install` builds it from its Go module), with the example's
 *   .github/actionlint.yaml (the self-hosted runner's label); actionlint runs shellcheck on every `run:` script when
 *   shellcheck is on PATH (Debian's `shellcheck` package), and this script says whether it was.
 * - GitLab CI, offline (no GitLab to ask, no schema package): the structure is checked here: known top-level and
 *   job keywords only, every job's stage listed in `stages`, `needs` naming jobs, every `rules: if:` in the forms
 *   the rehearsal evaluates, the apply job on an `environment` and manual, the drift job with a JUnit report, and
 *   every script block and ci/*.sh parsed by `bash -n` (and shellcheck, when present).
 * Exit 0 when everything passes; one line per problem otherwise.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { GITLAB_JOB_KEYS, GITLAB_TOP_KEYS, type GlPipeline, glCondition } from "./gitops-rehearse";

const ROOT = path.resolve(__dirname, "..");
const EXAMPLE = path.join(ROOT, "examples/gitops");

function actionlintBin(): string {
  const r = spawnSync("bash", [path.join(ROOT, "scripts/gitops-install.sh"), "--where"], { encoding: "utf8" });
  const dir = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !fs.existsSync(path.join(dir, "actionlint")))
    throw new Error("actionlint is not built: run `npm run gitops:install` first (scripts/gitops-install.sh)");
  return path.join(dir, "actionlint");
}

const hasShellcheck = () => spawnSync("shellcheck", ["--version"], { encoding: "utf8" }).status === 0;

/** Problems of the GitHub workflows, as actionlint prints them. */
export function lintGithub(): { problems: string[]; shellcheck: boolean } {
  const workflows = fs
    .readdirSync(path.join(EXAMPLE, ".github/workflows"))
    .filter((f) => f.endsWith(".yml"))
    .map((f) => path.join(".github/workflows", f));
  const r = spawnSync(
    actionlintBin(),
    ["-no-color", "-oneline", "-config-file", ".github/actionlint.yaml", ...workflows],
    { cwd: EXAMPLE, encoding: "utf8", timeout: 300_000 },
  );
  if (r.status !== 0 && r.status !== 1) throw new Error(`actionlint failed (${r.status}): ${r.stderr}`);
  return { problems: r.stdout.split("\n").filter(Boolean), shellcheck: hasShellcheck() };
}

/** Problems of a bash script: `bash -n`, and shellcheck when present. */
function lintBash(label: string, script: string, shellcheck: boolean): string[] {
  const problems: string[] = [];
  const n = spawnSync("bash", ["-n"], { input: script, encoding: "utf8" });
  if (n.status !== 0) problems.push(`${label}: bash -n: ${n.stderr.trim()}`);
  if (shellcheck) {
    const s = spawnSync("shellcheck", ["--shell=bash", "--format=gcc", "-"], { input: script, encoding: "utf8" });
    if (s.status !== 0)
      problems.push(
        ...s.stdout
          .split("\n")
          .filter(Boolean)
          .map((l) => `${label}: ${l}`),
      );
  }
  return problems;
}

/** Problems of .gitlab-ci.yml's structure and scripts, and of the shared ci/*.sh scripts. */
export function lintGitlab(): string[] {
  const shellcheck = hasShellcheck();
  const problems: string[] = [];
  const file = ".gitlab-ci.yml";
  const p = parse(fs.readFileSync(path.join(EXAMPLE, file), "utf8")) as GlPipeline;
  const jobs = Object.keys(p).filter((k) => !GITLAB_TOP_KEYS.includes(k));
  if (!Array.isArray(p.stages) || p.stages.length === 0) problems.push(`${file}: no stages`);
  const vars = (source: string) => ({
    CI_PIPELINE_SOURCE: source,
    CI_COMMIT_BRANCH: "main",
    CI_DEFAULT_BRANCH: "main",
  });
  const conditions: string[] = (p.workflow?.rules ?? []).map((r) => r.if ?? "");
  for (const name of jobs) {
    const job = p[name] as Record<string, unknown> & {
      stage?: string;
      rules?: { if?: string; when?: string }[];
      script?: unknown;
      needs?: string[];
      before_script?: string[];
      after_script?: string[];
    };
    if (typeof job !== "object" || job === null) {
      problems.push(`${file}: ${name}: not a job`);
      continue;
    }
    for (const k of Object.keys(job))
      if (!GITLAB_JOB_KEYS.includes(k)) problems.push(`${file}: ${name}: unknown keyword ${k}`);
    if (!job.stage || !p.stages.includes(job.stage))
      problems.push(`${file}: ${name}: stage ${job.stage} is not in stages`);
    if (!Array.isArray(job.script) || job.script.length === 0) problems.push(`${file}: ${name}: no script`);
    for (const n of job.needs ?? []) if (!jobs.includes(n)) problems.push(`${file}: ${name}: needs ${n}, no such job`);
    for (const r of job.rules ?? []) {
      if (r.if) conditions.push(r.if);
      if (r.when && !["on_success", "manual", "always", "never", "delayed"].includes(r.when))
        problems.push(`${file}: ${name}: rules when: ${r.when}`);
    }
    const blocks = {
      before_script: job.before_script ?? p.default?.before_script,
      script: job.script,
      after_script: job.after_script,
    };
    for (const [k, lines] of Object.entries(blocks))
      if (Array.isArray(lines)) problems.push(...lintBash(`${file}: ${name}.${k}`, lines.join("\n"), shellcheck));
  }
  for (const c of conditions)
    try {
      glCondition(c, vars("push"));
    } catch (e) {
      problems.push(`${file}: ${(e as Error).message}`);
    }
  // What the issue asks of the pipelines.
  const job = (n: string) =>
    p[n] as { environment?: unknown; rules?: { when?: string }[]; artifacts?: { reports?: { junit?: string } } };
  if (!job("apply")?.environment) problems.push(`${file}: apply: no environment (the approval gate)`);
  if (!job("apply")?.rules?.every((r) => r.when === "manual"))
    problems.push(`${file}: apply: not manual in every rule`);
  if (!job("drift")?.artifacts?.reports?.junit) problems.push(`${file}: drift: no JUnit report`);
  for (const f of fs.readdirSync(path.join(EXAMPLE, "ci")))
    problems.push(...lintBash(`ci/${f}`, fs.readFileSync(path.join(EXAMPLE, "ci", f), "utf8"), shellcheck));
  return problems;
}

if (require.main === module) {
  const gh = lintGithub();
  const gl = lintGitlab();
  for (const line of [...gh.problems, ...gl]) console.log(line);
  console.log(
    `gitops:lint: GitHub Actions (actionlint${gh.shellcheck ? " with shellcheck" : ", no shellcheck on PATH"}): ${gh.problems.length} problem(s); GitLab CI (structure, bash -n${gh.shellcheck ? ", shellcheck" : ""}) and ci/*.sh: ${gl.length} problem(s)`,
  );
  process.exit(gh.problems.length + gl.length ? 1 : 0);
}
