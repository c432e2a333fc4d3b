import { UNKNOWN } from "./check";
import { type ConditionalGroup, REQUIRED } from "./spec";
import type { Props } from "./wire";

/**
 * Conditional groups at check: a member set implies the flag, unset members take their defaults (or are
 * required), and a member set while the flag says the group does not apply fails.
 */
export function applyConditionals(
  groups: ConditionalGroup[],
  inputs: Props,
  fail: (property: string, reason: string) => void,
): void {
  for (const group of groups) {
    const flag = inputs[group.flag];
    if (flag === UNKNOWN) continue;
    const set = Object.keys(group.defaults).filter((k) => inputs[k] !== undefined);
    if (flag === !group.activeWhen) {
      for (const k of set)
        fail(k, `has no effect while ${group.flag} is ${flag}; set ${group.flag}: ${group.activeWhen} to use it`);
      continue;
    }
    if (flag === undefined && set.length === 0) continue;
    inputs[group.flag] = group.activeWhen;
    for (const [k, v] of Object.entries(group.defaults)) {
      if (inputs[k] !== undefined) continue;
      if (v === REQUIRED) fail(k, `is required while ${group.flag} is ${group.activeWhen}`);
      else inputs[k] = v;
    }
  }
}
