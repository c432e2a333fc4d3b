/**
 * Type tests of the lifecycle helpers, checked by `tsc` (never run): a declaration is typed as the kind's args,
 * so a misspelt or mistyped input does not compile, in a literal or kept in a variable.
 */
import { AlarmGroup, Webhook } from "../../providers/kentix";
import { createChecked, failingProperties, lifecycleOf, type PlainArgs, unchecked, updateChecked } from "./lifecycle";

const connection = { url: "https://kentix.example" };

export const typedInputs = [
  () => createChecked(AlarmGroup, { connection, name: "Lobby", armDelay: 30 }),
  // @ts-expect-error a misspelt field
  () => createChecked(AlarmGroup, { connection, name: "Lobby", armDelya: 30 }),
  // @ts-expect-error a value outside the field's enumeration
  () => createChecked(Webhook, { connection, name: "SOC", url: "https://soc.example", requestType: "PUSH" }),
  // @ts-expect-error a required field missing
  () => createChecked(AlarmGroup, { connection, armDelay: 30 }),
  () => {
    const declared = { connection, name: "Lobby", stealthMod: true };
    // @ts-expect-error a misspelt field in a declaration kept in a variable
    return createChecked(AlarmGroup, declared);
  },
  // @ts-expect-error a misspelt field in an update
  () => updateChecked(AlarmGroup, "1", {}, { connection, name: "Lobby", sortIdx: 1 }),
  // @ts-expect-error a misspelt field in a check
  () => lifecycleOf(AlarmGroup).check({}, { connection, name: "Lobby", armDelya: 30 }),
  // @ts-expect-error args of another kind
  () => createChecked(AlarmGroup, { connection, name: "SOC", url: "https://soc.example" }),
  // Bad input on purpose says so.
  () => failingProperties(AlarmGroup, unchecked({ connection, name: "Lobby", armDelya: 30 })),
  () => lifecycleOf(AlarmGroup).checkRaw({}, { connection, name: 7 }),
];

/** A declaration's type is the args with plain values (no Output, no Promise). */
export const plain: PlainArgs<typeof AlarmGroup> = { connection, name: "Lobby", parentId: "3", armDelay: 30 };
