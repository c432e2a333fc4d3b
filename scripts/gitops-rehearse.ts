/**
 * `npm run gitops:rehearse`: runs the example pipelines of examples/gitops, every step exactly as written, against
 * Kentix emulators with the real Pulumi CLI (`npm run pulumi:install`) and this build of pulumi-facility (`npm run
 * build`). For GitHub Actions and for GitLab CI, one after the other:
 *
 *   pull request (validate, preview --diff per changed site) → merge (up per changed site, approved)
 *   → an out-of-band edit on an appliance → nightly drift exits 2 → apply by hand (up) → nightly drift exits 0
 *
 * The repository: a temporary git repository made from examples/gitops. Its first commit is the project without
 * sites; the pull request adds the two sites (hq, branch). Two changes to the example's files, both in that first
 * commit: each Pulumi.<site>.yaml points at its emulator (url and CA), and package.json takes pulumi-facility from
 * the tarball of this build (`npm pack`), with a package-lock.json made for it.
 *
 * `run:` steps (GitHub) and script lines (GitLab) run with bash as written, in a fresh clone at the event's commit,
 * with the environment the pipeline declares plus what the CI provides: secrets from the CI's store (the emulators'
 * tokens, a passphrase, a local file backend as PULUMI_BACKEND_URL) and the CI's own variables. What the CI itself
 * does is emulated by the tables GITHUB_ACTIONS and GITLAB_RUNNER below; a `uses:` or keyword not in them stops the
 * rehearsal, nothing is skipped silently. `if:` and `rules:` are evaluated (the forms the examples use; any other
 * form stops the rehearsal).
 *
 * Prints one line per step and exits 0 when every phase ended with the exit code it must have.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { tlsFixture } from "../test/emulators/common";
import { type KentixEmulator, startKentix } from "../test/emulators/kentix";
import { requirePulumiBin, runCommand } from "../test/engine/cli";
import { SECRETS } from "../test/secrets";

const ROOT = path.resolve(__dirname, "..");
const EXAMPLE = path.join(ROOT, "examples/gitops");
/** The package under test, packed with `npm pack`: this checkout (built), or FACILITY_PACKAGE_DIR. */
const PACKAGE = process.env.FACILITY_PACKAGE_DIR ?? ROOT;
/** Per step; a loaded 2-core machine is slow. */
const STEP_TIMEOUT_MS = 20 * 60_000;
const SITES = ["hq", "branch"] as const;
/** The CI's secret store. The tokens are the emulators'; the rest are not secrets of the suite, so named here. */
export const REHEARSAL_SECRETS = {
  passphrase: "gitops-rehearsal-passphrase-5d21",
  gitlabApiToken: "glpat-rehearsal-7c03e9",
};
const TOKENS: Record<(typeof SITES)[number], string> = { hq: SECRETS.kentixToken, branch: SECRETS.socToken };

export type Ci = "github" | "gitlab";
export type Phase = "pull-request" | "merge" | "nightly-drift" | "apply-by-hand" | "nightly-drift-again";

export interface StepRecord {
  ci: Ci;
  phase: Phase;
  job: string;
  step: string;
  /** Exit code; null when the step did not run (its `if:` was false). */
  code: number | null;
  /** What the step was: `run`, or the emulated `uses:`/keyword. */
  kind: string;
}

export interface PhaseRecord {
  ci: Ci;
  phase: Phase;
  /** The exit code of the job that decides the phase (the failing step's, else 0). */
  code: number;
}

export interface RehearsalResult {
  steps: StepRecord[];
  phases: PhaseRecord[];
  /** artifacts/<ci>/<phase>/...: uploaded artifacts, job summaries, the merge request comment. */
  artifacts: string;
  /** logs/<ci>-<phase>-<job>.log: everything every step printed. */
  logs: string;
  /** The temporary folder, removed by `cleanup` (kept with --keep). */
  tmp: string;
  cleanup(): void;
}

/** The exit code each phase must end with. */
export const EXPECTED: Record<Phase, number> = {
  "pull-request": 0,
  merge: 0,
  "nightly-drift": 2,
  "apply-by-hand": 0,
  "nightly-drift-again": 0,
};

// ---------------------------------------------------------------------------------------------------------------
// Shared: git, files, bash

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout.trim();
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "Integrator",
  GIT_AUTHOR_EMAIL: "ops@integrator.example",
  GIT_COMMITTER_NAME: "Integrator",
  GIT_COMMITTER_EMAIL: "ops@integrator.example",
};
const git = (cwd: string, ...args: string[]) => sh("git", ["-c", "init.defaultBranch=main", ...args], cwd, GIT_ENV);

function sha256Files(dir: string, patterns: string[]): string {
  const h = createHash("sha256");
  for (const p of patterns) {
    const f = path.join(dir, p);
    if (fs.existsSync(f)) h.update(fs.readFileSync(f));
  }
  return h.digest("hex");
}

function copyTree(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  sh("cp", ["-a", from, to], ROOT);
}

interface Context {
  ci: Ci;
  phase: Phase;
  tmp: string;
  repo: string;
  logs: string;
  artifacts: string;
  pulumiBin: string;
  /** The runner's own environment: a self-hosted runner's HOME, PATH (node, git, curl), Pulumi's home. */
  runnerEnv: Record<string, string>;
  cache: string;
  steps: StepRecord[];
  say: (line: string) => void;
}

/** Runs a bash script the way the CI does, with its output appended to the job's log. */
async function bash(
  ctx: Context,
  job: string,
  script: string,
  cwd: string,
  env: Record<string, string>,
  flags: string[],
) {
  const file = path.join(ctx.tmp, "scripts", `${ctx.ci}-${ctx.phase}-${job}-${Date.now()}.sh`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, script);
  const r = await runCommand("bash", [...flags, file], { cwd, env, timeoutMs: STEP_TIMEOUT_MS });
  fs.appendFileSync(
    path.join(ctx.logs, `${ctx.ci}-${ctx.phase}-${job}.log`),
    `$ ${script.trim()}\n${r.stdout}${r.stderr}${r.timedOut ? "\n(timed out)\n" : ""}\n`,
  );
  return r.code ?? 1;
}

function clone(ctx: Context, job: string, sha: string): string {
  const dir = path.join(ctx.tmp, "work", `${ctx.ci}-${ctx.phase}-${job}`);
  fs.rmSync(dir, { recursive: true, force: true });
  git(ctx.tmp, "clone", "--quiet", ctx.repo, dir);
  git(dir, "checkout", "--quiet", "--detach", sha);
  return dir;
}

function record(ctx: Context, job: string, step: string, kind: string, code: number | null): void {
  ctx.steps.push({ ci: ctx.ci, phase: ctx.phase, job, step, kind, code });
  ctx.say(
    `${ctx.ci} ${ctx.phase} ${job}: ${step} [${kind}] → ${code === null ? "skipped (if: false)" : `exit ${code}`}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// GitHub Actions

type Json = Record<string, unknown>;
interface GhStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
  shell?: string;
}
interface GhJob {
  "runs-on": unknown;
  environment?: string;
  env?: Record<string, string>;
  steps: GhStep[];
}
interface GhWorkflow {
  on: Record<string, unknown>;
  env?: Record<string, string>;
  defaults?: { run?: { shell?: string } };
  jobs: Record<string, GhJob>;
}

interface GhJobState {
  ctx: Context;
  job: string;
  workspace: string;
  env: Record<string, string>;
  path: string[];
  steps: Record<string, { outputs: Record<string, string> }>;
  failed: boolean;
  expr: Json;
  saves: (() => void)[];
  summary: string;
  event: GhEvent;
}

/** GitHub Actions' expressions, the forms the example workflows use. */
function ghValue(s: string, st: GhJobState): unknown {
  const t = s.trim();
  let m = /^'([^']*)'$/.exec(t);
  if (m) return m[1];
  m = /^hashFiles\('([^']+)'\)$/.exec(t);
  if (m) return sha256Files(st.workspace, [m[1]!]);
  if (/^[a-z_]+(\.[A-Za-z0-9_-]+)+$/.test(t)) {
    let v: unknown = { ...st.expr, steps: st.steps, env: st.env };
    for (const k of t.split(".")) v = v && typeof v === "object" ? (v as Json)[k] : undefined;
    return v ?? "";
  }
  throw new Error(`rehearsal: an expression the rehearsal does not evaluate: ${s}`);
}

function ghExpr(src: string, st: GhJobState): unknown {
  const s = src.trim();
  if (s === "always()") return true;
  if (s === "success()") return !st.failed;
  if (s === "failure()") return st.failed;
  const m = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(s);
  if (m) return (String(ghValue(m[1]!, st)) === String(ghValue(m[3]!, st))) === (m[2] === "==");
  return ghValue(s, st);
}

const ghInterpolate = (text: string, st: GhJobState) =>
  text.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => String(ghExpr(e, st)));

function ghIf(cond: string | undefined, st: GhJobState): boolean {
  if (cond === undefined) return !st.failed;
  const inner = cond.trim().replace(/^\$\{\{(.*)\}\}$/, "$1");
  const value = Boolean(ghExpr(inner, st));
  return /\b(always|failure|success|cancelled)\(\)/.test(inner) ? value : value && !st.failed;
}

const stepName = (s: GhStep) => s.name ?? s.uses ?? s.run!.split("\n")[0]!;

function uploadPaths(st: GhJobState, name: string, paths: string[], ifNone: string): number {
  const dest = path.join(st.ctx.artifacts, st.ctx.ci, st.ctx.phase, name);
  let found = 0;
  for (const p of paths) {
    const from = path.join(st.workspace, p);
    if (!fs.existsSync(from)) continue;
    found++;
    copyTree(from, path.join(dest, p.replace(/\/$/, "")));
  }
  if (found === 0 && ifNone === "error") return 1;
  if (found === 0 && ifNone === "warn") st.ctx.say(`  upload-artifact ${name}: no files found (warning)`);
  return 0;
}

/**
 * What GitHub Actions does for the `uses:` steps of the examples, emulated; any other action stops the rehearsal.
 * Each returns the step's exit code and may set outputs.
 */
const GITHUB_ACTIONS: Record<
  string,
  (st: GhJobState, w: Record<string, string>, outputs: Record<string, string>) => number
> = {
  // A clone of the repository at the event's commit, full history (fetch-depth 0 or not: the clone has it all).
  "actions/checkout@v4": (st) => {
    st.workspace = clone(st.ctx, st.job, st.event.sha);
    st.env.GITHUB_WORKSPACE = st.workspace;
    return 0;
  },
  // The runner's Node.js (the machine's): the version asked for must be its major version.
  "actions/setup-node@v4": (st, w) => {
    const major = process.versions.node.split(".")[0];
    if (String(w["node-version"]) !== major)
      throw new Error(`setup-node: node-version ${w["node-version"]}, runner has ${major}`);
    st.path.unshift(path.dirname(process.execPath));
    return 0;
  },
  // A cache of `path` by exact `key` in the rehearsal's cache folder (one per CI); saved when the job succeeded.
  "actions/cache@v4": (st, w, outputs) => {
    const stored = path.join(st.ctx.cache, w.key!);
    const target = path.join(st.workspace, w.path!);
    const hit = fs.existsSync(stored);
    if (hit) copyTree(stored, target);
    outputs["cache-hit"] = String(hit);
    if (!hit)
      st.saves.push(() => {
        if (fs.existsSync(target)) copyTree(target, stored);
      });
    return 0;
  },
  // The Pulumi CLI on PATH: the one `npm run pulumi:install` built, which must be the version asked for.
  "pulumi/actions@v6": (st, w) => {
    if (!st.ctx.pulumiBin.includes(`pulumi-${w["pulumi-version"]}`))
      throw new Error(`pulumi/actions: pulumi-version ${w["pulumi-version"]}, built ${st.ctx.pulumiBin}`);
    st.path.unshift(st.ctx.pulumiBin);
    return 0;
  },
  // The files or folders of `path` (one a line) copied to artifacts/<ci>/<phase>/<name>/.
  "actions/upload-artifact@v4": (st, w) =>
    uploadPaths(
      st,
      w.name!,
      w
        .path!.split("\n")
        .map((p) => p.trim())
        .filter(Boolean),
      w["if-no-files-found"] ?? "warn",
    ),
  // The JUnit report must exist and be JUnit XML; it is kept with the artifacts as junit/<file>.
  "mikepenz/action-junit-report@v5": (st, w) => {
    const file = path.join(st.workspace, w.report_paths!);
    if (!fs.existsSync(file) || !/<testsuites?[\s>]/.test(fs.readFileSync(file, "utf8"))) return 1;
    copyTree(file, path.join(st.ctx.artifacts, st.ctx.ci, st.ctx.phase, "junit", path.basename(file)));
    return 0;
  },
};

interface GhEvent {
  name: "pull_request" | "push" | "schedule" | "workflow_dispatch";
  sha: string;
  payload: Json;
  inputs?: Record<string, string>;
}

async function ghRun(
  ctx: Context,
  file: string,
  event: GhEvent,
  secrets: Record<string, string>,
  vars: Record<string, string>,
) {
  // The workflow as committed at the event's commit, as GitHub reads it.
  const wf = parse(git(ctx.repo, "show", `${event.sha}:.github/workflows/${file}`)) as GhWorkflow;
  if (!(event.name in wf.on)) throw new Error(`${file} does not run on ${event.name}`);
  let code = 0;
  for (const [job, def] of Object.entries(wf.jobs)) {
    const runner = path.join(ctx.tmp, "runner", `${ctx.ci}-${ctx.phase}-${job}`);
    fs.mkdirSync(runner, { recursive: true });
    const files = Object.fromEntries(
      ["GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY"].map((k) => [k, path.join(runner, k)]),
    );
    const st: GhJobState = {
      ctx,
      job,
      workspace: runner,
      env: {},
      path: [],
      steps: {},
      failed: false,
      saves: [],
      summary: files.GITHUB_STEP_SUMMARY!,
      event,
      expr: {
        secrets,
        vars,
        inputs: event.inputs ?? {},
        runner: { os: "Linux" },
        github: { event_name: event.name, sha: event.sha, event: event.payload },
      },
    };
    if (def.environment) record(ctx, job, `environment ${def.environment}: approved by a reviewer`, "environment", 0);
    for (const [k, v] of Object.entries({ ...wf.env, ...def.env })) st.env[k] = ghInterpolate(String(v), st);
    for (const step of def.steps) {
      const name = stepName(step);
      if (!ghIf(step.if, st)) {
        record(ctx, job, name, step.uses ?? "run", null);
        continue;
      }
      const outputs: Record<string, string> = {};
      let rc: number;
      if (step.uses) {
        const action = GITHUB_ACTIONS[step.uses];
        if (!action) throw new Error(`rehearsal: no emulation of ${step.uses} (${file}, job ${job})`);
        const w = Object.fromEntries(
          Object.entries(step.with ?? {}).map(([k, v]) => [k, ghInterpolate(String(v), st)]),
        );
        rc = action(st, w, outputs);
      } else {
        const shell = step.shell ?? wf.defaults?.run?.shell ?? "bash";
        if (shell !== "bash") throw new Error(`rehearsal: shell ${shell} is not emulated`);
        for (const f of Object.values(files)) fs.writeFileSync(f, "", { flag: "a" });
        fs.writeFileSync(files.GITHUB_OUTPUT!, "");
        fs.writeFileSync(files.GITHUB_ENV!, "");
        fs.writeFileSync(files.GITHUB_PATH!, "");
        const stepEnv = Object.fromEntries(
          Object.entries(step.env ?? {}).map(([k, v]) => [k, ghInterpolate(String(v), st)]),
        );
        const env = {
          ...ctx.runnerEnv,
          CI: "true",
          GITHUB_ACTIONS: "true",
          GITHUB_EVENT_NAME: event.name,
          GITHUB_SHA: event.sha,
          GITHUB_WORKSPACE: st.workspace,
          RUNNER_OS: "Linux",
          RUNNER_TEMP: runner,
          ...files,
          ...st.env,
          ...stepEnv,
          PATH: [...st.path, ctx.runnerEnv.PATH].join(path.delimiter),
        };
        // GitHub's `shell: bash`: bash --noprofile --norc -eo pipefail {0}
        rc = await bash(ctx, job, step.run!, st.workspace, env, ["--noprofile", "--norc", "-eo", "pipefail"]);
        for (const line of fs.readFileSync(files.GITHUB_OUTPUT!, "utf8").split("\n")) {
          const i = line.indexOf("=");
          if (i > 0) outputs[line.slice(0, i)] = line.slice(i + 1);
        }
        for (const line of fs.readFileSync(files.GITHUB_ENV!, "utf8").split("\n")) {
          const i = line.indexOf("=");
          if (i > 0) st.env[line.slice(0, i)] = line.slice(i + 1);
        }
        st.path.unshift(...fs.readFileSync(files.GITHUB_PATH!, "utf8").split("\n").filter(Boolean));
      }
      if (step.id) st.steps[step.id] = { outputs };
      record(ctx, job, name, step.uses ?? "run", rc);
      if (rc !== 0) {
        if (!st.failed) code = rc;
        st.failed = true;
      }
    }
    if (!st.failed) for (const save of st.saves) save();
    if (fs.existsSync(st.summary) && fs.statSync(st.summary).size > 0)
      copyTree(st.summary, path.join(ctx.artifacts, ctx.ci, ctx.phase, `job-summary-${job}.md`));
  }
  return code;
}

// ---------------------------------------------------------------------------------------------------------------
// GitLab CI

interface GlRule {
  if?: string;
  when?: string;
}
interface GlJob {
  stage: string;
  rules?: GlRule[];
  script: string[];
  before_script?: string[];
  after_script?: string[];
  environment?: { name: string } | string;
  resource_group?: string;
  artifacts?: { when?: string; paths?: string[]; expose_as?: string; reports?: { junit?: string } };
  cache?: GlCache;
  variables?: Record<string, string>;
  tags?: string[];
  needs?: string[];
}
interface GlCache {
  key?: { files: string[] } | string;
  paths: string[];
}
export interface GlPipeline {
  workflow?: { rules: GlRule[] };
  stages: string[];
  default?: { tags?: string[]; cache?: GlCache; before_script?: string[]; after_script?: string[] };
  variables?: Record<string, string>;
  [job: string]: unknown;
}

/** The keys of a job the rehearsal understands; any other stops it. */
export const GITLAB_JOB_KEYS = [
  "stage",
  "rules",
  "script",
  "before_script",
  "after_script",
  "environment",
  "resource_group",
  "artifacts",
  "cache",
  "variables",
  "tags",
  "needs",
];
export const GITLAB_TOP_KEYS = ["workflow", "stages", "default", "variables"];

/** GitLab's `rules: if:` expressions, the forms the example uses: ==, !=, a variable alone, &&, ||. */
export function glCondition(src: string, vars: Record<string, string>): boolean {
  const atom = (a: string): string | boolean => {
    const t = a.trim();
    const m = /^"([^"]*)"$/.exec(t);
    if (m) return m[1]!;
    const v = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(t);
    if (v) return vars[v[1]!] ?? "";
    throw new Error(`rehearsal: a rules expression the rehearsal does not evaluate: ${src}`);
  };
  return src.split("||").some((alt) =>
    alt.split("&&").every((term) => {
      const m = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(term);
      if (m) return (atom(m[1]!) === atom(m[3]!)) === (m[2] === "==");
      return atom(term) !== "";
    }),
  );
}

/** The first rule that matches, or null: the job is not in the pipeline. */
function glRule(rules: GlRule[] | undefined, vars: Record<string, string>): GlRule | null {
  if (!rules) return {};
  return rules.find((r) => r.if === undefined || glCondition(r.if, vars)) ?? null;
}

/** The stub of GitLab's API for the merge request comment: records each note that carries the project token. */
async function gitlabApi(notes: string[]): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const ok =
        req.method === "POST" &&
        /^\/api\/v4\/projects\/\d+\/merge_requests\/\d+\/notes$/.test(req.url ?? "") &&
        req.headers["private-token"] === REHEARSAL_SECRETS.gitlabApiToken;
      if (ok) notes.push(new URLSearchParams(body).get("body") ?? "");
      res.writeHead(ok ? 201 : 401, { "content-type": "application/json" }).end(ok ? '{"id":1}' : "{}");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/**
 * What the GitLab runner does around the scripts, emulated: `rules` decide the jobs; `when: manual` is started by
 * the rehearsal (the approval of the protected environment); the clone at the pipeline's commit; `cache` restored
 * by its key (files: a hash of them) and saved when the job succeeded; before_script + script in one bash with
 * `set -eo pipefail`, the job failing at the first failing line; after_script in a shell of its own, whatever the
 * job's result; `artifacts` (paths, reports:junit, when) copied to artifacts/gitlab/<phase>/<job>/.
 * `environment`, `resource_group`, `expose_as`, `tags` and `needs` are recorded; `tags` must name the runner.
 */
export const GITLAB_RUNNER = [
  "rules",
  "when: manual",
  "clone",
  "cache",
  "before_script",
  "script",
  "after_script",
  "artifacts",
  "environment",
  "resource_group",
  "tags",
] as const;

async function glRun(
  ctx: Context,
  source: "merge_request_event" | "push" | "schedule" | "web",
  sha: string,
  ciVars: Record<string, string>,
) {
  // The pipeline as committed at the pipeline's commit, as GitLab reads it.
  const pipeline = parse(git(ctx.repo, "show", `${sha}:.gitlab-ci.yml`)) as GlPipeline;
  const vars: Record<string, string> = {
    CI: "true",
    GITLAB_CI: "true",
    CI_PIPELINE_SOURCE: source,
    CI_COMMIT_SHA: sha,
    CI_DEFAULT_BRANCH: "main",
    CI_PROJECT_ID: "42",
    ...(pipeline.variables ?? {}),
    ...ciVars,
  };
  if (pipeline.workflow && !glRule(pipeline.workflow.rules, vars)) throw new Error(`no pipeline for ${source}`);
  const jobs = Object.entries(pipeline).filter(([k]) => !GITLAB_TOP_KEYS.includes(k)) as [string, GlJob][];
  let code = 0;
  for (const stage of pipeline.stages) {
    for (const [job, def] of jobs.filter(([, j]) => j.stage === stage)) {
      for (const k of Object.keys(def))
        if (!GITLAB_JOB_KEYS.includes(k)) throw new Error(`rehearsal: job ${job}: keyword ${k} is not emulated`);
      const rule = glRule(def.rules, vars);
      if (!rule) continue;
      if (code !== 0) {
        record(ctx, job, "job (an earlier stage failed)", "when: on_success", null);
        continue;
      }
      const tags = def.tags ?? pipeline.default?.tags ?? [];
      if (!tags.includes("facility")) throw new Error(`job ${job} does not run on the facility runner`);
      if (rule.when === "manual") record(ctx, job, "started by hand (manual job)", "when: manual", 0);
      if (def.environment)
        record(
          ctx,
          job,
          `environment ${typeof def.environment === "string" ? def.environment : def.environment.name}: approved`,
          "environment",
          0,
        );
      const dir = clone(ctx, job, sha);
      record(ctx, job, `clone at ${sha.slice(0, 8)}`, "clone", 0);
      const cache = def.cache ?? pipeline.default?.cache;
      let cacheDir: string | undefined;
      if (cache) {
        const key =
          typeof cache.key === "object" ? sha256Files(dir, cache.key.files).slice(0, 16) : (cache.key ?? "default");
        cacheDir = path.join(ctx.cache, key);
        if (fs.existsSync(cacheDir)) for (const p of cache.paths) copyTree(path.join(cacheDir, p), path.join(dir, p));
        record(ctx, job, `cache ${key}: ${fs.existsSync(cacheDir) ? "restored" : "none yet"}`, "cache", 0);
      }
      const env = {
        ...ctx.runnerEnv,
        ...vars,
        ...(def.variables ?? {}),
        CI_JOB_NAME: job,
        CI_PROJECT_DIR: dir,
        CI_ENVIRONMENT_NAME: typeof def.environment === "object" ? def.environment.name : (def.environment ?? ""),
      };
      const lines = [...(def.before_script ?? pipeline.default?.before_script ?? []), ...def.script];
      // The runner's shell: the job stops at the first line that fails.
      const rc = await bash(ctx, job, lines.join("\n"), dir, env, ["--noprofile", "--norc", "-eo", "pipefail"]);
      record(ctx, job, `before_script + script (${lines.length} lines)`, "script", rc);
      const after = def.after_script ?? pipeline.default?.after_script;
      if (after) {
        const arc = await bash(ctx, job, after.join("\n"), dir, { ...env, CI_JOB_STATUS: rc ? "failed" : "success" }, [
          "--noprofile",
          "--norc",
          "-eo",
          "pipefail",
        ]);
        record(ctx, job, `after_script (${after.length} lines)`, "after_script", arc);
      }
      if (def.artifacts) {
        const when = def.artifacts.when ?? "on_success";
        if (when === "always" || (when === "on_success") === (rc === 0)) {
          const dest = path.join(ctx.artifacts, ctx.ci, ctx.phase, job);
          for (const p of def.artifacts.paths ?? [])
            if (fs.existsSync(path.join(dir, p))) copyTree(path.join(dir, p), path.join(dest, p.replace(/\/$/, "")));
          const junit = def.artifacts.reports?.junit;
          const junitOk =
            !junit ||
            (fs.existsSync(path.join(dir, junit)) &&
              /<testsuites?[\s>]/.test(fs.readFileSync(path.join(dir, junit), "utf8")));
          record(ctx, job, `artifacts${junit ? " and reports:junit" : ""}`, "artifacts", junitOk ? 0 : 1);
        }
      }
      if (rc === 0 && cache && cacheDir && !fs.existsSync(cacheDir))
        for (const p of cache.paths)
          if (fs.existsSync(path.join(dir, p))) copyTree(path.join(dir, p), path.join(cacheDir, p));
      if (rc !== 0) code = rc;
    }
  }
  return code;
}

// ---------------------------------------------------------------------------------------------------------------
// The repository and the sequence

/** package.json with pulumi-facility from this build's tarball (`npm pack`), and a package-lock.json for it. */
function packThisBuild(tmp: string, say: (s: string) => void): string {
  say("npm pack of this build, and a package-lock.json for it");
  const dir = path.join(tmp, "package");
  fs.mkdirSync(dir, { recursive: true });
  const pack = JSON.parse(sh("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], PACKAGE)) as {
    filename: string;
  }[];
  const pkg = JSON.parse(fs.readFileSync(path.join(EXAMPLE, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  pkg.dependencies["pulumi-facility"] = `file:${path.join(tmp, pack[0]!.filename)}`;
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  sh("npm", ["install", "--package-lock-only", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], dir);
  return dir;
}

/** The integrator's repository: a first commit without sites (main), a branch that adds them (the pull request). */
function makeRepo(tmp: string, emulators: Record<string, KentixEmulator>, packageFiles: string) {
  const repo = path.join(tmp, "repo");
  const sitesChange = new Set(["sites/hq.yaml", "sites/branch.yaml", "Pulumi.hq.yaml", "Pulumi.branch.yaml"]);
  fs.cpSync(EXAMPLE, repo, { recursive: true, filter: (src) => !/node_modules|plans|drift$/.test(src) });
  const moved = path.join(tmp, "pr-files");
  for (const f of sitesChange) {
    fs.mkdirSync(path.dirname(path.join(moved, f)), { recursive: true });
    fs.renameSync(path.join(repo, f), path.join(moved, f));
  }
  // The two changes to the example: this build's tarball for pulumi-facility, and the emulators as appliances.
  for (const f of ["package.json", "package-lock.json"])
    fs.copyFileSync(path.join(packageFiles, f), path.join(repo, f));
  const ca = tlsFixture("ca.pem")
    .trim()
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
  for (const site of SITES) {
    const f = path.join(moved, `Pulumi.${site}.yaml`);
    const text = fs
      .readFileSync(f, "utf8")
      .replace(/kentix:url: .*/, `kentix:url: ${emulators[site]!.httpsUrl}`)
      .replace(/( {4}-----BEGIN CERTIFICATE-----\n)[\s\S]*?( {4}-----END CERTIFICATE-----)/, `${ca}`);
    fs.writeFileSync(f, text);
  }
  git(repo, "init", "--quiet");
  git(repo, "add", "-A");
  git(repo, "commit", "--quiet", "-m", "The sites project, no site yet");
  const base = git(repo, "rev-parse", "HEAD");
  git(repo, "checkout", "--quiet", "-b", "add-sites");
  fs.cpSync(moved, repo, { recursive: true });
  git(repo, "add", "-A");
  git(repo, "commit", "--quiet", "-m", "Add the sites hq and branch");
  const head = git(repo, "rev-parse", "HEAD");
  return { repo, base, head };
}

/** Runs the rehearsal; `ci` picks the pipelines (both by default). */
export async function rehearse(
  o: { ci?: Ci[]; say?: (line: string) => void; keep?: boolean } = {},
): Promise<RehearsalResult> {
  const say = o.say ?? ((l: string) => process.stdout.write(`${l}\n`));
  const pulumiBin = requirePulumiBin();
  if (!fs.existsSync(path.join(PACKAGE, "dist/providers/cli/facility.js")))
    throw new Error("dist/ is not built: run `npm run build` first");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "facility-gitops-"));
  const logs = path.join(tmp, "logs");
  const artifacts = path.join(tmp, "artifacts");
  fs.mkdirSync(logs, { recursive: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const steps: StepRecord[] = [];
  const phases: PhaseRecord[] = [];
  const closers: (() => Promise<void>)[] = [];
  const result: RehearsalResult = {
    steps,
    phases,
    artifacts,
    logs,
    tmp,
    cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }),
  };
  try {
    const packageFiles = packThisBuild(tmp, say);
    for (const ci of o.ci ?? (["github", "gitlab"] as Ci[])) {
      const emulators: Record<string, KentixEmulator> = {};
      for (const site of SITES) {
        const emu = await startKentix({ tokens: [TOKENS[site]], https: "ca" });
        closers.push(() => emu.close());
        emulators[site] = emu;
      }
      const { repo, base, head } = makeRepo(path.join(tmp, ci), emulators, packageFiles);
      const backend = path.join(tmp, ci, "backend");
      fs.mkdirSync(backend, { recursive: true });
      const home = path.join(tmp, ci, "runner-home");
      fs.mkdirSync(home, { recursive: true });
      const ctx: Context = {
        ci,
        phase: "pull-request",
        tmp: path.join(tmp, ci),
        repo,
        logs,
        artifacts,
        pulumiBin,
        cache: path.join(tmp, ci, "cache"),
        steps,
        say,
        runnerEnv: {
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          HOME: process.env.HOME ?? home, // the npm cache of the runner's user
          LANG: "C.UTF-8",
          TMPDIR: os.tmpdir(),
          // The runner's Pulumi settings: its own home, no update check, no plugin download.
          PULUMI_HOME: path.join(home, ".pulumi"),
          PULUMI_SKIP_UPDATE_CHECK: "true",
          PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
          PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
          NO_COLOR: "1",
          npm_config_update_notifier: "false",
        },
      };
      // The runner has Node.js and (GitLab: installed on the runner; GitHub: pulumi/actions) the Pulumi CLI.
      if (ci === "gitlab")
        ctx.runnerEnv.PATH = [path.dirname(process.execPath), pulumiBin, ctx.runnerEnv.PATH].join(path.delimiter);
      const store = {
        PULUMI_CONFIG_PASSPHRASE: REHEARSAL_SECRETS.passphrase,
        KENTIX_HQ_TOKEN: TOKENS.hq,
        KENTIX_BRANCH_TOKEN: TOKENS.branch,
      };
      const variables = { PULUMI_BACKEND_URL: `file://${backend}` };
      const phase = async (name: Phase, run: () => Promise<number>) => {
        ctx.phase = name;
        say(`== ${ci}: ${name}`);
        const code = await run();
        phases.push({ ci, phase: name, code });
        say(`== ${ci}: ${name}: exit ${code} (must be ${EXPECTED[name]})`);
        if (code !== EXPECTED[name])
          throw new Error(`${ci} ${name}: exit ${code}, not ${EXPECTED[name]}; logs in ${logs}`);
      };
      const gitlabNotes: string[] = [];
      const api = await gitlabApi(gitlabNotes);
      closers.push(api.close);
      const glVars = {
        ...store,
        ...variables,
        GITLAB_API_TOKEN: REHEARSAL_SECRETS.gitlabApiToken,
        CI_API_V4_URL: api.url,
      };

      // 1. The pull request that adds the sites: validate, preview per changed site. Nothing is written.
      await phase("pull-request", () =>
        ci === "github"
          ? ghRun(
              ctx,
              "facility-pr.yml",
              { name: "pull_request", sha: head, payload: { pull_request: { number: 1, base: { sha: base } } } },
              store,
              variables,
            )
          : glRun(ctx, "merge_request_event", head, {
              ...glVars,
              CI_MERGE_REQUEST_IID: "1",
              CI_MERGE_REQUEST_DIFF_BASE_SHA: base,
              CI_COMMIT_REF_NAME: "add-sites",
            }),
      );
      for (const emu of Object.values(emulators))
        if (emu.writes().length) throw new Error("the pull request's pipeline wrote to an appliance");
      if (ci === "gitlab") {
        if (gitlabNotes.length !== 1) throw new Error(`${gitlabNotes.length} merge request comments, not 1`);
        fs.writeFileSync(path.join(artifacts, ci, "pull-request", "merge-request-comment.md"), gitlabNotes[0]!);
      }

      // 2. The merge: main moves to the pull request's head; up per changed site.
      git(repo, "checkout", "--quiet", "main");
      git(repo, "merge", "--quiet", "--ff-only", "add-sites");
      await phase("merge", () =>
        ci === "github"
          ? ghRun(
              ctx,
              "facility-apply.yml",
              { name: "push", sha: head, payload: { before: base, after: head } },
              store,
              variables,
            )
          : glRun(ctx, "push", head, { ...glVars, CI_COMMIT_BRANCH: "main", CI_COMMIT_BEFORE_SHA: base }),
      );
      const names = (site: string) =>
        emulators[site]!.list("alarmgroups")
          .map((g) => g.name)
          .sort();
      if (names("hq").join() !== "Building A,Server room" || names("branch").join() !== "Branch office")
        throw new Error(`after the merge: hq ${names("hq")}, branch ${names("branch")}`);

      // 3. Out of band: someone changes the server room's arm delay on the hq appliance.
      const room = emulators.hq!.list("alarmgroups").find((g) => g.name === "Server room")!;
      emulators.hq!.edit("alarmgroups", room.id as number, { arm_delay: 600 });
      say(`== ${ci}: out of band: hq's Server room arm delay 30 → 600`);

      // 4. The nightly drift finds it: the job fails with exit 2, the reports are artifacts.
      const nightly = () =>
        ci === "github"
          ? ghRun(
              ctx,
              "facility-drift.yml",
              { name: "schedule", sha: head, payload: { schedule: "17 2 * * *" } },
              store,
              variables,
            )
          : glRun(ctx, "schedule", head, { ...glVars, CI_COMMIT_BRANCH: "main" });
      await phase("nightly-drift", nightly);

      // 5. Applied by hand (GitHub: Run workflow with sites=hq; GitLab: Run pipeline with SITES=hq).
      await phase("apply-by-hand", () =>
        ci === "github"
          ? ghRun(
              ctx,
              "facility-apply.yml",
              { name: "workflow_dispatch", sha: head, payload: {}, inputs: { sites: "hq" } },
              store,
              variables,
            )
          : glRun(ctx, "web", head, { ...glVars, CI_COMMIT_BRANCH: "main", SITES: "hq" }),
      );
      const after = emulators.hq!.list("alarmgroups").find((g) => g.name === "Server room")!;
      if (after.arm_delay !== 30) throw new Error(`after the apply: arm delay ${after.arm_delay}, not 30`);

      // 6. The next night: in sync.
      await phase("nightly-drift-again", nightly);
    }
    return result;
  } catch (e) {
    // The end of the last job's log says why; the folder goes unless --keep.
    const last = fs
      .readdirSync(logs)
      .map((f) => path.join(logs, f))
      .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs)
      .pop();
    const tail = last
      ? `\n--- ${path.basename(last)}:\n${fs.readFileSync(last, "utf8").split("\n").slice(-40).join("\n")}`
      : "";
    if (!o.keep) result.cleanup();
    throw new Error(`${(e as Error).message}${tail}`);
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
  }
}

if (require.main === module) {
  const keep = process.argv.includes("--keep");
  const ci = process.argv.filter((a): a is Ci => a === "github" || a === "gitlab");
  const started = Date.now();
  rehearse({ ci: ci.length ? ci : undefined, keep })
    .then((r) => {
      console.log(
        `gitops:rehearse: ${r.steps.filter((s) => s.code !== null).length} steps run, ${r.phases.length} phases as expected, ${Math.round((Date.now() - started) / 1000)} s`,
      );
      if (keep) console.log(`kept: ${r.tmp}`);
      else r.cleanup();
    })
    .catch((e: Error) => {
      console.error(`gitops:rehearse: ${e.message}`);
      process.exit(1);
    });
}
