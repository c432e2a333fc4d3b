import { UNKNOWN } from "./check";
import { type ConditionalGroup, REQUIRED } from "./spec";
import type { Props } from "./wire";

/** Whether the group applies to the flag's value (a boolean flag, or an enum flag and its value or values). */
export const groupApplies = (group: ConditionalGroup, value: unknown): boolean =>
  Array.isArray(group.activeWhen) ? group.activeWhen.includes(value as string | number) : value === group.activeWhen;

/** `flag` is `v` (or `a` or `b`), for messages and docs. */
export const whenText = (group: ConditionalGroup): string =>
  `\`${group.flag}\` is ${[group.activeWhen]
    .flat()
    .map((v) => `\`${v}\``)
    .join(" or ")}`;

/**
 * Conditional groups at check: a member set implies the flag (when one value makes the group apply), unset members
 * take their defaults (or are required), and a member set while the flag says the group does not apply fails.
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
    const when = whenText(group).replaceAll("`", "");
    if (flag !== undefined && !groupApplies(group, flag)) {
      const to = [group.activeWhen].flat().join(" or ");
      for (const k of set) fail(k, `has no effect while ${group.flag} is ${flag}; set ${group.flag}: ${to} to use it`);
      continue;
    }
    if (flag === undefined && set.length === 0) continue;
    if (flag === undefined && Array.isArray(group.activeWhen)) {
      fail(
        group.flag,
        `is required when ${set.join(", ")} ${set.length > 1 ? "are" : "is"} set (they apply while ${when})`,
      );
      continue;
    }
    if (flag === undefined) inputs[group.flag] = group.activeWhen;
    for (const [k, v] of Object.entries(group.defaults)) {
      if (inputs[k] !== undefined) continue;
      if (v === REQUIRED) fail(k, `is required while ${when}`);
      else if (v !== undefined) inputs[k] = v; // undefined: no default, the member stays unset
    }
  }
}
