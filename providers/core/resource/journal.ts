import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Connection } from "../connection";
import type { KindModel } from "./model";
import type { Props } from "./wire";

/**
 * Creates in flight, recorded on this machine: an entry is written before the create call and removed once its
 * outcome is known. An entry still there on a later create of the same object means an earlier `up` was killed
 * (or crashed) with that create in flight: the appliance may have made the object, and Pulumi's state holds it only
 * as a pending operation. That later create then takes the object with this natural key over instead of failing
 * with "already exists" (issue 16: a killed `up` followed by another `up` converges with no user action).
 *
 * An entry names the appliance, the kind, the natural key and the program's folder, hashed (file name only; the
 * file holds the kind and when the create started, nothing else): no setting and no secret reaches the disk. Entries
 * live in `$PULUMI_FACILITY_HOME/creates` (default `~/.pulumi-facility/creates`): where that folder does not survive
 * (a CI runner discarded after the crash), the next `up` fails with "already exists", which says to set `adopt: true`.
 */
export class CreateJournal {
  /** `dir`: where the records live; default `$PULUMI_FACILITY_HOME/creates`, read at each call. */
  constructor(private readonly dir?: string) {}

  /** Records a create about to be sent; returns the function that removes the record once the outcome is known. */
  begin(model: KindModel, inputs: Props): () => void {
    const file = this.fileOf(model, inputs);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, `${JSON.stringify({ kind: model.kind, started: new Date().toISOString() })}\n`);
    } catch {
      return () => {}; // a read-only home: creates work as before, only without the crash record
    }
    return () => fs.rmSync(file, { force: true });
  }

  /** Whether an earlier create of this object was interrupted with its outcome unknown. */
  interrupted(model: KindModel, inputs: Props): boolean {
    return fs.existsSync(this.fileOf(model, inputs));
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
