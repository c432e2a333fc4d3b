import { createHash, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Connection } from "../connection";
import type { KindModel } from "./model";
import type { Props } from "./wire";

/** This process: one `up` (or refresh, destroy) of one stack; the provider plugin lives as long as the operation. */
const RUN = randomUUID();

/**
 * Creates recorded on this machine, so that a create an `up` left in flight when it was killed is taken over by the
 * next `up` instead of failing with "already exists" (issue 16). Pulumi keeps such a create as a pending operation in
 * its state and creates the resource again; the provider never hears of it. The same holds for a create whose answer
 * reached the engine just before the kill, before the engine saved it.
 *
 * A record is written before the create call and names this process's run. It is removed when the create made
 * nothing (refused), when the object is next seen in Pulumi's state (a diff, read, update or delete of it: the engine
 * saved it), and when this process ends normally. A create that finds an object with its natural key and a record of
 * another run (one that never got that far) takes the object over; a record of its own run does not count, so two
 * resources with the same natural key in one program still conflict.
 *
 * A record's file name is a hash of the appliance, the kind, the natural key and the program's folder; the file holds
 * the kind, the run and when the create started: no setting and no secret reaches the disk. Records live in
 * `$PULUMI_FACILITY_HOME/creates` (default `~/.pulumi-facility/creates`); where that folder does not survive (a CI
 * runner discarded after the crash), the next `up` fails with "already exists", and `adopt: true` takes the object.
 */
export class CreateJournal {
  private readonly made = new Set<string>();

  /** `dir`: where the records live; default `$PULUMI_FACILITY_HOME/creates`, read at each call. */
  constructor(private readonly dir?: string) {
    process.once("exit", () => {
      for (const file of this.made) fs.rmSync(file, { force: true });
    });
  }

  /** Records a create about to be sent; the function returned says how it ended (`made`: an object exists now). */
  begin(model: KindModel, inputs: Props): (outcome: "made" | "nothing") => void {
    const file = this.fileOf(model, inputs);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const record = { kind: model.kind, run: RUN, started: new Date().toISOString() };
      fs.writeFileSync(file, `${JSON.stringify(record)}\n`);
    } catch {
      return () => {}; // a read-only home: creates work as before, only without the record
    }
    return (outcome) => (outcome === "made" ? this.made.add(file) : fs.rmSync(file, { force: true }));
  }

  /** Whether another run's create of this object was interrupted with its outcome unsaved. */
  interrupted(model: KindModel, inputs: Props): boolean {
    try {
      const record = JSON.parse(fs.readFileSync(this.fileOf(model, inputs), "utf8")) as { run?: string };
      return record.run !== RUN;
    } catch {
      return false;
    }
  }

  /** The object is in Pulumi's state (or gone): its record, if any, has served. */
  forget(model: KindModel, props: Props): void {
    if (!model.keys.searchable) return;
    const file = this.fileOf(model, props);
    this.made.delete(file);
    fs.rmSync(file, { force: true });
  }

  private fileOf(model: KindModel, inputs: Props): string {
    const url = (inputs.connection as Connection | undefined)?.url ?? "";
    const what = [url.replace(/\/+$/, ""), model.kind, model.keys.text(inputs), process.cwd()].join("\n");
    return path.join(this.dir ?? journalDir(), `${createHash("sha256").update(what).digest("hex").slice(0, 32)}.json`);
  }
}

const journalDir = () =>
  path.join(process.env.PULUMI_FACILITY_HOME || path.join(os.homedir(), ".pulumi-facility"), "creates");

export const createJournal = new CreateJournal();
