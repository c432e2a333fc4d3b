/**
 * examples/gitops on the real Pulumi CLI: the pipelines are linted (actionlint for GitHub Actions, the structure and
 * bash of .gitlab-ci.yml and ci/*.sh), then rehearsed (scripts/gitops-rehearse.ts, `npm run gitops:rehearse`): for
 * GitHub Actions and GitLab CI, every step as written against two Kentix emulators: pull request (validate,
 * preview per changed site) → merge (up) → an out-of-band edit → nightly drift exits 2 → apply by hand → nightly
 * drift exits 0, with the JUnit, HTML and Markdown reports as artifacts and no secret in any log or artifact.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { lintGithub, lintGitlab } from "../../scripts/gitops-lint";
import { EXPECTED, REHEARSAL_SECRETS, type RehearsalResult, rehearse } from "../../scripts/gitops-rehearse";
import { plaintextSecrets } from "../secrets";
import { ROOT } from "./support";

const EXAMPLE = path.join(ROOT, "examples/gitops");
let r: RehearsalResult;

/** Every file under dir, as text. */
function texts(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), "utf8"));
}

const artifact = (...parts: string[]) => fs.readFileSync(path.join(r.artifacts, ...parts), "utf8");
const stepCode = (ci: string, phase: string, step: string) =>
  r.steps.find((s) => s.ci === ci && s.phase === phase && s.step === step)?.code;

describe("examples/gitops: the pipelines", () => {
  it("pass actionlint, and the GitLab pipeline's structure and scripts are checked", () => {
    expect(lintGithub().problems).toEqual([]);
    expect(lintGitlab()).toEqual([]);
  });

  describe("rehearsed on the emulators with the real CLI", () => {
    beforeAll(async () => {
      r = await rehearse({ say: () => {} });
    });
    afterAll(() => r?.cleanup());

    it("ends every phase with the exit code it must have, in both CIs", () => {
      expect(r.phases.map((p) => `${p.ci} ${p.phase} ${p.code}`)).toEqual(
        ["github", "gitlab"].flatMap((ci) => Object.entries(EXPECTED).map(([phase, code]) => `${ci} ${phase} ${code}`)),
      );
      // The steps that decide: validate passes, the nightly drift step exits 2 after the edit and 0 after the up.
      expect(stepCode("github", "pull-request", "Check the site files")).toBe(0);
      expect(stepCode("github", "pull-request", "Preview each changed site")).toBe(0);
      expect(stepCode("github", "merge", "Apply")).toBe(0);
      expect(stepCode("github", "nightly-drift", "Drift of every site")).toBe(2);
      expect(stepCode("github", "apply-by-hand", "Apply")).toBe(0);
      expect(stepCode("github", "nightly-drift-again", "Drift of every site")).toBe(0);
      expect(stepCode("gitlab", "nightly-drift", "before_script + script (2 lines)")).toBe(2);
      expect(stepCode("gitlab", "nightly-drift-again", "before_script + script (2 lines)")).toBe(0);
      // The summary, report and artifact steps run after a failed drift step too.
      expect(r.steps.filter((s) => s.phase === "nightly-drift" && s.code === null)).toEqual([
        expect.objectContaining({ ci: "github", step: "npm ci --prefer-offline --no-audit --no-fund" }),
      ]);
    });

    it("runs every run: step of every GitHub workflow at least once", () => {
      const dir = path.join(EXAMPLE, ".github/workflows");
      for (const file of fs.readdirSync(dir)) {
        const wf = parse(fs.readFileSync(path.join(dir, file), "utf8")) as {
          jobs: Record<string, { steps: { name?: string; run?: string; uses?: string }[] }>;
        };
        for (const step of Object.values(wf.jobs).flatMap((j) => j.steps)) {
          const name = step.name ?? step.uses ?? step.run!.split("\n")[0]!;
          expect(
            r.steps.some((s) => s.ci === "github" && s.step === name && s.code !== null),
            `${file}: ${name}`,
          ).toBe(true);
        }
      }
    });

    it("posts the plan as the job summary (GitHub) and as a merge request comment (GitLab)", () => {
      for (const summary of [
        artifact("github", "pull-request", "job-summary-plan.md"),
        artifact("gitlab", "pull-request", "merge-request-comment.md"),
      ]) {
        expect(summary).toContain("## Pulumi preview");
        expect(summary).toContain("| `hq` | ok | + 3 to create |");
        expect(summary).toContain("| `branch` | ok | + 2 to create |");
        expect(summary).toContain("kentix:AlarmGroup::server-room");
      }
      expect(artifact("github", "merge", "job-summary-apply.md")).toContain("- hq");
    });

    it("keeps the JUnit, HTML and Markdown drift reports as artifacts", () => {
      const reports = {
        github: (phase: string, f: string) => artifact("github", phase, "drift-report", "drift", f),
        gitlab: (phase: string, f: string) => artifact("gitlab", phase, "drift", "drift", f),
      };
      for (const get of Object.values(reports)) {
        expect(get("nightly-drift", "drift.xml")).toMatch(/<failure[\s\S]*armDelay/);
        expect(get("nightly-drift", "drift.html")).toContain("<html");
        expect(get("nightly-drift", "drift.md")).toContain("armDelay");
        expect(get("nightly-drift-again", "drift.xml")).not.toContain("<failure");
      }
      expect(artifact("github", "nightly-drift", "junit", "drift.xml")).toContain("<testsuite");
      expect(artifact("github", "nightly-drift", "job-summary-drift.md")).toContain("armDelay");
    });

    it("leaves no secret in any log or artifact", () => {
      for (const text of [...texts(r.logs), ...texts(r.artifacts)]) {
        expect(plaintextSecrets(text)).toEqual([]);
        for (const s of Object.values(REHEARSAL_SECRETS)) expect(text).not.toContain(s);
      }
    });
  });
});
