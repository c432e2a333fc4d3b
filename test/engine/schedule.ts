/**
 * ScheduleDeletes: split condemned resources into rounds (antichains) so that a resource is deleted
 * only after every condemned resource that depends on it; a round runs in parallel.
 */
import { dependencyUrns } from "./state";
import type { ResourceState } from "./types";

export function scheduleDeletes(condemned: ResourceState[]): ResourceState[][] {
  // blockers(r): condemned resources that depend on r and so must be deleted first.
  const deps = new Map(condemned.map((r) => [r, new Set(dependencyUrns(r))]));
  const blockers = new Map<ResourceState, number>();
  for (const r of condemned) {
    blockers.set(r, condemned.filter((o) => o !== r && o.urn !== r.urn && deps.get(o)!.has(r.urn)).length);
  }
  const rounds: ResourceState[][] = [];
  let rest = [...condemned];
  while (rest.length > 0) {
    let round = rest.filter((r) => blockers.get(r) === 0);
    if (round.length === 0) round = [rest[0]]; // cycles cannot come from a valid snapshot; never spin
    rounds.push(round);
    rest = rest.filter((r) => !round.includes(r));
    for (const done of round) {
      for (const r of rest) if (r.urn !== done.urn && deps.get(done)!.has(r.urn)) blockers.set(r, blockers.get(r)! - 1);
    }
  }
  return rounds;
}

/** Resources (in snapshot order) that depend on `root`, directly or not, ignoring parent links. */
export function dependentsOf(root: ResourceState, resources: ResourceState[]): ResourceState[] {
  const reached = new Set<string>([root.urn]);
  const out: ResourceState[] = [];
  for (const r of resources) {
    if (r === root || r.delete) continue;
    const deps = dependencyUrns(r).filter((u) => u !== r.parent);
    if (deps.some((u) => reached.has(u))) {
      reached.add(r.urn);
      out.push(r);
    }
  }
  return out;
}
